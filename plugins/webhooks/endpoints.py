"""A property's webhook endpoints: where its events go, and which of them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from frontdesk.api import InvalidInput, NotFound, get_property, run_write, validation
from frontdesk.api.outbox import generate_secret, utcnow

from . import settings
from .tables import WebhookEndpoint

EVENT_NAME = re.compile(r"^(\*|[a-z][a-z_]*\.[a-z][a-z_]*)$")


@dataclass
class Saved:
    endpoint: WebhookEndpoint
    secret: str | None  # shown once, when created or rotated


def clean_url(value: str) -> str:
    value = validation.text(value, "url", max_length=500)
    parsed = urlparse(value)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        raise InvalidInput("url must be an http(s) URL with a host.", field="url")
    return value


def clean_event_types(values: list[str]) -> str:
    names = sorted({v.strip() for v in values})
    if not names:
        raise InvalidInput("Subscribe to at least one event type.", field="eventTypes")
    bad = [n for n in names if not EVENT_NAME.match(n) or len(n) > 80]
    if bad or len(names) > 100:
        raise InvalidInput(
            f"Not an event type: {', '.join(bad[:3]) or 'too many'}.", field="eventTypes"
        )
    return json.dumps(names)


async def create_endpoint(
    *, property_id: int, url: str, event_types: list[str], description: str = ""
) -> Saved:
    """A new endpoint with a fresh secret (returned once)."""
    row = WebhookEndpoint(
        property=property_id,
        url=clean_url(url),
        event_types=clean_event_types(event_types),
        description=validation.text(description, "description", max_length=200, required=False)
        or "",
        secret=generate_secret(),
    )

    await settings.check_target(row.url)

    async def change() -> Saved:
        await get_property(property_id)
        await row.save()
        return Saved(row, row.secret)

    return await run_write(change, conflict_message="The endpoint changed concurrently.")


async def _endpoint(endpoint_id: int) -> WebhookEndpoint:
    row = await WebhookEndpoint.objects().where(WebhookEndpoint.id == endpoint_id).first()
    if row is None:
        raise NotFound(f"Webhook endpoint {endpoint_id} does not exist.", field="endpointId")
    return row


async def update_endpoint(
    *,
    endpoint_id: int,
    url: str | None = None,
    event_types: list[str] | None = None,
    enabled: bool | None = None,
    rotate_secret: bool = False,
) -> Saved:
    """Change what is given; re-enabling clears the reason it was disabled."""
    new_url = clean_url(url) if url is not None else None
    new_types = clean_event_types(event_types) if event_types is not None else None
    if new_url is not None:
        await settings.check_target(new_url)

    async def change() -> Saved:
        row = await _endpoint(endpoint_id)
        if new_url is not None:
            row.url = new_url
        if new_types is not None:
            row.event_types = new_types
        if enabled is not None:
            row.enabled = enabled
            row.disabled_reason = None if enabled else row.disabled_reason
        secret = generate_secret() if rotate_secret else None
        if secret is not None:
            row.secret = secret
        row.updated_at = utcnow()
        await row.save()
        return Saved(row, secret)

    return await run_write(change, conflict_message="The endpoint changed concurrently.")


async def delete_endpoint(*, endpoint_id: int) -> int:
    """Remove an endpoint; its delivery log stays (messages still due are given up)."""

    async def change() -> int:
        await _endpoint(endpoint_id)
        await WebhookEndpoint.delete().where(WebhookEndpoint.id == endpoint_id)
        return endpoint_id

    return await run_write(change, conflict_message="The endpoint changed concurrently.")
