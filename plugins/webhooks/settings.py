"""The webhooks plugin's settings (``FRONTDESK_WEBHOOKS_*``) and its retry policy."""

from __future__ import annotations

from typing import Any

from frontdesk.api import SettingSpec, plugin_setting
from frontdesk.api.outbox import RetryPolicy, targets

TIMEOUT = SettingSpec("webhooks.timeout_seconds", 15.0, "Seconds a receiver has to answer.", float)
RETRY_BASE = SettingSpec(
    "webhooks.retry_base_seconds",
    2.0,
    "Base of the exponential backoff between attempts (with full jitter).",
    float,
)
RETRY_CAP = SettingSpec(
    "webhooks.retry_cap_seconds", 3600.0, "Longest wait between two attempts.", float
)
MAX_ATTEMPTS = SettingSpec(
    "webhooks.max_attempts",
    25,
    "Attempts after which a delivery stays failed until replayed.",
    int,
)
LEASE_SECONDS = SettingSpec(
    "webhooks.lease_seconds",
    120.0,
    "How long a deliverer holds a claimed message; a crashed one's claim expires after it.",
    float,
)
POLL_SECONDS = SettingSpec("webhooks.poll_seconds", 2.0, "Pause of the deliverer when idle.", float)
ALLOW_PRIVATE = SettingSpec(
    "webhooks.allow_private_targets",
    False,
    "Allow endpoint URLs on loopback, link-local or private addresses (a receiver inside your "
    "own network); off, such URLs are refused.",
    bool,
)
ALLOWED_BY = "FRONTDESK_WEBHOOKS_ALLOW_PRIVATE_TARGETS"
SETTINGS = [
    ALLOW_PRIVATE,
    TIMEOUT,
    RETRY_BASE,
    RETRY_CAP,
    MAX_ATTEMPTS,
    LEASE_SECONDS,
    POLL_SECONDS,
]


def setting(spec: SettingSpec) -> Any:
    return plugin_setting(spec)


async def check_target(url: str) -> None:
    """Refuse (ForbiddenTarget, field ``url``) a receiver on this machine or a private
    network unless the operator allows it: a typed-in URL must not reach internal ports."""
    await targets.check_target(
        url, allow_private=bool(setting(ALLOW_PRIVATE)), allowed_by=ALLOWED_BY
    )


def policy() -> RetryPolicy:
    return RetryPolicy.from_settings(
        base=RETRY_BASE, cap=RETRY_CAP, max_attempts=MAX_ATTEMPTS, lease_seconds=LEASE_SECONDS
    )
