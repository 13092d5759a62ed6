"""The stay lifecycle: book, modify, cancel, check in, check out, move room, no-show.

Each public function is one write transaction; plugins see each change inside it (and may
veto it) and again after commit.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .. import events, validation
from ..errors import Conflict, InvalidInput, InvalidTransition
from ..guests.service import found_guest, get_guest
from ..guests.tables import Guest
from ..properties.service import (
    found_property,
    found_room_type,
    get_property,
    get_room,
    get_room_type,
)
from ..properties.tables import Property, Room, RoomType
from ..repository import get_or_not_found, insert, rows_by_ids
from ..transactions import run_write
from . import inventory
from .billing import stay_billing
from .tables import STAY_SOURCES, Stay, StayGuest

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
READY_STATUSES = ("clean", "inspected")
MAX_ADDITIONAL_GUESTS = 20


def _new_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _now() -> datetime:
    return datetime.now(UTC)


async def get_stay(stay_id: int, *, property_id: int | None = None) -> Stay:
    return await get_or_not_found(
        Stay, stay_id, name="Stay", field="stayId", property_id=property_id
    )


def _occupancy(adults: int, children: int, max_occupancy: int) -> None:
    validation.integer(adults, "adults", minimum=1, maximum=20)
    validation.integer(children, "children", minimum=0, maximum=20)
    if adults + children > max_occupancy:
        raise InvalidInput(
            f"{adults + children} guests exceed the room type's maximum of {max_occupancy}.",
            field="adults",
        )


def _ensure_room_usable(room: Room, room_type_id: int, start: date, end: date) -> None:
    if room.room_type != room_type_id:
        raise InvalidInput(f"Room {room.number} is not of the booked room type.", field="roomId")
    if not room.active:
        raise Conflict(f"Room {room.number} is not in service.", field="roomId")
    for night in inventory.nights_between(start, end):
        if inventory.is_out_of_order(room, night):
            raise Conflict(
                f"Room {room.number} is out of order on {night.isoformat()}.", field="roomId"
            )


async def _additional_guests(property_id: int, guest_ids: list[int], primary: int) -> list[int]:
    if len(guest_ids) > MAX_ADDITIONAL_GUESTS:
        raise InvalidInput("Too many additional guests.", field="additionalGuestIds")
    unique = [g for g in dict.fromkeys(guest_ids) if g != primary]
    for guest_id in unique:
        await get_guest(guest_id, property_id=property_id)
    return unique


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

    async def change() -> Stay:
        # One statement for the three rows every booking needs; checked in the order the
        # separate reads used to be, so the same mistake gets the same error.
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
        _occupancy(adults, children, room_type.max_occupancy)
        guest = found_guest(guest, guest_id, property_id=property_id)
        others = await _additional_guests(property_id, additional_guest_ids or [], guest_id)
        room = None
        if room_id is not None:
            room = await get_room(room_id, property_id=property_id)
            _ensure_room_usable(room, room_type_id, arrival, departure)
            await inventory.assert_room_free(room, arrival, departure)
        stay = Stay(
            property=property_id,
            confirmation_code=_new_code(),
            booking_reference=reference or f"BR{_new_code(8)}",
            room_type=room_type_id,
            room=room.id if room else None,
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
        await insert([stay])
        if others:
            await StayGuest.insert(*[StayGuest(stay=stay.id, guest=g) for g in others])
        await inventory.allocate(
            stay_id=stay.id,
            property_id=property_id,
            room_type_id=room_type_id,
            room_id=stay.room,
            nights=inventory.nights_between(arrival, departure),
        )
        await stay_billing.get().booked(
            stay,
            rate_plan_id=rate_plan_id,
            business_travel=business_travel,
            actor=actor,
            known=(prop, room_type, guest),
        )
        await events.emit(
            "frontdesk_stay_booked",
            "stay.booked",
            property_id=property_id,
            subject_id=stay.id,
            actor=actor,
            stay=stay,
        )
        return stay

    return await run_write(
        change, conflict_message="The room type sold out while booking; try another."
    )


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

    async def change() -> Stay:
        stay = await get_stay(stay_id)
        if stay.status not in ("booked", "checked_in"):
            raise InvalidTransition(f"A {stay.status} stay cannot be changed.", field="stayId")
        prop = await get_property(stay.property)
        before: dict[str, Any] = {}
        new_arrival = arrival or stay.arrival
        new_departure = departure or stay.departure
        if stay.status == "checked_in" and new_arrival != stay.arrival:
            raise InvalidTransition("An in-house stay's arrival cannot move.", field="arrival")
        if (
            stay.status == "booked"
            and new_arrival != stay.arrival
            and new_arrival < prop.business_date
        ):
            raise InvalidInput("arrival lies before the business date.", field="arrival")
        validation.night_range(new_arrival, new_departure)
        if new_departure <= prop.business_date and new_departure != stay.departure:
            raise InvalidInput("departure must lie after the business date.", field="departure")
        new_type_id = room_type_id or stay.room_type
        if new_type_id != stay.room_type and stay.status == "checked_in":
            raise InvalidTransition(
                "Move an in-house stay to a room of another type with moveRoom.",
                field="roomTypeId",
            )
        room_type = await get_room_type(new_type_id, property_id=stay.property)
        new_adults = stay.adults if adults is None else adults
        new_children = stay.children if children is None else children
        _occupancy(new_adults, new_children, room_type.max_occupancy)
        for name, value in (
            ("arrival", new_arrival),
            ("departure", new_departure),
            ("room_type", new_type_id),
            ("adults", new_adults),
            ("children", new_children),
        ):
            if getattr(stay, name) != value:
                before[name] = getattr(stay, name)
                setattr(stay, name, value)
        if notes is not None:
            cleaned = validation.text(
                notes, "notes", max_length=validation.MAX_TEXT, required=False
            )
            if cleaned != stay.notes:
                before["notes"] = stay.notes
                stay.notes = cleaned
        if porter_requested is not None and porter_requested != stay.porter_requested:
            before["porter_requested"] = stay.porter_requested
            stay.porter_requested = porter_requested
        if additional_guest_ids is not None:
            others = await _additional_guests(
                stay.property, additional_guest_ids, stay.primary_guest
            )
            await StayGuest.delete().where(StayGuest.stay == stay.id)
            if others:
                await StayGuest.insert(*[StayGuest(stay=stay.id, guest=g) for g in others])
            before["additional_guests"] = True
        if not before:
            return stay
        if stay.room is not None and "room_type" in before:
            stay.room = None  # a booked stay changing type gives up its pre-assigned room
        if {"arrival", "departure", "room_type"} & set(before):
            room = await get_room(stay.room) if stay.room else None
            if room is not None:
                _ensure_room_usable(room, stay.room_type, stay.arrival, stay.departure)
            await inventory.release(stay.id)
            if room is not None:
                await inventory.assert_room_free(room, stay.arrival, stay.departure)
            await inventory.allocate(
                stay_id=stay.id,
                property_id=stay.property,
                room_type_id=stay.room_type,
                room_id=stay.room,
                nights=inventory.nights_between(stay.arrival, stay.departure),
            )
            await stay_billing.get().nights_changed(stay)
        stay.updated_at = _now()
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


async def cancel_stay(*, stay_id: int, reason: str | None = None, actor: str | None = None) -> Stay:
    reason = validation.optional_text(reason, "reason", max_length=500)

    async def change() -> Stay:
        stay = await get_stay(stay_id)
        if stay.status != "booked":
            raise InvalidTransition(
                f"Only a booked stay can be cancelled; this one is {stay.status}.", field="stayId"
            )
        stay.status = "cancelled"
        stay.cancelled_at = _now()
        stay.updated_at = stay.cancelled_at
        await stay.save()
        await inventory.release(stay.id)
        await stay_billing.get().cancelled(stay, actor)
        await events.emit(
            "frontdesk_stay_cancelled",
            "stay.cancelled",
            property_id=stay.property,
            subject_id=stay.id,
            actor=actor,
            data={"reason": reason},
            stay=stay,
            reason=reason,
        )
        return stay

    return await run_write(change, conflict_message="The stay changed concurrently; retry.")


async def _pick_ready_room(stay: Stay, start: date) -> Room:
    """The lowest-numbered ready room of the stay's type free for the rest of the stay."""
    rooms = await Room.objects().where(
        (Room.room_type == stay.room_type)
        & (Room.active.eq(True))
        & (Room.housekeeping_status.is_in(list(READY_STATUSES)))
    )
    nights = inventory.nights_between(start, stay.departure)
    for room in sorted(rooms, key=lambda r: (len(r.number), r.number)):
        if any(inventory.is_out_of_order(room, n) for n in nights):
            continue
        if not await inventory.holders_of_room(room.id, nights, exclude_stay=stay.id):
            return room
    raise Conflict(
        "No clean room of this type is free for the whole stay; pick one or move a booking.",
        field="roomId",
    )


