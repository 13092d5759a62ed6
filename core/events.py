"""Raising plugin hooks for domain events: inside the write transaction, then after commit.

Every event names its property (None: a guest, who belongs to no property); a plugin
disabled for that property does not hear of it (``plugin_state.state.hooks_for``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from . import db, runtime
from .plugin_state import state
from .plugins import call_isolated, is_awaitable

log = logging.getLogger("frontdesk.events")


@dataclass(frozen=True)
class DomainEvent:
    """What ``frontdesk_event_committed`` receives once the change is durable."""

    name: str
    property_id: int | None
    subject_id: int | None
    actor: str | None
    data: dict[str, Any] = field(default_factory=dict)
    occurred_at: datetime = field(default_factory=lambda: datetime.now(UTC))


async def emit(
    hook_name: str,
    event_name: str,
    *,
    property_id: int | None,
    subject_id: int | None,
    actor: str | None,
    data: dict[str, Any] | None = None,
    **hook_kwargs: Any,
) -> None:
    """Run the in-transaction hook ``hook_name`` and queue ``event_name`` for after commit.

    Must be called inside :func:`frontdesk.core.db.write_transaction`. A DomainError raised by
    a plugin propagates and rolls the whole change back: that is a plugin's veto.
    """
    unit = db.current_unit()
    if unit is None:
        raise RuntimeError(f"{hook_name} must be raised inside a write transaction")
    hook = getattr(await state.hooks_for(property_id), hook_name)
    for result in hook(actor=actor, **hook_kwargs):
        if is_awaitable(result):
            await result
    await record(
        event_name,
        property_id=property_id,
        subject_id=subject_id,
        actor=actor,
        data=data,
        **hook_kwargs,
    )


async def record(
    event_name: str,
    *,
    property_id: int | None,
    subject_id: int | None,
    actor: str | None,
    data: dict[str, Any] | None = None,
    **objects: Any,
) -> None:
    """Offer the event to ``frontdesk_event_recorded`` inside the transaction (webhooks and
    e-mail write their outbox rows there, atomically with the change), then ``publish`` it.

    ``emit`` does this for every event with a hook of its own; a plugin's change without one
    calls it directly (``objects``: the rows the event concerns, by name).
    """
    unit = db.current_unit()
    if unit is None:
        raise RuntimeError(f"{event_name} must be recorded inside a write transaction")
    event = DomainEvent(event_name, property_id, subject_id, actor, data or {})
    hooks = await state.hooks_for(property_id)
    for result in hooks.frontdesk_event_recorded(event=event, objects=dict(objects)):
        if is_awaitable(result):
            await result
    unit.after_commit.append(lambda: dispatch_committed(event))


def publish(
    event_name: str,
    *,
    property_id: int | None,
    subject_id: int | None,
    actor: str | None,
    data: dict[str, Any] | None = None,
) -> None:
    """Queue ``event_name`` for ``frontdesk_event_committed`` once the current write commits.

    For changes that have no in-transaction hook of their own (a plugin's rows: a concierge
    request changing status): the event reaches the after-commit listeners, live GraphQL
    subscriptions included, exactly like core's. Nothing is queued if the transaction rolls
    back. Must be called inside :func:`frontdesk.core.db.write_transaction`.
    """
    unit = db.current_unit()
    if unit is None:
        raise RuntimeError(f"{event_name} must be published inside a write transaction")
    event = DomainEvent(event_name, property_id, subject_id, actor, data or {})
    unit.after_commit.append(lambda: dispatch_committed(event))


async def dispatch_committed(event: DomainEvent) -> None:
    """Give the committed event to each plugin on its own; failures are logged and counted."""
    rt = runtime.current()
    hooks = await state.hooks_for(event.property_id)
    for plugin_name, outcome in call_isolated(hooks.frontdesk_event_committed, {"event": event}):
        try:
            if isinstance(outcome, Exception):
                raise outcome
            if is_awaitable(outcome):
                await outcome
        except Exception:  # noqa: BLE001 - one plugin must not break the others or the request
            rt.plugin_failures[plugin_name] += 1
            log.exception("plugin %s failed on %s (after commit)", plugin_name, event.name)
