"""Turning a plugin on and off, per property or for the whole installation, and running its
catch-up (``frontdesk_plugin_enabled``) when it comes back on.

Enabling flips the state first and runs the catch-up after: from that moment every new event
reaches the plugin, and the hook covers what happened before (an idempotent hook may see a
movement twice, never miss one). The catch-up runs outside any request transaction, with
status pending -> running -> done / failed per (plugin, property), so a failed one is retried
with ``frontdesk plugins catch-up`` (the hook is idempotent: running it again is safe).
Disabling writes nothing but the state row: the plugin's data stays untouched."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import traceback
from dataclasses import dataclass
from datetime import UTC, date, datetime

from .. import db, runtime
from ..errors import InvalidInput, NotFound
from ..plugins import is_awaitable
from ..properties.tables import Property
from ..transactions import run_write
from . import state
from .tables import PluginState

log = logging.getLogger("frontdesk.plugins")
CONFLICT = "The plugin's state changed at the same moment; try again."


@dataclass(frozen=True)
class CatchUp:
    """The outcome of one ``frontdesk_plugin_enabled`` run."""

    plugin: str
    property_code: str
    status: str  # done / failed
    summary: str | None = None
    error: str | None = None


def check_plugin(plugin: str) -> None:
    """Refuse a plugin this process does not run (not installed, or left out by the
    ``FRONTDESK_PLUGINS`` override, which wins over the database)."""
    rt = runtime.current()
    if plugin not in rt.enabled_plugins:
        running = ", ".join(rt.enabled_plugins) or "none"
        raise InvalidInput(
            f"Unknown plugin {plugin!r}: this installation runs {running}.", field="plugin"
        )


async def properties_named(code: str | None) -> list[Property]:
    """The property with ``code`` (every property when None); an unknown code is refused."""
    if code is None:
        return list(await Property.objects().order_by(Property.code))
    found = await Property.objects().where(Property.code == code).first()
    if found is None:
        raise NotFound(f"No property with code {code!r}.", field="property")
    return [found]


def scope_key(plugin: str, property_id: int | None) -> str:
    return f"{plugin}@{'*' if property_id is None else property_id}"


async def _row(plugin: str, property_id: int | None) -> PluginState | None:
    return (
        await PluginState.objects()
        .where(PluginState.scope_key == scope_key(plugin, property_id))
        .first()
    )


async def _save(plugin: str, property_id: int | None, **values: object) -> PluginState:
    """Insert or update the state row of (plugin, property); the unique ``scope_key`` makes
    two processes writing the same row at once one row (the loser retries as an update)."""
    row = await _row(plugin, property_id)
    if row is None:
        row = PluginState(
            plugin=plugin, property=property_id, scope_key=scope_key(plugin, property_id)
        )
    for name, value in values.items():
        setattr(row, name, value)
    await row.save()
    return row


async def disable(plugin: str, property_code: str | None, actor: str | None) -> list[str]:
    """Turn ``plugin`` off for one property (or everywhere); returns what changed, as lines.
    Its tables are not touched; ``disabled_since`` remembers when, for the catch-up."""
    check_plugin(plugin)
    targets = await properties_named(property_code)
    now = datetime.now(UTC)

    async def change() -> list[str]:
        snapshot = await state.load()  # inside the transaction: two changes take turns
        done = []
        if property_code is None:
            whole_on = snapshot.enabled(plugin, None)
            await _save(
                plugin,
                None,
                enabled=False,
                changed_at=now,
                changed_by=actor,
                **({"disabled_since": now} if whole_on else {}),
            )
        for prop in targets:
            if snapshot.enabled(plugin, prop.id):
                await _save(
                    plugin,
                    prop.id,
                    enabled=False,
                    changed_at=now,
                    changed_by=actor,
                    disabled_since=now,
                )
                done.append(f"{plugin} disabled for {prop.code}")
            elif property_code is not None:
                done.append(f"{plugin} was already disabled for {prop.code}")
        return done

    lines = await run_write(change, conflict_message=CONFLICT)
    await state.reload()
    return lines or [f"{plugin} was already disabled"]


async def enable(
    plugin: str,
    property_code: str | None,
    actor: str | None,
    history_from: date | None = None,
) -> list[PluginState]:
    """Turn ``plugin`` on for one property (or everywhere) and mark a catch-up pending for
    each property it comes back on for (or, with ``history_from``, for each named property
    even if it was on: the hotel asks for its history to be rebuilt; or the first time the
    hotel enables a plugin that was only on by default, installed into a hotel with
    history: its catch-up gets ``disabled_since`` None). Returns the rows whose
    catch-up is pending; :func:`run_pending` runs them."""
    check_plugin(plugin)
    targets = await properties_named(property_code)
    now = datetime.now(UTC)

    async def change() -> list[PluginState]:
        snapshot = await state.load()  # inside the transaction: two changes take turns
        whole = await _row(plugin, None)
        whole_since = whole.disabled_since if whole is not None else None
        if property_code is None and whole is not None:
            await _save(
                plugin, None, enabled=True, changed_at=now, changed_by=actor, disabled_since=None
            )
        pending = []
        for prop in targets:
            was_on = snapshot.enabled(plugin, prop.id)
            own = await _row(plugin, prop.id)
            # on by default but never recorded (installed into a hotel with history): the
            # first explicit enable is its first enable, with the catch-up that brings
            if was_on and history_from is None and (own is not None or whole is not None):
                continue
            since = None if was_on else ((own.disabled_since if own else None) or whole_since)
            pending.append(
                await _save(
                    plugin,
                    prop.id,
                    enabled=True,
                    changed_at=now,
                    changed_by=actor,
                    disabled_since=since,
                    history_from=history_from,
                    catch_up_status="pending",
                    catch_up_error=None,
                )
            )
        return pending

    rows = await run_write(change, conflict_message=CONFLICT)
    await state.reload()
    return rows


async def run_pending(plugin: str, property_code: str | None, actor: str | None) -> list[CatchUp]:
    """Run the catch-up of every (plugin, property) whose catch-up is pending, failed or was
    left running by a process that stopped; the hook is idempotent, so running it again is
    safe (resumable)."""
    check_plugin(plugin)
    targets = {prop.id: prop for prop in await properties_named(property_code)}
    rows = await PluginState.objects().where(
        (PluginState.plugin == plugin)
        & PluginState.catch_up_status.is_in(["pending", "running", "failed"])
    )
    outcomes = []
    for row in sorted(rows, key=lambda r: r.property or 0):
        if row.property in targets:
            outcomes.append(await catch_up(row, targets[row.property], actor))
    return outcomes


def catch_up_after_commit(rows: list[PluginState], actor: str | None) -> None:
    """Run the catch-up of ``rows`` once the enclosing write (a GraphQL mutation with its
    audit record) has committed, as a task of its own: outside that transaction, in a fresh
    context (no transaction of the request is visible to it). Without an enclosing write it
    starts at once."""
    if not rows:
        return

    def start() -> None:
        task = asyncio.get_running_loop().create_task(
            _catch_up_rows(rows, actor), context=contextvars.Context()
        )
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)

    unit = db.current_unit()
    if unit is None:
        start()
    else:
        unit.after_commit.append(start)


_tasks: set[asyncio.Task] = set()


async def _catch_up_rows(rows: list[PluginState], actor: str | None) -> None:
    props = {
        p.id: p
        for p in await Property.objects().where(Property.id.is_in([row.property for row in rows]))
    }
    for row in rows:
        await catch_up(row, props[row.property], actor)


async def catch_up(row: PluginState, prop: Property, actor: str | None) -> CatchUp:
    """Run ``frontdesk_plugin_enabled`` of ``row.plugin`` alone for ``prop`` and record the
    outcome on the row."""
    rt = runtime.current()
    pm = rt.plugin_manager
    others = [p for name, p in pm.list_name_plugin() if name != row.plugin and p is not None]
    hook = pm.subset_hook_caller("frontdesk_plugin_enabled", remove_plugins=others)
    await _mark(row, catch_up_status="running", catch_up_at=datetime.now(UTC))
    try:
        answers = hook(
            property=prop,
            disabled_since=row.disabled_since,
            history_from=row.history_from,
            actor=actor,
        )
        summaries = [await a if is_awaitable(a) else a for a in answers]
    except Exception as exc:  # noqa: BLE001 - recorded as the catch-up's failure
        log.warning(
            "catch-up of %s for %s failed:\n%s", row.plugin, prop.code, traceback.format_exc()
        )
        error = f"{type(exc).__name__}: {exc}"[:2000]
        await _mark(
            row, catch_up_status="failed", catch_up_error=error, catch_up_at=datetime.now(UTC)
        )
        return CatchUp(row.plugin, prop.code, "failed", error=error)
    said = [str(s) for s in summaries if s]
    summary = "; ".join(said) if said else "nothing to catch up (the plugin has no catch-up)"
    if not hook.get_hookimpls():
        summary = "nothing to catch up (the plugin does not implement frontdesk_plugin_enabled)"
    await _mark(
        row,
        catch_up_status="done",
        catch_up_error=None,
        catch_up_summary=summary[:2000],
        catch_up_at=datetime.now(UTC),
    )
    return CatchUp(row.plugin, prop.code, "done", summary=summary)


async def _mark(row: PluginState, **values: object) -> None:
    async def change() -> None:
        await PluginState.update(**values).where(PluginState.id == row.id)

    await run_write(change, conflict_message=CONFLICT)
    for name, value in values.items():
        setattr(row, name, value)
