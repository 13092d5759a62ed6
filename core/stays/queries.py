"""Read-side filters for stays, shared by the API and the CLI."""

from __future__ import annotations

from datetime import date

from .tables import STAY_STATUSES, Stay


def stay_condition(
    *,
    property_id: int | None = None,
    status: str | None = None,
    arrival: date | None = None,
    departure: date | None = None,
    in_house_on: date | None = None,
    guest_id: int | None = None,
    room_id: int | None = None,
    booking_reference: str | None = None,
):
    """A WHERE clause for the stay filters given (None matches every stay)."""
    parts = []
    if property_id is not None:
        parts.append(Stay.property == property_id)
    if status is not None and status in STAY_STATUSES:
        parts.append(Stay.status == status)
    if arrival is not None:
        parts.append(Stay.arrival == arrival)
    if departure is not None:
        parts.append(Stay.departure == departure)
    if in_house_on is not None:
        parts.append((Stay.arrival <= in_house_on) & (Stay.departure > in_house_on))
        parts.append(Stay.status == "checked_in")
    if guest_id is not None:
        parts.append(Stay.primary_guest == guest_id)
    if room_id is not None:
        parts.append(Stay.room == room_id)
    if booking_reference is not None:
        parts.append(Stay.booking_reference == booking_reference.strip().upper())
    condition = None
    for part in parts:
        condition = part if condition is None else condition & part
    return condition
