"""Turning a domain event into one outbox message per subscribed endpoint, in the event's
own transaction (``frontdesk_event_recorded``): the message commits or rolls back with the
change, so a receiver never hears of something that did not happen, nor misses what did.

The body follows Standard Webhooks: ``{"type", "timestamp", "data"}``. ``data`` carries the
event's ids and the rows its hook received, with personal data (addresses, documents, dates
of birth, notes, contact details) left out: a receiver asks the API for those.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from piccolo.table import Table

from frontdesk.api import DomainEvent
from frontdesk.api.outbox import queue

from .tables import WebhookEndpoint

CHANNEL = "webhook"
PRIVATE = {
    "email",
    "phone",
    "address_line",
    "city",
    "postal_code",
    "nationality",
    "date_of_birth",
    "id_document_type",
    "id_document_number",
    "notes",
    "secret",
    "password_hash",
    "token_hash",
}
# What core and the built-in plugins emit (docs/channels.md shows a payload of each kind).
EVENT_TYPES = (
    "stay.booked",
    "stay.modified",
    "stay.cancelled",
    "stay.no_show",
    "stay.checked_in",
    "stay.checked_out",
    "stay.room_moved",
    "folio.charge_posted",
    "folio.payment_recorded",
    "folio.refund_recorded",
    "folio.correction_posted",
    "folio.settled",
    "invoice.issued",
    "credit_note.issued",
    "room.status_changed",
    "guest.created",
    "guest.updated",
    "city_ledger.transferred",
    "city_ledger.payment_recorded",
    "night_audit.started",
    "night_audit.completed",
    "shifts.roster_published",
    "shifts.hours_approved",
    "concierge.request_changed",
    "channels.conflict_detected",
)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def jsonable(value: Any) -> Any:
    """A value as JSON: rows become objects without personal data, money stays exact."""
    if isinstance(value, Table):
        return {_camel(k): jsonable(v) for k, v in value.to_dict().items() if k not in PRIVATE}
    if isinstance(value, dict):
        return {_camel(str(k)): jsonable(v) for k, v in value.items() if k not in PRIVATE}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def payload_of(event: DomainEvent, objects: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "propertyId": event.property_id,
        "subjectId": event.subject_id,
        "actor": event.actor,
    }
    data.update(jsonable(event.data))
    for name, value in objects.items():
        if isinstance(value, Table | list | tuple | dict) or value is None:
            data[_camel(name)] = jsonable(value)
    return {"type": event.name, "timestamp": event.occurred_at.isoformat(), "data": data}


def subscribed(endpoint: WebhookEndpoint, event_type: str) -> bool:
    types = json.loads(endpoint.event_types or "[]")
    return "*" in types or event_type in types


async def record(event: DomainEvent, objects: dict[str, Any]) -> None:
    """In the event's transaction: one message per enabled endpoint of the property that
    subscribed to the event's type."""
    if event.property_id is None:
        return
    endpoints = (
        await WebhookEndpoint.objects()
        .where(
            (WebhookEndpoint.property == event.property_id) & (WebhookEndpoint.enabled == True)  # noqa: E712
        )
        .order_by(WebhookEndpoint.id)
    )
    targets = [e for e in endpoints if subscribed(e, event.name)]
    if not targets:
        return
    body = json.dumps(payload_of(event, objects), sort_keys=True)
    for endpoint in targets:
        await queue.enqueue(
            channel=CHANNEL,
            target=str(endpoint.id),
            property_id=event.property_id,
            event_type=event.name,
            payload=body,
        )
