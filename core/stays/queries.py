"""Read-side filters for stays, shared by the API and the CLI."""

from __future__ import annotations

from datetime import date

from .. import db
from ..guests.tables import Guest
from .tables import STAY_STATUSES, Stay

MAX_SEARCH_LENGTH = 100


def guest_name_condition(text: str):
    """Stays whose primary guest's name contains ``text`` (any case; ``Anna Sch`` matches
    first and last name), wildcards in ``text`` taken literally."""
    cleaned = text.strip()[:MAX_SEARCH_LENGTH]
    match = db.contains(Guest.first_name, cleaned) | db.contains(Guest.last_name, cleaned)
    first, _, last = cleaned.partition(" ")
    if last.strip():
        match = match | (
            db.contains(Guest.first_name, first) & db.contains(Guest.last_name, last.strip())
        )
    return Stay.primary_guest.is_in(Guest.select(Guest.id).where(match))


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
    confirmation_code: str | None = None,
    guest_name: str | None = None,
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
    if confirmation_code is not None:
        parts.append(Stay.confirmation_code == confirmation_code.strip().upper()[:12])
    if guest_name is not None and guest_name.strip():
        parts.append(guest_name_condition(guest_name))
    condition = None
    for part in parts:
        condition = part if condition is None else condition & part
    return condition
