"""Values fetched for many keys at once, without a future per key.

A DataLoader gives every key its own future and completes a ``gather`` over them: for a
board's look-ahead (150 stays: guests, rooms, room types, balances) that bookkeeping cost a
tenth of the request, more than the statements it batched. ``Batch`` keeps what the request
has fetched in a plain dictionary (``values``, read synchronously by the row fields) and
gathers the keys asked for in one turn of the event loop into one call of ``fetch``, so the
three lists of a board still cost one statement per kind. A key already being fetched
waits for that fetch instead of being fetched again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

Fetch = Callable[[list[Any]], Awaitable[list[Any]]]


class Batch:
    """Values by key for one request; ``await load_many(keys)`` fills ``values``."""

    def __init__(self, fetch: Fetch, values: dict[Any, Any] | None = None) -> None:
        self._fetch = fetch
        self.values: dict[Any, Any] = {} if values is None else values
        self._queued: dict[Any, None] = {}  # keys of the batch not started yet, in order
        self._next: asyncio.Future[None] | None = None  # done when that batch is fetched
        self._in_flight: dict[Any, asyncio.Future[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def load_many(self, keys: Iterable[Any]) -> None:
        """Fetch the keys not fetched yet, together with every key asked for in this turn
        of the event loop; raises what ``fetch`` raised."""
        waits: set[asyncio.Future[None]] = set()
        for key in keys:
            if key in self.values:
                continue
            pending = self._in_flight.get(key)
            if pending is None:
                if self._next is None:
                    loop = asyncio.get_running_loop()
                    self._next = loop.create_future()
                    loop.call_soon(self._dispatch)
                pending = self._in_flight[key] = self._next
                self._queued[key] = None
            waits.add(pending)
        for pending in waits:
            await pending

    def _dispatch(self) -> None:
        keys, done = list(self._queued), self._next
        self._queued, self._next = {}, None
        if done is None:
            return
        task = asyncio.ensure_future(self._run(keys, done))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, keys: list[Any], done: asyncio.Future[None]) -> None:
        try:
            values = await self._fetch(keys)
            self.values.update(zip(keys, values, strict=True))
        except Exception as exc:  # noqa: BLE001 - handed to every caller waiting for it
            done.set_exception(exc)
        else:
            done.set_result(None)
        finally:
            for key in keys:
                self._in_flight.pop(key, None)
