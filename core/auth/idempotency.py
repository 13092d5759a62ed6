"""Idempotency keys: a retried request with the same key and body gets the first response
without the work being done twice; the same key with another body is refused. Keys are
scoped to the caller and expire after 24 hours.

As Stripe does it: the key row is committed first with a lease, then the work and the
response it produced commit in one transaction (``finish`` runs inside it). So after a crash
at any point a retry finds either a stored response (replayed) or none, in which case the
work was not committed either; once the lease has run out the retry runs it afresh. The lease
outlasts the request time budget, so a request still running is never taken over."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from ..errors import Conflict
from ..transactions import run_write
from .common import aware, now
from .secrets import sha256
from .tables import AuthIdempotencyKey

KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255


class LeaseLost(Conflict):
    """The request outlived its lease and another took the key over: its work rolls back."""

    code = "IDEMPOTENCY_KEY_IN_PROGRESS"


@dataclass(frozen=True)
class Outcome:
    """``state``: ``started`` (run it, then finish), ``replay`` (send status/body),
    ``mismatch`` (same key, other body) or ``in_progress`` (the first is still running)."""

    state: str
    scope_hash: str
    status_code: int | None = None
    body: str | None = None
    lease_token: str = ""


async def begin(principal: str, key: str, request_body: bytes, *, lease: timedelta) -> Outcome:
    scope = sha256(f"{principal}\0{key}")
    request_hash = sha256(request_body.decode("utf-8", "replace"))
    moment = now()
    token = secrets.token_hex(16)

    async def change() -> Outcome:
        await AuthIdempotencyKey.delete().where(AuthIdempotencyKey.expires_at < moment)
        row = (
            await AuthIdempotencyKey.objects().where(AuthIdempotencyKey.scope_hash == scope).first()
        )
        if row is not None and aware(row.expires_at) > moment:
            if row.request_hash != request_hash:
                return Outcome("mismatch", scope)
            if row.status_code is not None:
                return Outcome("replay", scope, row.status_code, row.response_body)
            if row.leased_until is not None and aware(row.leased_until) > moment:
                return Outcome("in_progress", scope)
            # Abandoned: the server running it died before its work (and answer) committed.
            await AuthIdempotencyKey.update(
                {
                    AuthIdempotencyKey.lease_token: token,
                    AuthIdempotencyKey.leased_until: moment + lease,
                }
            ).where(AuthIdempotencyKey.id == row.id)
            return Outcome("started", scope, lease_token=token)
        await AuthIdempotencyKey(
            scope_hash=scope,
            principal=principal[:120],
            request_hash=request_hash,
            expires_at=moment + KEY_LIFETIME,
            lease_token=token,
            leased_until=moment + lease,
        ).save()
        return Outcome("started", scope, lease_token=token)

    try:
        return await run_write(change, conflict_message="The idempotency key is in use.")
    except Conflict:  # a concurrent first request won the unique key
        return Outcome("in_progress", scope)


async def finish(outcome: Outcome, status_code: int, body: str) -> None:
    """Store the response; call it inside the transaction of the work it describes. Raises
    LeaseLost (rolling the work back) when another request has taken the key over."""

    async def change() -> None:
        stored = (
            await AuthIdempotencyKey.update(
                {
                    AuthIdempotencyKey.status_code: status_code,
                    AuthIdempotencyKey.response_body: body,
                    AuthIdempotencyKey.leased_until: None,
                }
            )
            .where(
                (AuthIdempotencyKey.scope_hash == outcome.scope_hash)
                & (AuthIdempotencyKey.lease_token == outcome.lease_token)
                & AuthIdempotencyKey.status_code.is_null()
            )
            .returning(AuthIdempotencyKey.id)
        )
        if not stored:
            raise LeaseLost("A request with this Idempotency-Key is still running.")

    await run_write(change, conflict_message="The response could not be stored.")


async def abandon(outcome: Outcome) -> None:
    """Forget a key whose request failed on the server, so a retry may run it again."""

    async def change() -> None:
        await AuthIdempotencyKey.delete().where(
            (AuthIdempotencyKey.scope_hash == outcome.scope_hash)
            & (AuthIdempotencyKey.lease_token == outcome.lease_token)
            & AuthIdempotencyKey.status_code.is_null()
        )

    await run_write(change, conflict_message="The key could not be released.")
