"""Running one state change as one write transaction, retried on PostgreSQL when a concurrent
transaction won a unique key or a serialization race (the retry re-reads and then either
succeeds or refuses with a clear DomainError). A delete that a RESTRICT foreign key refuses
(financial rows refer to the row) is a Conflict, never an internal error."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from . import db
from .errors import Conflict

T = TypeVar("T")
MAX_ATTEMPTS = 8
REFERRED_BY_MONEY = (
    "Refused: folios, payments, invoices or journal entries refer to it, and financial "
    "records are never deleted."
)


async def run_write(change: Callable[[], Awaitable[T]], *, conflict_message: str) -> T:
    """Run ``change`` in a write transaction; retry races, report a lasting race as Conflict."""
    if db.current_unit() is not None:
        return await change()
    for attempt in range(MAX_ATTEMPTS):
        try:
            async with db.write_transaction():
                return await change()
        except Exception as exc:
            if db.is_foreign_key_violation(exc):
                raise Conflict(REFERRED_BY_MONEY) from exc
            if not (db.is_unique_violation(exc) or db.is_retryable(exc)):
                raise
            if attempt == MAX_ATTEMPTS - 1:
                raise Conflict(conflict_message) from exc
    raise AssertionError("unreachable")
