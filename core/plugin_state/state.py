"""The effective state of every plugin per property, as this process last read it.

Every server process reads the whole ``core_plugin_state`` table (a row per choice: a few
dozen at most) into a :class:`Snapshot` at most every :data:`TTL_SECONDS`, so a change made by
another process (the CLI, another worker) is picked up within that delay without a restart,
on SQLite and PostgreSQL alike, at the cost of one small read per second per busy process.
The process that makes a change reads it again at once (:func:`reload`). A server keeps
the snapshot fresh from a background task (:func:`refresh_loop`), so no request pays for it.

Rules: a property's own row wins; else the installation's row (property null); else the
plugin is enabled (no row: the behaviour before the table existed). Plugins left out by a
``FRONTDESK_PLUGINS`` override are not registered at all, so their rows are never consulted.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import db, runtime
from .tables import PluginState

#: How stale a process's view of the enabled plugins may be (seconds): docs/operations.md.
TTL_SECONDS = 1.0

Choices = dict[tuple[str, int | None], bool]


@dataclass(frozen=True)
class Snapshot:
    """The chosen states, by (plugin, property id or None for the installation)."""

    choices: Choices = field(default_factory=dict)
    loaded_at: float = 0.0

    def enabled(self, plugin: str, property_id: int | None) -> bool:
        """Whether ``plugin`` acts for ``property_id`` (None: for the installation as such,
        e.g. a guest, who belongs to no property)."""
        whole = self.choices.get((plugin, None), True)
        if property_id is None:
            return whole
        return self.choices.get((plugin, property_id), whole)

    def enabled_anywhere(self, plugin: str) -> bool:
        """On for the installation or at least one property: its routes and tasks stay up."""
        if self.choices.get((plugin, None), True):
            return True
        return any(on for (name, prop), on in self.choices.items() if name == plugin and prop)

    def disabled_plugins(self, names: list[str], property_id: int | None) -> tuple[str, ...]:
        """Which of ``names`` must not hear of something that concerns ``property_id``."""
        if not self.choices:
            return ()
        return tuple(name for name in names if not self.enabled(name, property_id))

    def any_disabled(self) -> bool:
        return not all(self.choices.values())


@dataclass
class StateCache:
    """One runtime's snapshot, and the hook relays filtered by it (built once per set of
    plugins to leave out: pluggy's ``subset_hook_caller`` is not free)."""

    snapshot: Snapshot = field(default_factory=Snapshot)
    relays: dict[tuple[str, ...], Any] = field(default_factory=dict)
    # True while refresh_loop keeps the snapshot fresh (a server): requests read it as is
    live: bool = False
    # bumped by every change made here: a background read begun before it is stale
    generation: int = 0


def cache(rt: runtime.Runtime | None = None) -> StateCache:
    rt = rt or runtime.current()
    if rt.plugin_state is None:
        rt.plugin_state = StateCache()
    return rt.plugin_state


async def load() -> Snapshot:
    rows = await PluginState.select(PluginState.plugin, PluginState.property, PluginState.enabled)
    choices: Choices = {(row["plugin"], row["property"]): bool(row["enabled"]) for row in rows}
    return Snapshot(choices=choices, loaded_at=time.monotonic())


async def fresh(rt: runtime.Runtime | None = None) -> Snapshot:
    """The snapshot, at most :data:`TTL_SECONDS` old: in a server, as the refresher last read
    it (no statement on the request's path); elsewhere (a command, a test) re-read when
    older than that."""
    state = cache(rt)
    if not state.live and time.monotonic() - state.snapshot.loaded_at > TTL_SECONDS:
        state.snapshot = await load()
    return state.snapshot


def current(rt: runtime.Runtime | None = None) -> Snapshot:
    """The snapshot as last read, without a database round trip (for synchronous callers
    that run after an awaited :func:`fresh` in the same request)."""
    return cache(rt).snapshot


async def reload(rt: runtime.Runtime | None = None) -> None:
    """Read the table again now: the process that made a change sees it at once.

    Inside the change's transaction the read sees the change; it is read again once that
    transaction commits, and any background read begun before then is dropped: such a read
    could see the table as it was and, landing after ours, show the old state for up to
    :data:`TTL_SECONDS` (a hotel just turned off still showing its concierge requests)."""
    state = cache(rt)
    await _read_now(state)
    unit = db.current_unit()
    if unit is not None:
        unit.after_commit.append(lambda: _read_now(state))


async def _read_now(state: StateCache) -> None:
    state.generation += 1
    state.snapshot = await load()


REFRESH_TASK_NAME = "frontdesk: plugins' state refresh"
"""The name of :func:`refresh_loop`'s task: statement counts of a request leave it out."""


async def refresh_loop(rt: runtime.Runtime, log: Any) -> None:
    """The server's background task: re-read the state every :data:`TTL_SECONDS`, so requests
    and events read it without a statement of their own; a failed read keeps the last
    snapshot (the database being away is reported by the requests themselves)."""
    state = cache(rt)
    # the first read is the server's start-up's (``reload`` before this task starts): a read
    # in flight when a short-lived server stops (a test client's lifespan per request) was
    # cancelled half-way and could leave its SQLite connection's thread holding the database
    state.live = True
    try:
        while True:
            await asyncio.sleep(TTL_SECONDS)
            began = state.generation
            try:
                snapshot = await load()
                if state.generation == began:
                    state.snapshot = snapshot
            except Exception:  # noqa: BLE001 - the next round tries again
                log.warning("could not read the plugins' state; keeping the last one")
    finally:
        state.live = False


async def is_enabled(plugin: str, property_id: int | None) -> bool:
    """Whether ``plugin`` is registered here and on for ``property_id``."""
    rt = runtime.current()
    if plugin not in rt.enabled_plugins:
        return False
    return (await fresh(rt)).enabled(plugin, property_id)


async def enabled_for_any(plugin: str, property_ids: Iterable[int] | None) -> bool:
    """Whether ``plugin`` is on for at least one of ``property_ids`` (None: any property, or
    the installation): what a caller limited to some hotels may see of it (the web desk's
    panels)."""
    rt = runtime.current()
    if plugin not in rt.enabled_plugins:
        return False
    snapshot = await fresh(rt)
    if property_ids is None:
        return snapshot.enabled_anywhere(plugin)
    return any(snapshot.enabled(plugin, prop) for prop in property_ids)


async def hooks_for(property_id: int | None) -> Any:
    """``pm.hook`` without the plugins disabled for ``property_id``: the one place where
    core's event hooks are filtered (core/events.py calls it for every event)."""
    rt = runtime.current()
    snapshot = await fresh(rt)
    off = snapshot.disabled_plugins(rt.enabled_plugins, property_id)
    if not off:
        return rt.plugin_manager.hook
    relays = cache(rt).relays
    relay = relays.get(off)
    if relay is None:
        relay = relays[off] = SubsetRelay(rt.plugin_manager, off)
    return relay


class SubsetRelay:
    """``pm.hook`` with some plugins left out, hook by hook (``pm.subset_hook_caller``)."""

    def __init__(self, pm: Any, left_out: tuple[str, ...]) -> None:
        self._pm = pm
        self._left_out = [pm.get_plugin(name) for name in left_out if pm.get_plugin(name)]
        self._callers: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        caller = self._callers.get(name)
        if caller is None:
            caller = self._pm.subset_hook_caller(name, remove_plugins=self._left_out)
            self._callers[name] = caller
        return caller
