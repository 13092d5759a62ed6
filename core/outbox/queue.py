"""The shared outbox: enqueue in the change's transaction, deliver in passes, replay.

A channel (``webhook``, ``email``, ``accounting``) owns how a message leaves: it hands
``deliver_due`` an async ``send(message) -> Outcome``. By default the messages of a channel are
independent of each other, so a failing target never holds up another. A channel whose
receivers need them in order (``in_order``: the accounting bridge's journal) gets one queue per
property and target: only the oldest undelivered message of each is due, and a failed one
holds back those behind it until it goes through or is retried by hand.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .. import db, runtime
from ..errors import NotFound
from ..settings import SettingSpec
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

    @classmethod
    def from_settings(
        cls,
        *,
        base: SettingSpec,
        cap: SettingSpec,
        max_attempts: SettingSpec,
        lease_seconds: SettingSpec,
    ) -> RetryPolicy:
        """The policy a channel's own settings give, read from the running installation."""
        read = runtime.current().settings.plugin_setting
        return cls(
            base=float(read(base)),
            cap=float(read(cap)),
            max_attempts=int(read(max_attempts)),
            lease_seconds=float(read(lease_seconds)),
        )


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0


async def enqueue(
    *,
    channel: str,
    target: str,
    property_id: int | None,
    event_type: str,
    payload: str,
    message_id: str | None = None,
) -> OutboxMessage:
    """Write one message inside the current write transaction: it commits or rolls back
    with the change it reports. ``message_id`` (default: a random ``msg_…``) is the key the
    receiver deduplicates on; a channel that derives it from what the message carries gets
    the database's unique key as a guard against queueing the same thing twice."""
    if db.current_unit() is None:
        raise RuntimeError("outbox messages are written inside the change's transaction")
    message = OutboxMessage(
        property=property_id,
        channel=channel,
        target=target,
        event_type=event_type,
        message_id=message_id or f"msg_{uuid.uuid4().hex}",
        payload=payload,
        status="pending",
        next_attempt_at=claims.utcnow(),
    )
    await message.save()
    return message


async def _heads(channel: str) -> list[int]:
    """The oldest undelivered message of each (property, target) queue of ``channel``."""
    rows = await OutboxMessage.raw(
        "SELECT MIN(id) AS id FROM outbox_message WHERE channel = {} AND status != 'delivered' "
        "GROUP BY property, target",
        channel,
    )
    return sorted(r["id"] for r in rows)


async def _due(channel: str, now: datetime, limit: int, in_order: bool) -> list[int]:
    if in_order:
        return await _heads(channel)  # claiming checks which heads are due
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


async def _deliver_one(
    message_id: int, send: Send, moment: datetime, policy: RetryPolicy, worker: str
) -> Outcome | None:
    """Claim, send and record one message; None when it was not ours to send (not due,
    claimed by another deliverer, or its lease lapsed before the outcome was written)."""
    message = await claims.claim(
        OutboxMessage, message_id, now=moment, worker=worker, lease_seconds=policy.lease_seconds
    )
    if message is None:
        return None
    outcome = await _attempt(message, send)

    async def log_attempt() -> None:
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
    settled = await claims.settle(
        OutboxMessage, message.id, worker=worker, values=values, also=log_attempt
    )
    return outcome if settled else None


async def deliver_due(
    channel: str,
    send: Send,
    *,
    policy: RetryPolicy = RetryPolicy(),
    batch: int = 50,
    now: datetime | None = None,
    worker: str = claims.WORKER_ID,
    in_order: bool = False,
) -> DeliveryReport:
    """One pass: claim and send up to ``batch`` due messages of ``channel``; each outcome is
    written with its line in the delivery log. ``in_order``: only queue heads are due, and the
    pass goes on with the next heads while it delivers. ``now`` lets tests move the clock."""
    report = DeliveryReport()
    attempts = 0
    while attempts < batch:
        delivered_before = report.delivered
        moment = now or claims.utcnow()
        for message_id in await _due(channel, moment, batch - attempts, in_order):
            if attempts >= batch:
                break
            outcome = await _deliver_one(message_id, send, moment, policy, worker)
            if outcome is None:
                continue
            attempts += 1
            if outcome.kind == "delivered":
                report.delivered += 1
            else:
                report.failed += 1
        if not in_order or report.delivered == delivered_before:
            break
    return report


_AGAIN = {
    OutboxMessage.status: "pending",
    OutboxMessage.claimed_until: None,
    OutboxMessage.claimed_by: None,
}


async def replay(*, message_id: int, channel: str) -> OutboxMessage:
    """Send a message again now, whatever became of it (receivers deduplicate on its id)."""

    async def change() -> OutboxMessage:
        rows = (
            await OutboxMessage.update(_AGAIN | {OutboxMessage.next_attempt_at: claims.utcnow()})
            .where((OutboxMessage.id == message_id) & (OutboxMessage.channel == channel))
            .returning(OutboxMessage.id)
        )
        if not rows:
            raise NotFound(f"Message {message_id} does not exist.", field="messageId")
        return await OutboxMessage.objects().where(OutboxMessage.id == message_id).first()

    return await run_write(change, conflict_message="The message changed concurrently; retry.")


async def retry_failed(
    *, channel: str, property_id: int, message_ids: list[int] | None = None
) -> int:
    """Queue a property's failed messages of ``channel`` (or only ``message_ids`` among them)
    for an attempt now, e.g. once a receiver is fixed; how many were queued."""

    async def change() -> int:
        condition = (
            (OutboxMessage.channel == channel)
            & (OutboxMessage.property == property_id)
            & (OutboxMessage.status == "failed")
        )
        if message_ids is not None:
            condition &= OutboxMessage.id.is_in(message_ids or [-1])
        rows = (
            await OutboxMessage.update(_AGAIN | {OutboxMessage.next_attempt_at: claims.utcnow()})
            .where(condition)
            .returning(OutboxMessage.id)
        )
        return len(rows)

    return await run_write(change, conflict_message="The outbox changed concurrently; retry.")


async def rewrite_payloads(
    *, channel: str, message_ids: list[str], rewrite: Callable[[str], str | None]
) -> int:
    """Inside the current write transaction: replace the payload of the messages of
    ``channel`` with these ``message_id`` keys by ``rewrite(payload)`` where it returns text
    (None: unchanged). For erasing personal data from what waits to be sent (GDPR)."""
    if db.current_unit() is None:
        raise RuntimeError("payloads are rewritten inside the change's transaction")
    rows = await OutboxMessage.select(OutboxMessage.id, OutboxMessage.payload).where(
        (OutboxMessage.channel == channel) & OutboxMessage.message_id.is_in(message_ids or [""])
    )
    changed = 0
    for row in rows:
        text = rewrite(row["payload"])
        if text is not None and text != row["payload"]:
            await OutboxMessage.update({OutboxMessage.payload: text}).where(
                OutboxMessage.id == row["id"]
            )
            changed += 1
    return changed


async def delivery_loop(
    deliver: Callable[[], Awaitable[DeliveryReport]], pause: Callable[[], float], name: str
) -> None:
    """A channel's background task, run until cancelled: pause, then deliver passes while they
    deliver something. A failing pass is logged and retried after the next pause (the task
    outlives a database restart). It pauses first so a starting server is fully up (and its
    pool ready) before the first pass; every process may run it (claims keep a message from
    being sent twice at once)."""
    while True:
        await asyncio.sleep(pause())
        try:
            while (await deliver()).delivered:
                pass
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the deliverer outlives a bad pass
            log.exception("%s delivery pass failed", name)


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
