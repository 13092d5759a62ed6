"""A lean POST /graphql for trusted documents: the schema executed straight from the ASGI call.

A request's fixed cost before and after GraphQL execution (measured in-process on a trivial
query, docs/performance.md) was about a third of its CPU: Litestar's routing and dependency
injection (strawberry's controller resolves five dependencies per request), strawberry's view
(request adapter, body parsing, context, response object) and the response's rendering. For a
request naming a known document (graphql/execution/trusted.py) none of that has anything to
decide, so this middleware, inside the security middleware (authentication, rate limits,
budget and idempotency have run), executes the schema itself and sends the JSON.

Everything else takes the normal path, untouched: another method or path, a body that is not
one JSON object, an unknown or refused document, an operation that cannot be picked without
strawberry's error, a subscription, ``@defer``/``@stream``, a streaming ``Accept``. The answer
is strawberry's own: the same ``schema.execute`` with the same arguments, the same
``process_result`` and encoding, the 503 of an unreachable database as the controller sets
it. Installed only with the execution shortcuts on (``FRONTDESK_EXECUTION_SHORTCUTS``)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

import msgspec
from litestar import Request
from strawberry.http import process_result
from strawberry.types.graphql import OperationType

from frontdesk.graphql.execution.trusted import DocumentRefused, KnownDocument, TrustedDocuments
from graphql import OperationDefinitionNode

from .availability_of_database import RETRY_AFTER_SECONDS, is_unavailable_answer

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ContextFor = Callable[[Scope, Request], Awaitable[Any]]
ALLOWED = {OperationType.QUERY, OperationType.MUTATION}  # what strawberry allows on POST


class Known(NamedTuple):
    """A request the lean path answers: the document and what to run it with."""

    document: KnownDocument
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


def known_request(body: bytes, trusted: TrustedDocuments) -> Known | None:
    """The request in ``body`` when the lean path can answer it exactly; None otherwise."""
    try:
        payload = trusted.resolve(json.loads(body))
    except (ValueError, DocumentRefused):
        return None  # the normal path answers it (400 and its message)
    if not isinstance(payload, dict):
        return None
    document = trusted.by_text(payload.get("query"))
    variables, name = payload.get("variables"), payload.get("operationName")
    extensions = payload.get("extensions")
    if (
        document is None
        or not isinstance(variables, dict | None)
        or not isinstance(extensions, dict | None)
        or not isinstance(name, str | None)
        or "@defer" in document.text
        or "@stream" in document.text
    ):
        return None
    operations = [
        d for d in document.document.definitions if isinstance(d, OperationDefinitionNode)
    ]
    if name:
        operations = [d for d in operations if d.name is not None and d.name.value == name]
    if len(operations) != 1 or operations[0].operation.value == "subscription":
        return None
    return Known(document, variables, name, extensions)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


class KnownDocumentPost:
    """ASGI middleware answering POSTs of trusted documents (see the module doc)."""

    answered = 0  # requests this path answered, all instances (tests read it)

    def __init__(
        self, app: Any, *, schema: Any, context_for: ContextFor, path: str = "/graphql"
    ) -> None:
        self.app = app
        self.schema = schema
        self.trusted: TrustedDocuments = schema.trusted_documents
        self.context_for = context_for
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or scope["path"] != self.path
            or "application/json" not in _header(scope, b"content-type")
            or "multipart" in (accept := _header(scope, b"accept"))
            or "event-stream" in accept
        ):
            await self.app(scope, receive, send)
            return
        body = await _body(receive)
        replay = _replay(body)
        known = known_request(body, self.trusted)
        if known is None:
            await self.app(scope, replay, send)
            return
        await self._answer(scope, replay, send, known)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, known: Known) -> None:
        context = await self.context_for(scope, Request(scope, receive))
        result = await self.schema.execute(
            known.document.text,
            variable_values=known.variables,
            context_value=context,
            operation_name=known.operation_name,
            allowed_operation_types=ALLOWED,
            operation_extensions=known.extensions,
        )
        data = process_result(result)
        encoded = msgspec.json.encode(data)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(encoded)).encode()),
        ]
        status = 200
        if is_unavailable_answer(data):
            status = 503
            headers.append((b"retry-after", str(RETRY_AFTER_SECONDS).encode()))
        KnownDocumentPost.answered += 1
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": encoded, "more_body": False})


async def _body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
