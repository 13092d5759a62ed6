"""Moving a booked or in-house stay to another room, of any type, for its remaining nights."""

from __future__ import annotations

from .. import events, validation
from ..errors import InvalidInput, InvalidTransition
from ..properties.service import get_property, get_room, get_room_type
from ..transactions import run_write
from . import inventory
from .check_in_out import mark_room_dirty
from .rules import check_occupancy, ensure_ready, ensure_room_usable, get_stay, now
from .tables import Stay


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
        check_occupancy(stay.adults, stay.children, room_type.max_occupancy)
        ensure_room_usable(room, room.room_type, start, stay.departure)
        if stay.status == "checked_in":
            ensure_ready(room)
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
        stay.updated_at = now()
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
            await mark_room_dirty(from_room.id, actor)
        return stay

    return await run_write(change, conflict_message="The room was taken meanwhile; retry.")
