"""The HTTP side of security, in front of POST /graphql (an ASGI middleware):

1. request body size limit (413), read once and replayed to the GraphQL view;
2. authentication: ``Authorization: Bearer <API key or access token>``; an unknown, expired
   or revoked credential gets 401, and so does an anonymous request for anything but the
   public operations (login, refreshSession);
3. rate limiting per principal (per client address when anonymous) with RateLimit headers;
4. idempotency: with an ``Idempotency-Key`` header a retry with the same body replays the
   first response, the same key with another body is refused (422)
   (graphql/security_idempotency.py);
5. the request's time budget (503 once it is spent); a body that is not UTF-8 gets 400.

The principal is handed to the GraphQL context through ``scope["frontdesk_principal"]``."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from frontdesk.core.auth.authenticate import principal_for_bearer
from frontdesk.core.auth.principal import Principal
from graphql import FieldNode, GraphQLError, OperationDefinitionNode, parse

from .cost import budget_error, request_deadline
from .idempotency import run_idempotent
from .ratelimit import RateLimiter

PRINCIPAL_KEY = "frontdesk_principal"
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class BodyTooLarge(Exception):
    pass


def _headers(scope: Scope) -> dict[str, str]:
    """The request's headers by lower-case name."""
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _error_body(message: str, code: str, **extra: Any) -> bytes:
    return json.dumps(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code, **extra}}]}
    ).encode()


def public_operation(
    body: bytes, public_fields: frozenset[str], text_for: Callable[[Any], Any] | None = None
) -> bool:
    """True when every operation in the request selects only public root fields;
    ``text_for`` gives a request's document when it names a trusted one by hash."""
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        return False
    requests = payload if isinstance(payload, list) else [payload]
    return bool(requests) and all(_public(r, public_fields, text_for) for r in requests)


def _public(request: Any, public_fields: frozenset[str], text_for: Callable | None) -> bool:
    if not isinstance(request, dict):
        return False
    text = text_for(request) if text_for is not None else request.get("query")
    if not isinstance(text, str):
        return False
    try:
        document = parse(text, max_tokens=2000)
    except GraphQLError:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    name = request.get("operationName")
    if name:
        operations = [op for op in operations if op.name and op.name.value == name]
    if len(operations) != 1:
        return False
    operation = operations[0]
    root = operation.operation.value.capitalize()
    selections = operation.selection_set.selections
    return all(
        isinstance(s, FieldNode)
        and (s.name.value == "__typename" or f"{root}.{s.name.value}" in public_fields)
        for s in selections
    )


