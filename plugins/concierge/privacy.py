"""The concierge's part of a guest's GDPR rights: what it holds about a guest for the export,
and replacing the free text that may describe the guest when the guest is anonymized.

A request, a booking or an attendance belongs to a guest through its ``guest`` column (a
request or booking made for a stay carries the stay's primary guest). Anonymizing keeps the
records themselves, their amounts, times and statuses, so the hotel's books and statistics
stay true; only text a person wrote about the guest is replaced.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from frontdesk.api.tables import Guest

from .common import aware
from .tables import (
    ConciergeAttendee,
    ConciergeBooking,
    ConciergeEvent,
    ConciergeRecommendation,
    ConciergeRecommendationGiven,
    ConciergeRequest,
    ConciergeRequestChange,
    ConciergeResource,
)

PLACEHOLDER = "[anonymized]"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return aware(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(row, name)) for name in names}


REQUEST_FIELDS = (
    "id",
    "stay",
    "room",
    "event",
    "type",
    "description",
    "priority",
    "status",
    "due_at",
    "department",
    "resolution_note",
    "goodwill_amount",
    "goodwill_currency",
    "created_at",
    "closed_at",
)
CHANGE_FIELDS = ("at", "actor", "kind", "from_status", "to_status", "note")
BOOKING_FIELDS = (
    "id",
    "stay",
    "starts_at",
    "ends_at",
    "party_size",
    "status",
    "price",
    "currency",
    "notes",
    "created_at",
)


async def _requests(guest_id: int) -> list[ConciergeRequest]:
    return (
        await ConciergeRequest.objects()
        .where(ConciergeRequest.guest == guest_id)
        .order_by(ConciergeRequest.id)
    )


async def export_guest(guest: Guest) -> dict[str, Any]:
    """The ``concierge`` section of the guest's export: requests with their history,
    recommendations given, service bookings and event attendance."""
    requests = await _requests(guest.id)
    changes = (
        await ConciergeRequestChange.objects()
        .where(ConciergeRequestChange.request.is_in([r.id for r in requests] or [-1]))
        .order_by(ConciergeRequestChange.id)
    )
    history: dict[int, list[dict[str, Any]]] = {}
    for change in changes:
        history.setdefault(change.request, []).append(_row(change, CHANGE_FIELDS))
    given = (
        await ConciergeRecommendationGiven.objects(ConciergeRecommendationGiven.recommendation)
        .where(ConciergeRecommendationGiven.guest == guest.id)
        .order_by(ConciergeRecommendationGiven.id)
    )
    bookings = (
        await ConciergeBooking.objects(ConciergeBooking.resource)
        .where(ConciergeBooking.guest == guest.id)
        .order_by(ConciergeBooking.id)
    )
    attendance = (
        await ConciergeAttendee.objects(ConciergeAttendee.event)
        .where(ConciergeAttendee.guest == guest.id)
        .order_by(ConciergeAttendee.id)
    )
    return {
        "concierge": {
            "requests": [
                _row(r, REQUEST_FIELDS) | {"history": history.get(r.id, [])} for r in requests
            ],
            "recommendations_given": [
                {
                    "recommendation": _recommendation(g.recommendation),
                    "stay": g.stay,
                    "given_at": _plain(g.given_at),
                    "given_by": g.given_by,
                    "note": g.note,
                }
                for g in given
            ],
            "service_bookings": [
                _row(b, BOOKING_FIELDS) | {"resource": _resource(b.resource)} for b in bookings
            ],
            "event_attendance": [
                {
                    "event": _event(a.event),
                    "stay": a.stay,
                    "rsvp": a.rsvp,
                    "created_at": _plain(a.created_at),
                }
                for a in attendance
            ],
        }
    }


def _recommendation(row: ConciergeRecommendation) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "category": row.category}


def _resource(row: ConciergeResource) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "service": row.service}


def _event(row: ConciergeEvent) -> dict[str, Any]:
    return _row(row, ("id", "name", "starts_at", "ends_at", "venue", "status"))


async def anonymize_guest(guest: Guest, actor: str | None) -> None:
    """Inside core's anonymization transaction: replace the free text of the guest's
    requests (description, resolution, history notes), of what they were told (notes) and of
    their bookings (notes) with a placeholder. Empty text stays empty; attendees hold no
    text of their own (their name is the guest profile core anonymized)."""
    ids = [r.id for r in await _requests(guest.id)]
    if ids:
        await ConciergeRequest.update({ConciergeRequest.description: PLACEHOLDER}).where(
            ConciergeRequest.id.is_in(ids) & (ConciergeRequest.description != "")
        )
        await ConciergeRequest.update({ConciergeRequest.resolution_note: PLACEHOLDER}).where(
            ConciergeRequest.id.is_in(ids)
            & ConciergeRequest.resolution_note.is_not_null()
            & (ConciergeRequest.resolution_note != "")
        )
        await ConciergeRequestChange.update({ConciergeRequestChange.note: PLACEHOLDER}).where(
            ConciergeRequestChange.request.is_in(ids) & (ConciergeRequestChange.note != "")
        )
    await ConciergeRecommendationGiven.update(
        {ConciergeRecommendationGiven.note: PLACEHOLDER}
    ).where(
        (ConciergeRecommendationGiven.guest == guest.id) & (ConciergeRecommendationGiven.note != "")
    )
    await ConciergeBooking.update({ConciergeBooking.notes: PLACEHOLDER}).where(
        (ConciergeBooking.guest == guest.id) & (ConciergeBooking.notes != "")
    )
