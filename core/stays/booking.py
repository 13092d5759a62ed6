"""Booking a stay: one room of a room type for a range of nights, priced and with its folio.

One write transaction takes the nights in the inventory (the unique keys per room type, room
and night refuse an oversold night across processes), writes the stay and its guests, and has
billing keep its prices and open its folio (``StayBilling.booked``); plugins see the booking
inside it and may veto it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import events, validation
from ..errors import InvalidInput
from ..guests.service import found_guest
from ..guests.tables import Guest
from ..properties.service import found_property, found_room_type, get_room
from ..properties.tables import Property, Room, RoomType
from ..repository import insert_with_children, rows_by_ids
from ..transactions import run_write
from . import inventory
from .billing import stay_billing
from .rules import (
    add_guests,
    additional_guests,
    check_occupancy,
    ensure_room_usable,
    new_code,
)
from .tables import STAY_SOURCES, Stay


def _clean_booking(
    arrival: date, departure: date, source: str, notes: str, booking_reference: str | None
) -> tuple[str, str | None]:
    """The notes and booking reference as stored; every invalid field is reported at once."""
    checks = validation.Checks()
    checks(validation.night_range, arrival, departure)
    checks(validation.choice, source, STAY_SOURCES, "source")
    notes = checks(validation.text, notes, "notes", max_length=validation.MAX_TEXT, required=False)
    reference = (
        checks(validation.code, booking_reference, "bookingReference")
        if booking_reference
        else None
    )
    checks.done()
    return notes, reference


async def _booked_rows(
    property_id: int,
    room_type_id: int,
    guest_id: int,
    *,
    arrival: date,
    adults: int,
    children: int,
) -> tuple[Property, RoomType, Guest]:
    """The property, room type and guest a booking needs, read in one statement and checked
    in the order the separate reads used to be (the same mistake gets the same error)."""
    prop, room_type, guest = await rows_by_ids(
        (Property, property_id), (RoomType, room_type_id), (Guest, guest_id)
    )
    prop = found_property(prop, property_id)
    if arrival < prop.business_date:
        raise InvalidInput(
            f"arrival lies before the business date {prop.business_date.isoformat()}.",
            field="arrival",
        )
    room_type = found_room_type(room_type, room_type_id, property_id=property_id)
    check_occupancy(adults, children, room_type.max_occupancy)
    guest = found_guest(guest, guest_id, property_id=property_id)
    return prop, room_type, guest


async def _free_room(
    room_id: int | None, property_id: int, room_type_id: int, arrival: date, departure: date
) -> Room | None:
    """The pre-assigned room, when one is asked for: usable and free for every night."""
    if room_id is None:
        return None
    room = await get_room(room_id, property_id=property_id)
    ensure_room_usable(room, room_type_id, arrival, departure)
    await inventory.assert_room_free(room, arrival, departure)
    return room


async def _write(stay: Stay, others: list[int]) -> None:
    """The new stay and its nights in the inventory (one statement on PostgreSQL: the free
    slots are read first, then the stay and its nights written together), then its
    additional guests."""
    nights = await inventory.free_nights(
        stay_id=None,
        property_id=stay.property,
        room_type_id=stay.room_type,
        room_id=stay.room,
        nights=inventory.nights_between(stay.arrival, stay.departure),
    )
    await insert_with_children(stay, nights, "stay")
    await add_guests(stay, others)


async def _bill_and_announce(
    stay: Stay, known: tuple[Property, RoomType, Guest], terms: dict[str, Any], actor: str | None
) -> None:
    """Billing keeps the stay's prices and opens its folio; then plugins see the booking."""
    await stay_billing.get().booked(stay, **terms, actor=actor, known=known)
    await events.emit(
        "frontdesk_stay_booked",
        "stay.booked",
        property_id=stay.property,
        subject_id=stay.id,
        actor=actor,
        stay=stay,
    )


async def book_stay(
    *,
    property_id: int,
    room_type_id: int,
    arrival: date,
    departure: date,
    guest_id: int,
    adults: int = 1,
    children: int = 0,
    additional_guest_ids: list[int] | None = None,
    room_id: int | None = None,
    source: str = "desk",
    notes: str = "",
    porter_requested: bool = False,
    booking_reference: str | None = None,
    actor: str | None = None,
    extra: dict[str, Any] | None = None,
    rate_plan_id: int | None = None,
    business_travel: bool = False,
) -> Stay:
    """Book one room of a room type for the nights [arrival, departure); the stay keeps the
    nightly prices it is sold at (on ``rate_plan_id`` when given) and gets its guest folio."""
    notes, reference = _clean_booking(arrival, departure, source, notes, booking_reference)
    fields = dict(
        property=property_id,
        room_type=room_type_id,
        primary_guest=guest_id,
        arrival=arrival,
        departure=departure,
        adults=adults,
        children=children,
        status="booked",
        source=source,
        notes=notes,
        porter_requested=porter_requested,
        **(extra or {}),
    )

    async def change() -> Stay:
        known = await _booked_rows(
            property_id, room_type_id, guest_id, arrival=arrival, adults=adults, children=children
        )
        others = await additional_guests(property_id, additional_guest_ids or [], guest_id)
        room = await _free_room(room_id, property_id, room_type_id, arrival, departure)
        stay = Stay(
            **fields,
            confirmation_code=new_code(),
            booking_reference=reference or f"BR{new_code(8)}",
            room=room.id if room else None,
        )
        await _write(stay, others)
        terms = {"rate_plan_id": rate_plan_id, "business_travel": business_travel}
        await _bill_and_announce(stay, known, terms, actor)
        return stay

    return await run_write(
        change, conflict_message="The room type sold out while booking; try another."
    )
