"""A property's connector settings: which connector, where, and what it delivers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from frontdesk.api import InvalidInput, get_property, run_write, validation
from frontdesk.api.outbox import generate_secret

from . import connectors as conn
from .tables import DELIVERY_MODES, ConnectorSetting
from .webhook_targets import ALLOW_PRIVATE, check_target


@dataclass
class Configured:
    setting: ConnectorSetting
    secret: str | None  # shown once, when it was created or rotated


def _url(value: str) -> str:
    value = validation.text(value, "url", max_length=500)
    parsed = urlparse(value)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        raise InvalidInput("url must be an http(s) URL with a host.", field="url")
    return value


async def configure_connector(
    *,
    property_id: int,
    connector: str,
    deliver: str,
    enabled: bool = True,
    url: str | None = None,
    options: dict[str, Any] | None = None,
    rotate_secret: bool = False,
) -> Configured:
    """Create or change a property's connector. The webhook connector needs an http(s) URL
    and gets a fresh secret when created or when asked to rotate it."""
    if deliver not in DELIVERY_MODES:
        raise InvalidInput(f"deliver must be one of {', '.join(DELIVERY_MODES)}.", field="deliver")
    if connector not in conn.registered():
        raise InvalidInput(f"No connector named {connector!r} is installed.", field="connector")
    clean_url = _url(url) if url is not None else None
    if connector == "webhook" and clean_url is None:
        raise InvalidInput("The webhook connector needs a url.", field="url")
    if clean_url is not None:
        await check_target(clean_url, allow_private=bool(conn.setting(ALLOW_PRIVATE)))
    options_text = json.dumps(options or {}, sort_keys=True)
    if len(options_text) > 10_000:
        raise InvalidInput("options are too large.", field="options")

    async def change() -> Configured:
        await get_property(property_id)
        row = (
            await ConnectorSetting.objects()
            .where(
                (ConnectorSetting.property == property_id)
                & (ConnectorSetting.connector == connector)
            )
            .first()
        )
        secret = None
        if row is None:
            row = ConnectorSetting(property=property_id, connector=connector)
            secret = generate_secret()
        elif rotate_secret:
            secret = generate_secret()
        if secret is not None:
            row.secret = secret
        row.deliver, row.enabled, row.options = deliver, enabled, options_text
        if clean_url is not None:
            row.url = clean_url
        if enabled:
            row.disabled_reason = None
        await row.save()
        return Configured(row, secret)

    return await run_write(change, conflict_message="The connector changed concurrently.")