async def check_in(*, stay_id: int, room_id: int | None = None, actor: str | None = None) -> Stay:
    """Check a booked stay in to a clean or inspected room (assigned automatically if needed)."""

    async def change() -> Stay:
        stay = await get_stay(stay_id)
        if stay.status != "booked":
            raise InvalidTransition(
                f"Only a booked stay can check in; this one is {stay.status}.", field="stayId"
            )
        prop: Property = await get_property(stay.property)
        if stay.arrival > prop.business_date:
            raise InvalidTransition(
                f"The stay arrives on {stay.arrival.isoformat()}; the business date is "
                f"{prop.business_date.isoformat()}.",
                field="stayId",
            )
        if stay.departure <= prop.business_date:
            raise InvalidTransition("The stay's departure has passed.", field="stayId")
        start = max(stay.arrival, prop.business_date)
        chosen_id = room_id or stay.room
        if chosen_id is not None:
            room = await get_room(chosen_id, property_id=stay.property)
            _ensure_room_usable(room, stay.room_type, start, stay.departure)
            await inventory.assert_room_free(room, start, stay.departure, exclude_stay=stay.id)
        else:
            room = await _pick_ready_room(stay, start)
        if room.housekeeping_status not in READY_STATUSES:
            raise Conflict(
                f"Room {room.number} is {room.housekeeping_status}; it must be clean or inspected.",
                field="roomId",
            )
        stay.room = room.id
        stay.status = "checked_in"
        stay.checked_in_at = _now()
        stay.updated_at = stay.checked_in_at
        await stay.save()
        await inventory.set_room(stay.id, room.id)
        await events.emit(
            "frontdesk_stay_checked_in",
            "stay.checked_in",
            property_id=stay.property,
            subject_id=stay.id,
            actor=actor,
            data={"room_id": room.id},
            stay=stay,
            room=room,
        )
        return stay

    return await run_write(change, conflict_message="The room was taken meanwhile; retry.")