class SecurityMiddleware:
    def __init__(
        self,
        app: Callable,
        *,
        max_body_bytes: int,
        limiter: RateLimiter,
        public_fields: frozenset[str],
        budget_seconds: float = 30.0,
        lease: timedelta = timedelta(seconds=60),
        path: str = "/graphql",
        plugin_prefix: str | None = None,
        unauthenticated_hint: str = "",
        document_text: Callable[[Any], Any] | None = None,
    ) -> None:
        self.app = app
        self.document_text = document_text
        self.budget_seconds = budget_seconds
        # A key is never taken over from a request that may still be running.
        self.lease = max(lease, timedelta(seconds=budget_seconds + 1))
        self.max_body_bytes = max_body_bytes
        self.limiter = limiter
        self.public_fields = public_fields
        self.path = path
        self.plugin_prefix = plugin_prefix
        self.unauthenticated_hint = unauthenticated_hint

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.plugin_prefix
            and scope["type"] == "http"
            and scope["path"].startswith(self.plugin_prefix)
        ):
            await self._plugin_route(scope, receive, send)
            return
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        body = await self._checked_body(receive, send, headers)
        if body is None:
            return
        principal = await self._authenticate(headers)
        client = (scope.get("client") or ("unknown", 0))[0]
        decision = await self.limiter.acquire(principal.key if principal else f"address:{client}")
        rate_headers = decision.headers()
        if not decision.allowed:
            await _respond(
                send,
                429,
                _error_body("Too many requests; slow down.", "RATE_LIMITED"),
                rate_headers,
            )
            return
        if principal is None and not (
            "authorization" not in headers
            and public_operation(body, self.public_fields, self.document_text)
        ):
            message = (
                "The credentials are invalid, expired or revoked."
                if "authorization" in headers
                else " ".join(filter(None, ["Authentication required.", self.unauthenticated_hint]))
            )
            await _respond(
                send,
                401,
                _error_body(message, "UNAUTHENTICATED"),
                [*rate_headers, (b"www-authenticate", b"Bearer")],
            )
            return
        scope[PRINCIPAL_KEY] = principal
        key = headers.get("idempotency-key")
        owner = principal.key if principal else f"address:{client}"
        await self._within_budget(scope, send, body, key, owner, rate_headers)

    async def _checked_body(
        self, receive: Receive, send: Send, headers: dict[str, str]
    ) -> bytes | None:
        """The request body, or None once a too large or non-UTF-8 body has been answered."""
        try:
            body = await self._read(receive, headers)
        except BodyTooLarge:
            await _respond(
                send,
                413,
                _error_body(
                    f"The request body exceeds {self.max_body_bytes} bytes.", "BODY_TOO_LARGE"
                ),
            )
            return None
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as bad:
            await _respond(
                send,
                400,
                _error_body(
                    f"The request body is not valid UTF-8 (byte {bad.start}); send JSON in UTF-8.",
                    "INVALID_BODY",
                ),
            )
            return None
        return body

    async def _within_budget(
        self,
        scope: Scope,
        send: Send,
        body: bytes,
        key: str | None,
        owner: str,
        rate_headers: list[tuple[bytes, bytes]],
    ) -> None:
        """Run the request under its time budget: validation checks the deadline as it walks
        the document, and whatever awaits past it is cancelled (its transaction rolled back)
        and answered 503, so no request holds the process."""
        started = False

        async def tracked(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        sender = _with_headers(tracked, rate_headers)

        async def respond(
            status: int, message: Any, code: str | None = None, headers: Any = ()
        ) -> None:
            payload = message if code is None else _error_body(message, code)
            await _respond(sender, status, payload, list(headers))

        async def run(target: Send) -> None:
            await self.app(scope, _replay(body), target)

        token = request_deadline.set(time.monotonic() + self.budget_seconds)
        try:
            async with asyncio.timeout(self.budget_seconds):
                if key is None:
                    await run(sender)
                else:
                    await run_idempotent(
                        run, sender, respond, body=body, key=key, owner=owner, lease=self.lease
                    )
        except TimeoutError:
            if not started:
                await respond(503, budget_error(self.budget_seconds), "TIME_BUDGET_EXCEEDED")
        finally:
            request_deadline.reset(token)

    async def _plugin_route(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A plugin's HTTP route: the same credential check and rate limit as the API; an
        anonymous caller reaches the handler, which decides (``require_principal``)."""
        headers = _headers(scope)
        principal = await self._authenticate(headers)
        client = (scope.get("client") or ("unknown", 0))[0]
        decision = await self.limiter.acquire(principal.key if principal else f"address:{client}")
        rate_headers = decision.headers()
        if not decision.allowed:
            await _respond(
                send,
                429,
                _error_body("Too many requests; slow down.", "RATE_LIMITED"),
                rate_headers,
            )
            return
        if principal is None and "authorization" in headers:
            await _respond(
                send,
                401,
                _error_body("The credentials are invalid, expired or revoked.", "UNAUTHENTICATED"),
                [*rate_headers, (b"www-authenticate", b"Bearer")],
            )
            return
        scope[PRINCIPAL_KEY] = principal
        await self.app(scope, receive, _with_headers(send, rate_headers))

    async def _read(self, receive: Receive, headers: dict[str, str]) -> bytes:
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body_bytes:
            raise BodyTooLarge
        chunks, size = [], 0
        while True:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise BodyTooLarge
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    async def _authenticate(self, headers: dict[str, str]) -> Principal | None:
        raw = headers.get("authorization", "")
        scheme, _, credential = raw.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return await principal_for_bearer(credential.strip())


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def _with_headers(send: Send, extra: list[tuple[bytes, bytes]]) -> Send:
    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return wrapped


async def _respond(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
