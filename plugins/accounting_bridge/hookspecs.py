"""The hook the accounting_bridge plugin offers to other plugins (added with
``pm.add_hookspecs`` from core's ``frontdesk_addhooks``). Implement it with
``@hookimpl(optionalhook=True)`` so your plugin still starts when the bridge is disabled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontdesk.api import hookspec

if TYPE_CHECKING:
    from .connectors import Connector


@hookspec
def frontdesk_accounting_connectors() -> list[Connector]:
    """Called whenever the bridge's outbox worker delivers a message, outside any transaction
    (only while the accounting_bridge plugin is enabled). Return a list of connector objects
    (``frontdesk.plugins.accounting_bridge.connectors.Connector``), each with a ``name`` (str,
    unique; ``webhook`` is built in) and ``async deliver(message, config)`` returning
    ``frontdesk.core.outbox.policy.Outcome``; ``message``: an ``OutboxDelivery`` (id,
    idempotency_key, property_id, kind, payload bytes, attempt); ``config``: the property's
    ``ConnectorConfig`` (url, secret, deliver, options). Report failures as
    ``Outcome("retry", …)``."""
