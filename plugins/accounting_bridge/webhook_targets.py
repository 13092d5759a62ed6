"""Where the bridge's webhooks may go: the shared check (core/outbox/targets.py) with the
bridge's own setting to allow loopback, link-local and private receivers."""

from __future__ import annotations

from frontdesk.api import SettingSpec
from frontdesk.api.outbox import ForbiddenTarget, targets

ALLOW_PRIVATE = SettingSpec(
    "accounting_bridge.webhook_allow_private_targets",
    False,
    "Allow webhook URLs on loopback, link-local or private addresses (a receiver inside your "
    "own network); off, such URLs are refused.",
    bool,
)
__all__ = ["ALLOW_PRIVATE", "ForbiddenTarget", "check_target"]


async def check_target(url: str, *, allow_private: bool) -> None:
    await targets.check_target(
        url,
        allow_private=allow_private,
        allowed_by="FRONTDESK_ACCOUNTING_BRIDGE_WEBHOOK_ALLOW_PRIVATE_TARGETS",
    )
