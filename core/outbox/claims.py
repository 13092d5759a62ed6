"""Claiming an outbox message with a lease, and recording an attempt only under that lease.

Works on any outbox table with ``status``, ``next_attempt_at``, ``claimed_until`` and
``claimed_by`` columns (the shared ``outbox_message``, whatever the channel):

1. A deliverer claims a due message with a conditional UPDATE that sets a lease, in its own
   short transaction. Only one deliverer's UPDATE matches, on SQLite (one writer) and
   PostgreSQL (row lock, then the condition is re-checked) alike, so two server processes
   never send a message at the same time; a killed deliverer's lease runs out and the message
   is sent again with the same idempotency key.
2. The message is sent outside any transaction.
3. The outcome is written only if the lease is still this deliverer's.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..transactions import run_write

WORKER_ID = f"worker-{uuid.uuid4().hex[:12]}"


def utcnow() -> datetime:
    return datetime.now(UTC)


async def claim(
    table: Any, message_id: int, *, now: datetime, worker: str, lease_seconds: float
) -> Any | None:
    """The message, claimed by ``worker`` until ``now + lease_seconds``; None when it is not
    due or another deliverer holds it."""
    lease = now + timedelta(seconds=lease_seconds)

    async def change() -> Any | None:
        claimed = (
            await table.update({table.claimed_until: lease, table.claimed_by: worker})
            .where(
                (table.id == message_id)
                & (table.status != "delivered")
                & table.next_attempt_at.is_not_null()
                & (table.next_attempt_at <= now)
                & (table.claimed_until.is_null() | (table.claimed_until < now))
            )
            .returning(table.id)
        )
        if not claimed:
            return None
        return await table.objects().where(table.id == message_id).first()

    return await run_write(change, conflict_message="The message was claimed concurrently.")


async def settle(
    table: Any,
    message_id: int,
    *,
    worker: str,
    values: dict[Any, Any],
    also: Callable[[], Awaitable[None]] | None = None,
) -> bool:
    """Write an attempt's outcome (and ``also``, in the same transaction) if ``worker``
    still holds the lease; False when the lease was lost and nothing was written."""
    values = values | {table.claimed_until: None, table.claimed_by: None}

    async def change() -> bool:
        done = (
            await table.update(values)
            .where((table.id == message_id) & (table.claimed_by == worker))
            .returning(table.id)
        )
        if done and also is not None:
            await also()
        return bool(done)

    return await run_write(change, conflict_message="The message changed concurrently.")
