"""The HTTP side of idempotency keys (core/auth/idempotency.py holds the rows).

The first request with a key runs with its response held back: the work, the audit record
and the stored response commit in one transaction, and only then is the response sent. A
crash before that commit leaves neither work nor answer (the retry runs afresh once the key's
lease is over); a crash after it leaves both (the retry replays the answer)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from frontdesk.core.auth import idempotency
from frontdesk.core.transactions import one_transaction

Send = Callable[[dict[str, Any]], Awaitable[None]]
Respond = Callable[..., Awaitable[None]]


class _ServerFailed(Exception):
    """The response is a server error: roll the work back and release the key."""


class _HeldResponse:
    """The messages of a response, kept until the transaction has committed."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.status = 500

    async def send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        self.messages.append(message)

    def body(self) -> bytes:
        return b"".join(
            m.get("body", b"") for m in self.messages if m["type"] == "http.response.body"
        )

    async def forward(self, send: Send) -> None:
        for message in self.messages:
            await send(message)


async def run_idempotent(
    app: Callable[[Send], Awaitable[None]],
    send: Send,
    respond: Respond,
    *,
    body: bytes,
    key: str,
    owner: str,
    lease: timedelta,
) -> None:
    """Answer one request carrying ``Idempotency-Key: key``; ``app(send)`` runs the request,
    ``respond(status, body_bytes, code=None, headers=())`` answers it directly."""
    if not key or len(key) > idempotency.MAX_KEY_LENGTH:
        await respond(
            400,
            f"Idempotency-Key must be 1-{idempotency.MAX_KEY_LENGTH} characters.",
            "INVALID_IDEMPOTENCY_KEY",
        )
        return
    outcome = await idempotency.begin(owner, key, body, lease=lease)
    if outcome.state == "mismatch":
        await respond(
            422,
            "This Idempotency-Key was used with a different request body.",
            "IDEMPOTENCY_KEY_REUSED",
        )
        return
    if outcome.state == "in_progress":
        message = "A request with this Idempotency-Key is still running."
        await respond(409, message, "IDEMPOTENCY_KEY_IN_PROGRESS")
        return
    if outcome.state == "replay":
        await respond(
            outcome.status_code or 200,
            (outcome.body or "").encode(),
            None,
            [(b"idempotent-replayed", b"true")],
        )
        return
    held = _HeldResponse()
    try:
        async with one_transaction():
            await app(held.send)
            if held.status >= 500:
                raise _ServerFailed
            await idempotency.finish(outcome, held.status, held.body().decode("utf-8", "replace"))
    except _ServerFailed:
        await idempotency.abandon(outcome)
    except idempotency.LeaseLost as lost:
        await respond(409, lost.message, lost.code)
        return
    except BaseException:
        await idempotency.abandon(outcome)
        raise
    await held.forward(send)
