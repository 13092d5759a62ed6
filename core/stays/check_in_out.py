"""Arrival and departure: checking a booked stay in to a ready room, and an in-house stay out.

Check-out closes every folio of the stay (billing refuses while one has a balance) and
hands the room to housekeeping as dirty; leaving on the arrival business date is a day use,
which billing charges first in a transaction of its own.
"""

from __future__ import annotations

from datetime import date, timedelta

from .. import events
from ..errors import Conflict, InvalidTransition
from ..properties.service import get_property, get_room
from ..properties.tables import Property, Room
from ..transactions import run_write
from . import inventory
from .billing import stay_billing
from .rules import READY_STATUSES, ensure_ready, ensure_room_usable, get_stay, now
from .tables import Stay


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
            ensure_room_usable(room, stay.room_type, start, stay.departure)
            await inventory.assert_room_free(room, start, stay.departure, exclude_stay=stay.id)
        else:
            room = await _pick_ready_room(stay, start)
        ensure_ready(room)
        stay.room = room.id
        stay.status = "checked_in"
        stay.checked_in_at = now()
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


async def mark_room_dirty(room_id: int, actor: str | None) -> None:
    """A room a guest has left needs cleaning (one already dirty or out of order stays so)."""
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
        stay.checked_out_at = now()
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
            await mark_room_dirty(stay.room, actor)
        return stay

    return await run_write(change, conflict_message="The stay changed concurrently; retry.")
