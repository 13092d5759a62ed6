"""How far behind the shared outbox is, per channel: what ``/metrics`` reports so an alert
fires when webhooks or guest e-mail stop leaving (a receiver down, SMTP refusing).

* waiting: messages that will be sent (pending, or failed with a next attempt planned),
  claimed ones included; ``oldest_seconds`` is the age of the oldest of them, so a stuck
  channel shows as a growing age even when few messages wait;
* given up: failed messages with no next attempt (the attempts ran out, or the endpoint
  answered 410); they wait for someone to replay them.

The channels this installation knows (``webhook``, ``email``) are always reported, at 0
when nothing waits, so an alert can tell "empty" from "not measured"; any other channel
(``accounting``, the accounting bridge's journal) appears while it has messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from piccolo.query.functions.aggregate import Count

from .claims import utcnow
from .tables import OutboxMessage

CHANNELS = ("webhook", "email")


@dataclass(frozen=True)
class ChannelBacklog:
    channel: str
    waiting: int = 0
    oldest_seconds: float = 0.0
    given_up: int = 0


def _waiting():
    return OutboxMessage.status.is_in(["pending", "failed"]) & (
        OutboxMessage.next_attempt_at.is_not_null()
    )


def _given_up():
    return (OutboxMessage.status == "failed") & OutboxMessage.next_attempt_at.is_null()


async def _counts(condition) -> dict[str, int]:
    found = (
        await OutboxMessage.select(OutboxMessage.channel, Count(alias="n"))
        .where(condition)
        .group_by(OutboxMessage.channel)
    )
    return {row["channel"]: row["n"] for row in found}


async def _oldest(channel: str) -> datetime | None:
    row = (
        await OutboxMessage.select(OutboxMessage.created_at)
        .where(_waiting() & (OutboxMessage.channel == channel))
        .order_by(OutboxMessage.created_at)
        .first()
    )
    return row["created_at"] if row else None


async def backlog(now: datetime | None = None) -> list[ChannelBacklog]:
    """Every known channel and every channel with messages, by name; read outside any
    transaction (a scrape needs no snapshot across the counts)."""
    moment = now or utcnow()
    waiting, given_up = await _counts(_waiting()), await _counts(_given_up())
    report = []
    for channel in sorted(set(CHANNELS) | set(waiting) | set(given_up)):
        oldest = await _oldest(channel) if waiting.get(channel) else None
        age = max(0.0, (moment - oldest).total_seconds()) if oldest else 0.0
        report.append(
            ChannelBacklog(channel, waiting.get(channel, 0), age, given_up.get(channel, 0))
        )
    return report