async def _mark_room_dirty(room_id: int, actor: str | None) -> None:
    room = await get_room(room_id)
    if room.housekeeping_status == "dirty" or room.housekeeping_status == "out_of_order":
        return
    old = room.housekeeping_status
    room.housekeeping_status = "dirty"
    await room.save()
    await events.emit(
        "frontdesk_room_status_changed",
        "room.status_changed",
        property_id=room.property,
        subject_id=room.id,
        actor=actor,
        data={"old": old, "new": "dirty"},
        room=room,
        old_status=old,
        new_status="dirty",
    )


async def check_out(*, stay_id: int, actor: str | None = None) -> Stay:
    """Check an in-house stay out: every folio must close (paid, or moved to the city ledger).
    Leaving on the arrival business date is a day use, charged first (in a transaction of its
    own: ``StayBilling.before_check_out``)."""
    await stay_billing.get().before_check_out(stay_id, actor)

    async def change() -> Stay:
        stay = await get_stay(stay_id)
        if stay.status != "checked_in":
            raise InvalidTransition(
                f"Only an in-house stay can check out; this one is {stay.status}.",
                field="stayId",
            )
        await stay_billing.get().checking_out(stay, actor)
        prop = await get_property(stay.property)
        if prop.business_date < stay.departure:
            stay.departure = max(prop.business_date, stay.arrival + timedelta(days=1))
        stay.status = "checked_out"
        stay.checked_out_at = _now()
        stay.updated_at = stay.checked_out_at
        await stay.save()
        await inventory.release(stay.id)
        # Plugins (e.g. folios) may veto before the room is released to housekeeping.
        await events.emit(
            "frontdesk_stay_checked_out",
            "stay.checked_out",
            property_id=stay.property,
            subject_id=stay.id,
            actor=actor,
            stay=stay,
        )
        if stay.room is not None:
            await _mark_room_dirty(stay.room, actor)
        return stay

    return await run_write(change, conflict_message="The stay changed concurrently; retry.")


