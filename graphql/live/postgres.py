"""Live events across server processes on PostgreSQL: NOTIFY to publish, LISTEN to deliver.

Each server process keeps one dedicated asyncpg connection (outside Piccolo's pool, which
hands connections out per query and would drop the LISTEN): it LISTENs on ``CHANNEL`` and
publishes with ``pg_notify``. PostgreSQL delivers a notification to every listening session,
the publisher's own included, so a process delivers to its local subscribers only what comes
back over LISTEN and every process sees every event exactly once.

The connection is supervised: when PostgreSQL restarts (or the session is terminated, or a
heartbeat fails) it is re-opened with a growing back-off and LISTEN is issued again. Events
committed while it is down are not replayed; subscribers re-query (see graphql/live/broker.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import asyncpg

from .broker import LiveEvent, LocalFanOut

log = logging.getLogger("frontdesk.live")

CHANNEL = "frontdesk_live"
APPLICATION_NAME = "frontdesk-live"
#: Seconds between liveness checks of an idle LISTEN connection.
HEARTBEAT_SECONDS = 10.0
#: Back-off between reconnection attempts, doubling from the first to the last.
RETRY_SECONDS = (0.2, 5.0)


class PostgresBroker(LocalFanOut):
    """The broker of one server process on PostgreSQL (see the module docstring)."""

    def __init__(self, engine_config: dict[str, Any]) -> None:
        super().__init__()
        self.connect_kwargs = {
            key: value
            for key, value in engine_config.items()
            if key not in ("min_size", "max_size")
        }
        self.connection: asyncpg.Connection | None = None
        self.connected = asyncio.Event()
        self.connections_opened = 0
        self._lock = asyncio.Lock()
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Start the supervisor and wait (briefly) for the first LISTEN, so events committed
        right after start-up are not missed. The event and lock are made here, on the loop that
        serves the app: one app may be started again on another loop (the test clients do)."""
        self.loop = asyncio.get_running_loop()
        self.connection = None
        self.connected = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task = asyncio.create_task(self._supervise(), name="frontdesk-live-listener")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.connected.wait(), timeout=10)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None

    async def publish(self, event: LiveEvent) -> None:
        """NOTIFY; if the connection is down the event is dropped and logged (at most once).

        Called from another thread's loop, the NOTIFY is handed to the owning loop (the
        connection belongs to it) and not awaited: the commit is done either way."""
        if self.loop is None or self.loop.is_closed():
            self.dropped += 1  # never started, or its loop is gone (and the connection with it)
            return
        owner = self.foreign_loop()
        if owner is not None:
            notify = self._notify(event)
            try:
                asyncio.run_coroutine_threadsafe(notify, owner)
            except RuntimeError:  # the owning loop closed meanwhile
                notify.close()
                self.dropped += 1
            return
        await self._notify(event)

    async def _notify(self, event: LiveEvent) -> None:
        connection = self.connection
        if connection is None:
            self.dropped += 1
            log.warning("live event %s dropped: no LISTEN connection", event.name)
            return
        try:
            async with self._lock:
                await connection.execute("SELECT pg_notify($1, $2)", CHANNEL, event.encode())
        except Exception:  # noqa: BLE001 - the request already committed; never fail it
            self.dropped += 1
            log.warning("live event %s dropped: NOTIFY failed", event.name, exc_info=True)

    def _on_notify(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            event = LiveEvent.decode(payload)
        except (ValueError, TypeError):
            log.warning("ignoring a malformed live notification")
            return
        self.deliver(event)

    async def _supervise(self) -> None:
        delay = RETRY_SECONDS[0]
        while True:
            try:
                await self._listen_until_lost()
                delay = RETRY_SECONDS[0]
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure means: reconnect
                log.warning("live LISTEN connection failed (%s); retrying in %.1f s", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RETRY_SECONDS[1])

    async def _listen_until_lost(self) -> None:
        connection = await asyncpg.connect(
            **self.connect_kwargs,
            timeout=10,
            server_settings={"application_name": APPLICATION_NAME},
        )
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _c: lost.set())
        try:
            await connection.add_listener(CHANNEL, self._on_notify)
            self.connection = connection
            self.connections_opened += 1
            self.connected.set()
            log.info("live events: listening on PostgreSQL channel %s", CHANNEL)
            while not lost.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(lost.wait(), timeout=HEARTBEAT_SECONDS)
                if not lost.is_set():
                    async with self._lock:
                        await asyncio.wait_for(connection.execute("SELECT 1"), timeout=5)
            log.warning("live LISTEN connection lost; reconnecting")
        finally:
            self.connection = None
            self.connected.clear()
            connection.terminate()
