"""Idempotency keys: a retried request with the same key and body gets the first response
without the work being done twice; the same key with another body is refused. Keys are
scoped to the caller and expire after 24 hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ..errors import Conflict
from ..transactions import run_write
from .common import aware, now
from .secrets import sha256
from .tables import AuthIdempotencyKey

KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class Outcome:
    """``state``: ``started`` (run it, then finish), ``replay`` (send status/body),
    ``mismatch`` (same key, other body) or ``in_progress`` (the first is still running)."""

    state: str
    scope_hash: str
    status_code: int | None = None
    body: str | None = None


async def begin(principal: str, key: str, request_body: bytes) -> Outcome:
    scope = sha256(f"{principal}\0{key}")
    request_hash = sha256(request_body.decode("utf-8", "replace"))
    moment = now()

    async def change() -> Outcome:
        await AuthIdempotencyKey.delete().where(AuthIdempotencyKey.expires_at < moment)
        row = (
            await AuthIdempotencyKey.objects().where(AuthIdempotencyKey.scope_hash == scope).first()
        )
        if row is not None and aware(row.expires_at) > moment:
            if row.request_hash != request_hash:
                return Outcome("mismatch", scope)
            if row.status_code is None:
                return Outcome("in_progress", scope)
            return Outcome("replay", scope, row.status_code, row.response_body)
        await AuthIdempotencyKey(
            scope_hash=scope,
            principal=principal[:120],
            request_hash=request_hash,
            expires_at=moment + KEY_LIFETIME,
        ).save()
        return Outcome("started", scope)

    try:
        return await run_write(change, conflict_message="The idempotency key is in use.")
    except Conflict:  # a concurrent first request won the unique key
        return Outcome("in_progress", scope)


async def finish(scope_hash: str, status_code: int, body: str) -> None:
    async def change() -> None:
        await AuthIdempotencyKey.update(
            {AuthIdempotencyKey.status_code: status_code, AuthIdempotencyKey.response_body: body}
        ).where(AuthIdempotencyKey.scope_hash == scope_hash)

    await run_write(change, conflict_message="The response could not be stored.")


async def abandon(scope_hash: str) -> None:
    """Forget a key whose request failed on the server, so a retry may run it again."""

    async def change() -> None:
        await AuthIdempotencyKey.delete().where(AuthIdempotencyKey.scope_hash == scope_hash)

    await run_write(change, conflict_message="The key could not be released.")
