"""The HTTP side of security, in front of POST /graphql (an ASGI middleware):

1. request body size limit (413), read once and replayed to the GraphQL view;
2. authentication: ``Authorization: Bearer <API key or access token>``; an unknown, expired
   or revoked credential gets 401, and so does an anonymous request for anything but the
   public operations (login, refreshSession);
3. rate limiting per principal (per client address when anonymous) with RateLimit headers;
4. idempotency: with an ``Idempotency-Key`` header a retry with the same body replays the
   first response, the same key with another body is refused (422).

The principal is handed to the GraphQL context through ``scope["frontdesk_principal"]``."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from frontdesk.core.auth import idempotency
from frontdesk.core.auth.authenticate import principal_for_bearer
from frontdesk.core.auth.principal import Principal
from graphql import FieldNode, GraphQLError, OperationDefinitionNode, parse

from .security_ratelimit import RateLimiter

PRINCIPAL_KEY = "frontdesk_principal"
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class BodyTooLarge(Exception):
    pass


def _error_body(message: str, code: str, **extra: Any) -> bytes:
    return json.dumps(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code, **extra}}]}
    ).encode()


def public_operation(body: bytes, public_fields: frozenset[str]) -> bool:
    """True when every operation in the request selects only public root fields."""
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        return False
    requests = payload if isinstance(payload, list) else [payload]
    return bool(requests) and all(_public(r, public_fields) for r in requests)


def _public(request: Any, public_fields: frozenset[str]) -> bool:
    if not isinstance(request, dict) or not isinstance(request.get("query"), str):
        return False
    try:
        document = parse(request["query"], max_tokens=2000)
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
        path: str = "/graphql",
        plugin_prefix: str | None = None,
        unauthenticated_hint: str = "",
    ) -> None:
        self.app = app
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
        headers = {
            k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])
        }
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
            "authorization" not in headers and public_operation(body, self.public_fields)
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
        if key is not None:
            owner = principal.key if principal else f"address:{client}"
            await self._idempotent(scope, send, body, key, owner, rate_headers)
            return
        await self.app(scope, _replay(body), _with_headers(send, rate_headers))

    async def _plugin_route(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A plugin's HTTP route: the same credential check and rate limit as the API; an
        anonymous caller reaches the handler, which decides (``require_principal``)."""
        headers = {
            k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])
        }
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

    async def _idempotent(
        self,
        scope: Scope,
        send: Send,
        body: bytes,
        key: str,
        owner: str,
        rate_headers: list[tuple[bytes, bytes]],
    ) -> None:
        if not key or len(key) > idempotency.MAX_KEY_LENGTH:
            await _respond(
                send,
                400,
                _error_body(
                    f"Idempotency-Key must be 1-{idempotency.MAX_KEY_LENGTH} characters.",
                    "INVALID_IDEMPOTENCY_KEY",
                ),
                rate_headers,
            )
            return
        outcome = await idempotency.begin(owner, key, body)
        if outcome.state == "mismatch":
            await _respond(
                send,
                422,
                _error_body(
                    "This Idempotency-Key was used with a different request body.",
                    "IDEMPOTENCY_KEY_REUSED",
                ),
                rate_headers,
            )
            return
        if outcome.state == "in_progress":
            await _respond(
                send,
                409,
                _error_body(
                    "A request with this Idempotency-Key is still running.",
                    "IDEMPOTENCY_KEY_IN_PROGRESS",
                ),
                rate_headers,
            )
            return
        if outcome.state == "replay":
            await _respond(
                send,
                outcome.status_code or 200,
                (outcome.body or "").encode(),
                [*rate_headers, (b"idempotent-replayed", b"true")],
            )
            return
        captured: dict[str, Any] = {"status": 500, "body": []}

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, _replay(body), _with_headers(capture, rate_headers))
        except BaseException:
            await idempotency.abandon(outcome.scope_hash)
            raise
        if captured["status"] >= 500:
            await idempotency.abandon(outcome.scope_hash)
        else:
            await idempotency.finish(
                outcome.scope_hash,
                captured["status"],
                b"".join(captured["body"]).decode("utf-8", "replace"),
            )


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
