"""Running one state change as one write transaction, retried on PostgreSQL when a concurrent
transaction won a unique key or a serialization race (the retry re-reads and then either
succeeds or refuses with a clear DomainError)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from . import db
from .errors import Conflict

T = TypeVar("T")
MAX_ATTEMPTS = 8


async def run_write(change: Callable[[], Awaitable[T]], *, conflict_message: str) -> T:
    """Run ``change`` in a write transaction; retry races, report a lasting race as Conflict."""
    if db.current_unit() is not None:
        return await change()
    for attempt in range(MAX_ATTEMPTS):
        try:
            async with db.write_transaction():
                return await change()
        except Exception as exc:
            if not (db.is_unique_violation(exc) or db.is_retryable(exc)):
                raise
            if attempt == MAX_ATTEMPTS - 1:
                raise Conflict(conflict_message) from exc
    raise AssertionError("unreachable")
