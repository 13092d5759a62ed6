"""What every change of a stay checks the same way: the stay exists, its guests fit the room
type, a room is usable for its nights, its additional guests belong to the property."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from .. import validation
from ..errors import Conflict, InvalidInput
from ..guests.service import get_guest
from ..properties.tables import Room
from ..repository import get_or_not_found
from . import inventory
from .tables import Stay, StayGuest

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
READY_STATUSES = ("clean", "inspected")
MAX_ADDITIONAL_GUESTS = 20


def new_code(length: int = 8) -> str:
    """A random code of unambiguous letters and digits (confirmation codes, references)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def now() -> datetime:
    return datetime.now(UTC)


async def get_stay(stay_id: int, *, property_id: int | None = None) -> Stay:
    return await get_or_not_found(
        Stay, stay_id, name="Stay", field="stayId", property_id=property_id
    )


def check_occupancy(adults: int, children: int, max_occupancy: int) -> None:
    validation.integer(adults, "adults", minimum=1, maximum=20)
    validation.integer(children, "children", minimum=0, maximum=20)
    if adults + children > max_occupancy:
        raise InvalidInput(
            f"{adults + children} guests exceed the room type's maximum of {max_occupancy}.",
            field="adults",
        )


def ensure_room_usable(room: Room, room_type_id: int, start: date, end: date) -> None:
    """Refuse a room of another type, out of service, or out of order on a night of
    [start, end)."""
    if room.room_type != room_type_id:
        raise InvalidInput(f"Room {room.number} is not of the booked room type.", field="roomId")
    if not room.active:
        raise Conflict(f"Room {room.number} is not in service.", field="roomId")
    for night in inventory.nights_between(start, end):
        if inventory.is_out_of_order(room, night):
            raise Conflict(
                f"Room {room.number} is out of order on {night.isoformat()}.", field="roomId"
            )


def ensure_ready(room: Room) -> None:
    """A guest moves only into a clean or inspected room."""
    if room.housekeeping_status not in READY_STATUSES:
        raise Conflict(
            f"Room {room.number} is {room.housekeeping_status}; it must be clean or inspected.",
            field="roomId",
        )


async def additional_guests(property_id: int, guest_ids: list[int], primary: int) -> list[int]:
    """The additional guests' ids, each once and without the primary guest; each must be a
    guest of the property."""
    if len(guest_ids) > MAX_ADDITIONAL_GUESTS:
        raise InvalidInput("Too many additional guests.", field="additionalGuestIds")
    unique = [g for g in dict.fromkeys(guest_ids) if g != primary]
    for guest_id in unique:
        await get_guest(guest_id, property_id=property_id)
    return unique


async def add_guests(stay: Stay, guest_ids: list[int]) -> None:
    if guest_ids:
        await StayGuest.insert(*[StayGuest(stay=stay.id, guest=g) for g in guest_ids])


async def take_nights(stay: Stay) -> None:
    """Take the stay's nights [arrival, departure) in the inventory, in its room type and,
    when it has one, its room."""
    await inventory.allocate(
        stay_id=stay.id,
        property_id=stay.property,
        room_type_id=stay.room_type,
        room_id=stay.room,
        nights=inventory.nights_between(stay.arrival, stay.departure),
    )
