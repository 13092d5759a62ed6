"""The shared outbox: enqueue in the change's transaction, deliver in passes, replay.

A channel (``webhook``, ``email``) owns how a message leaves: it hands ``deliver_due`` an
async ``send(message) -> Outcome``. Messages of a channel are independent of each other (no
ordering between them), so a failing target never holds up another.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .. import db
from ..errors import NotFound
from ..transactions import run_write
from . import claims
from .policy import Outcome, next_attempt_delay
from .tables import OutboxAttempt, OutboxMessage

log = logging.getLogger("frontdesk.outbox")
Send = Callable[[OutboxMessage], Awaitable[Outcome]]


@dataclass(frozen=True)
class RetryPolicy:
    """How a channel retries: backoff base and cap (seconds), attempts before giving up,
    and how long a deliverer's claim lasts."""

    base: float = 2.0
    cap: float = 3600.0
    max_attempts: int = 25
    lease_seconds: float = 120.0


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0


async def enqueue(
    *, channel: str, target: str, property_id: int | None, event_type: str, payload: str
) -> OutboxMessage:
    """Write one message inside the current write transaction: it commits or rolls back
    with the change it reports."""
    if db.current_unit() is None:
        raise RuntimeError("outbox messages are written inside the change's transaction")
    message = OutboxMessage(
        property=property_id,
        channel=channel,
        target=target,
        event_type=event_type,
        message_id=f"msg_{uuid.uuid4().hex}",
        payload=payload,
        status="pending",
        next_attempt_at=claims.utcnow(),
    )
    await message.save()
    return message


async def _due(channel: str, now: datetime, limit: int) -> list[int]:
    rows = (
        await OutboxMessage.select(OutboxMessage.id)
        .where(
            (OutboxMessage.channel == channel)
            & (OutboxMessage.status != "delivered")
            & OutboxMessage.next_attempt_at.is_not_null()
            & (OutboxMessage.next_attempt_at <= now)
            & (OutboxMessage.claimed_until.is_null() | (OutboxMessage.claimed_until < now))
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return [r["id"] for r in rows]


def _outcome_values(
    message: OutboxMessage, outcome: Outcome, now: datetime, policy: RetryPolicy
) -> dict[Any, Any]:
    attempts = message.attempts + 1
    if outcome.kind == "delivered":
        return {
            OutboxMessage.attempts: attempts,
            OutboxMessage.status: "delivered",
            OutboxMessage.delivered_at: claims.utcnow(),
            OutboxMessage.last_error: None,
            OutboxMessage.next_attempt_at: None,
        }
    delay = next_attempt_delay(attempts, base=policy.base, cap=policy.cap)
    delay = max(delay, outcome.retry_after_seconds or 0.0)
    give_up = outcome.kind == "disable" or attempts >= policy.max_attempts
    return {
        OutboxMessage.attempts: attempts,
        OutboxMessage.status: "failed",
        OutboxMessage.last_error: (outcome.error or outcome.kind)[:500],
        OutboxMessage.next_attempt_at: None if give_up else now + timedelta(seconds=delay),
    }


async def _attempt(message: OutboxMessage, send: Send) -> Outcome:
    try:
        return await send(message)
    except Exception as exc:  # noqa: BLE001 - a broken channel must not stop the deliverer
        log.exception("sending outbox message %s failed", message.id)
        return Outcome("retry", None, f"{type(exc).__name__}: {exc}")


async def deliver_due(
    channel: str,
    send: Send,
    *,
    policy: RetryPolicy = RetryPolicy(),
    batch: int = 50,
    now: datetime | None = None,
    worker: str = claims.WORKER_ID,
) -> DeliveryReport:
    """One pass: claim and send up to ``batch`` due messages of ``channel``; each outcome is
    written with its line in the delivery log. ``now`` lets tests move the clock."""
    report = DeliveryReport()
    moment = now or claims.utcnow()
    for message_id in await _due(channel, moment, batch):
        message = await claims.claim(
            OutboxMessage, message_id, now=moment, worker=worker, lease_seconds=policy.lease_seconds
        )
        if message is None:
            continue
        outcome = await _attempt(message, send)

        async def log_attempt(message: OutboxMessage = message, outcome: Outcome = outcome) -> None:
            await OutboxAttempt.insert(
                OutboxAttempt(
                    message=message.id,
                    attempt=message.attempts + 1,
                    outcome=outcome.kind,
                    error=(outcome.error or None) and outcome.error[:500],
                    worker=worker,
                )
            )

        values = _outcome_values(message, outcome, moment, policy)
        if await claims.settle(
            OutboxMessage, message.id, worker=worker, values=values, also=log_attempt
        ):
            if outcome.kind == "delivered":
                report.delivered += 1
            else:
                report.failed += 1
    return report


async def replay(*, message_id: int, channel: str) -> OutboxMessage:
    """Send a message again now, whatever became of it (receivers deduplicate on its id)."""

    async def change() -> OutboxMessage:
        rows = (
            await OutboxMessage.update(
                {
                    OutboxMessage.status: "pending",
                    OutboxMessage.next_attempt_at: claims.utcnow(),
                    OutboxMessage.claimed_until: None,
                    OutboxMessage.claimed_by: None,
                }
            )
            .where((OutboxMessage.id == message_id) & (OutboxMessage.channel == channel))
            .returning(OutboxMessage.id)
        )
        if not rows:
            raise NotFound(f"Message {message_id} does not exist.", field="messageId")
        return await OutboxMessage.objects().where(OutboxMessage.id == message_id).first()

    return await run_write(change, conflict_message="The message changed concurrently; retry.")


async def attempts_of(message_ids: list[int]) -> dict[int, list[OutboxAttempt]]:
    """The delivery log of some messages, oldest attempt first."""
    rows = (
        await OutboxAttempt.objects()
        .where(OutboxAttempt.message.is_in(message_ids or [-1]))
        .order_by(OutboxAttempt.id)
    )
    found: dict[int, list[OutboxAttempt]] = {}
    for row in rows:
        found.setdefault(row.message, []).append(row)
    return found
