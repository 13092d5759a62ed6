"""Changing a booked or in-house stay: dates, room type, guests, notes, porter.

Changed dates or a changed room type give the stay's nights back and take them again in the
same transaction (a stay that no longer fits is refused and keeps what it had); billing
prices new nights and drops the price of nights gone (``StayBilling.nights_changed``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import events, validation
from ..errors import InvalidInput, InvalidTransition
from ..properties.service import get_property, get_room, get_room_type
from ..properties.tables import Property
from ..transactions import run_write
from . import inventory
from .billing import stay_billing
from .rules import (
    add_guests,
    additional_guests,
    check_occupancy,
    ensure_room_usable,
    get_stay,
    now,
    take_nights,
)
from .tables import Stay, StayGuest

NIGHT_FIELDS = {"arrival", "departure", "room_type"}


def _new_dates(
    stay: Stay, prop: Property, arrival: date | None, departure: date | None
) -> tuple[date, date]:
    """The stay's dates after the change: an in-house stay's arrival stays; a booked stay
    moves no earlier than the business date, and no stay ends by it."""
    new_arrival = arrival or stay.arrival
    new_departure = departure or stay.departure
    if stay.status == "checked_in" and new_arrival != stay.arrival:
        raise InvalidTransition("An in-house stay's arrival cannot move.", field="arrival")
    if stay.status == "booked" and new_arrival != stay.arrival and new_arrival < prop.business_date:
        raise InvalidInput("arrival lies before the business date.", field="arrival")
    validation.night_range(new_arrival, new_departure)
    if new_departure <= prop.business_date and new_departure != stay.departure:
        raise InvalidInput("departure must lie after the business date.", field="departure")
    return new_arrival, new_departure


async def _new_stay_values(stay: Stay, given: dict[str, Any]) -> dict[str, Any]:
    """Dates, room type and guests as they will be, checked against the room type."""
    prop = await get_property(stay.property)
    new_arrival, new_departure = _new_dates(stay, prop, given["arrival"], given["departure"])
    new_type_id = given["room_type_id"] or stay.room_type
    if new_type_id != stay.room_type and stay.status == "checked_in":
        raise InvalidTransition(
            "Move an in-house stay to a room of another type with moveRoom.", field="roomTypeId"
        )
    room_type = await get_room_type(new_type_id, property_id=stay.property)
    adults = stay.adults if given["adults"] is None else given["adults"]
    children = stay.children if given["children"] is None else given["children"]
    check_occupancy(adults, children, room_type.max_occupancy)
    return {
        "arrival": new_arrival,
        "departure": new_departure,
        "room_type": new_type_id,
        "adults": adults,
        "children": children,
    }


async def _apply(stay: Stay, given: dict[str, Any]) -> dict[str, Any]:
    """Set what changes on ``stay``; return the changed fields' values before."""
    before: dict[str, Any] = {}
    for name, value in (await _new_stay_values(stay, given)).items():
        if getattr(stay, name) != value:
            before[name] = getattr(stay, name)
            setattr(stay, name, value)
    if given["notes"] is not None:
        notes = validation.text(
            given["notes"], "notes", max_length=validation.MAX_TEXT, required=False
        )
        if notes != stay.notes:
            before["notes"], stay.notes = stay.notes, notes
    porter = given["porter_requested"]
    if porter is not None and porter != stay.porter_requested:
        before["porter_requested"], stay.porter_requested = stay.porter_requested, porter
    if given["additional_guest_ids"] is not None:
        others = await additional_guests(
            stay.property, given["additional_guest_ids"], stay.primary_guest
        )
        await StayGuest.delete().where(StayGuest.stay == stay.id)
        await add_guests(stay, others)
        before["additional_guests"] = True
    return before


async def _retake_nights(stay: Stay) -> None:
    """Give the stay's nights back and take its new ones (its room, if it keeps one, must
    be usable and free for all of them); billing reprices."""
    room = await get_room(stay.room) if stay.room else None
    if room is not None:
        ensure_room_usable(room, stay.room_type, stay.arrival, stay.departure)
    await inventory.release(stay.id)
    if room is not None:
        await inventory.assert_room_free(room, stay.arrival, stay.departure)
    await take_nights(stay)
    await stay_billing.get().nights_changed(stay)


async def modify_stay(
    *,
    stay_id: int,
    arrival: date | None = None,
    departure: date | None = None,
    room_type_id: int | None = None,
    adults: int | None = None,
    children: int | None = None,
    notes: str | None = None,
    porter_requested: bool | None = None,
    additional_guest_ids: list[int] | None = None,
    actor: str | None = None,
) -> Stay:
    """Extend, shorten or otherwise change a booked or in-house stay, re-taking its nights."""
    given = {
        "arrival": arrival,
        "departure": departure,
        "room_type_id": room_type_id,
        "adults": adults,
        "children": children,
        "notes": notes,
        "porter_requested": porter_requested,
        "additional_guest_ids": additional_guest_ids,
    }

    async def change() -> Stay:
        stay = await get_stay(stay_id)
        if stay.status not in ("booked", "checked_in"):
            raise InvalidTransition(f"A {stay.status} stay cannot be changed.", field="stayId")
        before = await _apply(stay, given)
        if not before:
            return stay
        if stay.room is not None and "room_type" in before:
            stay.room = None  # a booked stay changing type gives up its pre-assigned room
        if NIGHT_FIELDS & set(before):
            await _retake_nights(stay)
        stay.updated_at = now()
        await stay.save()
        await events.emit(
            "frontdesk_stay_modified",
            "stay.modified",
            property_id=stay.property,
            subject_id=stay.id,
            actor=actor,
            data={"fields": sorted(before)},
            stay=stay,
            before=before,
        )
        return stay

    return await run_write(change, conflict_message="No room is free for the changed dates.")
