"""A channel delivered in order (the accounting bridge's journal): one queue per property and
target, only its oldest undelivered message due, and a failing queue holds back its own
messages and no one else's. On the shared outbox of core alone, with a send that fails for
one target until told otherwise."""

from __future__ import annotations

from datetime import timedelta

from frontdesk.core.outbox import claims, queue
from frontdesk.core.outbox.policy import Outcome
from frontdesk.core.outbox.tables import OutboxMessage
from frontdesk.core.transactions import run_write

CHANNEL = "ordered-test"


class Receiver:
    """Takes every message except those for a target in ``refusing``; ``sent`` is the order
    in which messages were handed over (refused ones included)."""

    def __init__(self) -> None:
        self.refusing: set[str] = set()
        self.sent: list[str] = []

    async def send(self, message: OutboxMessage) -> Outcome:
        self.sent.append(message.message_id)
        if message.target in self.refusing:
            return Outcome("retry", None, "HTTP 500")
        return Outcome("delivered")


async def _queue(*keys: str) -> None:
    async def change() -> None:
        for key in keys:
            await queue.enqueue(
                channel=CHANNEL,
                target=key[0],
                property_id=None,
                event_type="test",
                payload="{}",
                message_id=key,
            )

    await run_write(change, conflict_message="busy")


async def _statuses() -> dict[str, str]:
    rows = await OutboxMessage.select(OutboxMessage.message_id, OutboxMessage.status).where(
        OutboxMessage.channel == CHANNEL
    )
    return {r["message_id"]: r["status"] for r in rows}


async def test_a_failing_queue_holds_back_only_its_own_messages(runtime):
    await _queue("a1", "b1", "a2", "b2", "a3")
    receiver = Receiver()
    receiver.refusing = {"a"}
    now = claims.utcnow() + timedelta(seconds=1)

    report = await queue.deliver_due(CHANNEL, receiver.send, now=now, in_order=True)

    assert (report.delivered, report.failed) == (2, 1)
    assert receiver.sent == ["a1", "b1", "b2"]  # a2 and a3 wait behind the failed a1
    assert await _statuses() == {
        "a1": "failed",
        "a2": "pending",
        "a3": "pending",
        "b1": "delivered",
        "b2": "delivered",
    }

    receiver.refusing.clear()
    later = now + timedelta(hours=2)  # past any backoff
    report = await queue.deliver_due(CHANNEL, receiver.send, now=later, in_order=True)

    assert (report.delivered, report.failed) == (3, 0)
    assert receiver.sent[3:] == ["a1", "a2", "a3"]
    assert set((await _statuses()).values()) == {"delivered"}


async def test_a_pass_stops_at_its_batch_and_the_next_goes_on_in_order(runtime):
    await _queue("a1", "a2", "a3")
    receiver = Receiver()
    now = claims.utcnow() + timedelta(seconds=1)

    first = await queue.deliver_due(CHANNEL, receiver.send, now=now, in_order=True, batch=2)
    second = await queue.deliver_due(CHANNEL, receiver.send, now=now, in_order=True, batch=2)

    assert (first.delivered, second.delivered) == (2, 1)
    assert receiver.sent == ["a1", "a2", "a3"]
