"""Connectors: what delivers a journal message to a back-office system, and the settings of
the bridge's channel of core's outbox.

A connector is any object with a ``name`` and ``async deliver(message, config) ->
Outcome``; plugins add their own through ``frontdesk_accounting_connectors()`` (Xero,
QuickBooks, DATEV…). The bridge registers the signed webhook connector the same way. A
connector must not raise for a failed delivery: it reports it as ``Outcome("retry", …)``
(or ``"disable"`` when no retry can help); an exception is treated as a retry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from frontdesk.api import SettingSpec, flatten, plugin_hooks, plugin_setting
from frontdesk.api.outbox import Outcome, RetryPolicy, send_webhook

from .webhook_targets import ALLOW_PRIVATE, ForbiddenTarget, check_target

WEBHOOK_TIMEOUT = SettingSpec(
    "accounting_bridge.webhook_timeout_seconds",
    15.0,
    "Seconds the webhook connector waits for a receiver's answer.",
    float,
)
RETRY_BASE = SettingSpec(
    "accounting_bridge.retry_base_seconds",
    2.0,
    "Base of the exponential backoff between delivery attempts (with full jitter).",
    float,
)
RETRY_CAP = SettingSpec(
    "accounting_bridge.retry_cap_seconds",
    3600.0,
    "Longest wait between two attempts.",
    float,
)
MAX_ATTEMPTS = SettingSpec(
    "accounting_bridge.max_attempts",
    25,
    "Attempts after which a message stays failed until retried by hand.",
    int,
)
LEASE_SECONDS = SettingSpec(
    "accounting_bridge.lease_seconds",
    120.0,
    "How long a worker holds a claimed message; a crashed worker's claim expires after it.",
    float,
)
POLL_SECONDS = SettingSpec(
    "accounting_bridge.poll_seconds",
    2.0,
    "Pause of the delivery worker when idle.",
    float,
)
SETTINGS = [
    WEBHOOK_TIMEOUT,
    RETRY_BASE,
    RETRY_CAP,
    MAX_ATTEMPTS,
    LEASE_SECONDS,
    POLL_SECONDS,
    ALLOW_PRIVATE,
]


def setting(spec: SettingSpec) -> Any:
    return plugin_setting(spec)


def policy() -> RetryPolicy:
    """The bridge's settings as core's retry policy for the ``accounting`` channel."""
    return RetryPolicy.from_settings(
        base=RETRY_BASE, cap=RETRY_CAP, max_attempts=MAX_ATTEMPTS, lease_seconds=LEASE_SECONDS
    )


@dataclass(frozen=True)
class OutboxDelivery:
    """One message as a connector sees it. ``idempotency_key`` is the same on every
    attempt, so the receiver can drop duplicates; ``payload`` is the JSON body."""

    id: int
    idempotency_key: str
    property_id: int
    kind: str
    payload: bytes
    attempt: int


@dataclass(frozen=True)
class ConnectorConfig:
    """A property's settings for one connector (``options``: the connector's own JSON)."""

    connector: str
    url: str
    secret: str
    deliver: str
    options: dict[str, Any] = field(default_factory=dict)


class Connector(Protocol):
    name: str

    async def deliver(self, message: OutboxDelivery, config: ConnectorConfig) -> Outcome: ...


class WebhookConnector:
    """Standard Webhooks: ``webhook-id`` is the idempotency key, signed per endpoint."""

    name = "webhook"

    async def deliver(self, message: OutboxDelivery, config: ConnectorConfig) -> Outcome:
        import httpx  # imported on first delivery: a tenth of a second of every server start

        try:
            await check_target(config.url or "", allow_private=bool(setting(ALLOW_PRIVATE)))
        except ForbiddenTarget as refused:
            return Outcome("disable", None, refused.message)
        async with httpx.AsyncClient() as client:
            return await send_webhook(
                client,
                config.url,
                config.secret,
                message.idempotency_key,
                message.payload,
                timeout=float(setting(WEBHOOK_TIMEOUT)),
            )


def registered() -> dict[str, Connector]:
    """Connectors of the enabled plugins by name (the first of a name wins)."""
    found: dict[str, Connector] = {}
    for connector in flatten(plugin_hooks().frontdesk_accounting_connectors()):
        found.setdefault(str(connector.name), connector)
    return found


def config_of(row: Any) -> ConnectorConfig:
    try:
        options = json.loads(row.options or "{}")
    except ValueError:
        options = {}
    return ConnectorConfig(row.connector, row.url, row.secret, row.deliver, options)
