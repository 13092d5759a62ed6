"""The live-event broker: committed domain events fanned out to GraphQL subscriptions.

Core raises ``frontdesk_event_committed`` after every commit (core/events.py). ``LiveRelay``
is registered on the plugin manager by the server and hands each event, reduced to ids and
names (``LiveEvent``), to the broker; the broker delivers it to every subscription of that
property in every server process:

* ``InProcessBroker`` (SQLite: one server process) delivers in memory;
* ``PostgresBroker`` (graphql/live/postgres.py) publishes with ``pg_notify`` and delivers
  what its LISTEN connection receives, so an event committed by one process reaches the
  subscribers of all of them (the publisher's own process included).

Delivery is at most once: a subscriber that misses events (a full queue, a LISTEN connection
being re-established) re-reads through normal queries, which it has to do anyway because an
event carries ids only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, Protocol

import pluggy

from frontdesk.core.events import DomainEvent

log = logging.getLogger("frontdesk.live")
hookimpl = pluggy.HookimplMarker("frontdesk")

#: Events waiting for one slow subscriber before it starts missing them.
QUEUE_SIZE = 256
#: Keys of ``DomainEvent.data`` copied to the live event: ids only, never names or amounts.
ID_KEYS = {"stay_id": "stay_id", "room_id": "room_id", "folio_id": "folio_id"}


@dataclass(frozen=True)
class LiveEvent:
    """What a subscriber receives: the event's name and the ids to re-query, no PII."""

    name: str
    property_id: int
    subject_id: int | None
    occurred_at: str
    stay_id: int | None = None
    room_id: int | None = None
    folio_id: int | None = None
    business_date: str | None = None

    @classmethod
    def from_domain(cls, event: DomainEvent) -> LiveEvent | None:
        """None for an event of no property (nobody could be scoped to receive it)."""
        if event.property_id is None:
            return None
        data = event.data or {}
        ids = {key: _int(data.get(key)) for key in ID_KEYS}
        area = event.name.partition(".")[0]
        if area in ("stay", "room", "folio"):
            ids[f"{area}_id"] = event.subject_id
        if event.name == "stay.room_moved":
            ids["room_id"] = _int(data.get("to_room_id"))
        business_date = data.get("business_date")
        return cls(
            name=event.name,
            property_id=event.property_id,
            subject_id=event.subject_id,
            occurred_at=event.occurred_at.isoformat(),
            business_date=business_date if isinstance(business_date, str) else None,
            **ids,
        )

    def encode(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def decode(cls, text: str) -> LiveEvent:
        return cls(**json.loads(text))

    @property
    def occurred(self) -> datetime:
        return datetime.fromisoformat(self.occurred_at)

    @property
    def business_day(self) -> date | None:
        return date.fromisoformat(self.business_date) if self.business_date else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Broker(Protocol):
    """Where committed events go and subscriptions listen; one per server process."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, event: LiveEvent) -> None:
        """Hand ``event`` to the subscribers of its property in every process."""

    def listen(
        self, property_id: int, subscription: str = "events"
    ) -> contextlib.AbstractAsyncContextManager[asyncio.Queue]:
        """A queue receiving the events of ``property_id`` while the context is open, counted
        under the ``subscription`` field that asked for it."""


class LocalFanOut:
    """Per-property subscriber queues of one process; the brokers deliver through it."""

    def __init__(self) -> None:
        self.queues: dict[int, set[asyncio.Queue]] = {}
        #: Open subscriptions by field (``events``, ``boardChanged``…), for /metrics: a key
        #: stays once seen, so a field whose screens all closed reports 0 rather than nothing.
        self.by_subscription: dict[str, int] = {}
        self.dropped = 0
        #: The loop that serves the subscriptions (and owns any connection), set at start.
        self.loop: asyncio.AbstractEventLoop | None = None

    def foreign_loop(self) -> asyncio.AbstractEventLoop | None:
        """The owning loop when the caller runs on another one (another thread), else None.

        A commit made outside the server's loop (a command or a test in another thread, with
        the same plugin manager) must not touch the owner's queues or its connection from
        there: asyncio objects are not thread-safe, and asyncpg crashes the process when a
        connection is used from two threads."""
        owner = self.loop
        if owner is None or owner.is_closed():
            return None
        try:
            current = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        return owner if current is not owner else None

    @contextlib.asynccontextmanager
    async def listen(
        self, property_id: int, subscription: str = "events"
    ) -> AsyncIterator[asyncio.Queue]:
        queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_SIZE)
        self.queues.setdefault(property_id, set()).add(queue)
        self.by_subscription[subscription] = self.by_subscription.get(subscription, 0) + 1
        try:
            yield queue
        finally:
            self.by_subscription[subscription] -= 1
            subscribers = self.queues.get(property_id, set())
            subscribers.discard(queue)
            if not subscribers:
                self.queues.pop(property_id, None)

    def deliver(self, event: LiveEvent) -> None:
        for queue in list(self.queues.get(event.property_id, ())):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                self.dropped += 1
                log.warning("a live subscriber of property %s is too slow", event.property_id)


class InProcessBroker(LocalFanOut):
    """One server process (SQLite): publishing is delivering."""

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()

    async def stop(self) -> None:
        return None

    async def publish(self, event: LiveEvent) -> None:
        owner = self.foreign_loop()
        if owner is not None:
            owner.call_soon_threadsafe(self.deliver, event)
            return
        self.deliver(event)


class LiveRelay:
    """The server's implementation of ``frontdesk_event_committed``: committed events to the
    broker. Registered on the plugin manager as ``frontdesk.live`` (not a plugin a hotel
    enables: it is part of the server)."""

    def __init__(self, broker: Broker) -> None:
        self.broker = broker

    @hookimpl
    async def frontdesk_event_committed(self, event: DomainEvent) -> None:
        live = LiveEvent.from_domain(event)
        if live is not None:
            await self.broker.publish(live)


def make_broker(engine: Any) -> Broker:
    """PostgreSQL: LISTEN/NOTIFY across processes; otherwise one process in memory."""
    from piccolo.engine.postgres import PostgresEngine

    if isinstance(engine, PostgresEngine):
        from .postgres import PostgresBroker

        return PostgresBroker(engine.config)
    return InProcessBroker()