async def move_room(
    *, stay_id: int, room_id: int, reason: str | None = None, actor: str | None = None
) -> Stay:
    """Give a booked or in-house stay another room (of any type) for its remaining nights."""
    reason = validation.optional_text(reason, "reason", max_length=500)

    async def change() -> Stay:
        stay = await get_stay(stay_id)
        if stay.status not in ("booked", "checked_in"):
            raise InvalidTransition(f"A {stay.status} stay cannot move rooms.", field="stayId")
        prop = await get_property(stay.property)
        room = await get_room(room_id, property_id=stay.property)
        if room.id == stay.room:
            raise InvalidInput("The stay is in that room already.", field="roomId")
        start = max(stay.arrival, prop.business_date)
        if start >= stay.departure:
            raise InvalidTransition("The stay has no nights left to move.", field="stayId")
        room_type = await get_room_type(room.room_type)
        _occupancy(stay.adults, stay.children, room_type.max_occupancy)
        _ensure_room_usable(room, room.room_type, start, stay.departure)
        if stay.status == "checked_in" and room.housekeeping_status not in READY_STATUSES:
            raise Conflict(
                f"Room {room.number} is {room.housekeeping_status}; it must be clean or inspected.",
                field="roomId",
            )
        await inventory.assert_room_free(room, start, stay.departure, exclude_stay=stay.id)
        from_room = await get_room(stay.room) if stay.room else None
        remaining = inventory.nights_between(start, stay.departure)
        if room.room_type != stay.room_type:
            await inventory.release(stay.id, from_night=start)
            await inventory.allocate(
                stay_id=stay.id,
                property_id=stay.property,
                room_type_id=room.room_type,
                room_id=room.id,
                nights=remaining,
            )
            stay.room_type = room.room_type
        else:
            await inventory.set_room(stay.id, room.id, from_night=start)
        stay.room = room.id
        stay.updated_at = _now()
        await stay.save()
        await events.emit(
            "frontdesk_stay_room_moved",
            "stay.room_moved",
            property_id=stay.property,
            subject_id=stay.id,
            actor=actor,
            data={
                "from_room_id": from_room.id if from_room else None,
                "to_room_id": room.id,
                "reason": reason,
            },
            stay=stay,
            from_room=from_room,
            to_room=room,
        )
        if stay.status == "checked_in" and from_room is not None:
            await _mark_room_dirty(from_room.id, actor)
        return stay

    return await run_write(change, conflict_message="The room was taken meanwhile; retry.")


async def mark_no_show(*, stay_id: int, actor: str | None = None) -> Stay:
    async def change() -> Stay:
        stay = await get_stay(stay_id)
        if stay.status != "booked":
            raise InvalidTransition(
                f"Only a booked stay can be a no-show; this one is {stay.status}.", field="stayId"
            )
        prop = await get_property(stay.property)
        if stay.arrival > prop.business_date:
            raise InvalidTransition("The guest is not due yet.", field="stayId")
        stay.status = "no_show"
        stay.updated_at = _now()
        await stay.save()
        await inventory.release(stay.id)
        await stay_billing.get().no_show(stay, actor)
        await events.emit(
            "frontdesk_stay_no_show",
            "stay.no_show",
            property_id=stay.property,
            subject_id=stay.id,
            actor=actor,
            stay=stay,
        )
        return stay

    return await run_write(change, conflict_message="The stay changed concurrently; retry.")
