"""Business rules for properties, room types and rooms."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .. import events, validation
from ..errors import Conflict, InvalidInput
from ..repository import found, get_or_not_found
from ..transactions import run_write
from .room_use import room_use
from .tables import HOUSEKEEPING_STATUSES, Property, Room, RoomType

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
MAX_ROOMS_PER_TYPE_QUERY = 10_000


async def get_property(property_id: int) -> Property:
    return await get_or_not_found(Property, property_id, name="Property", field="propertyId")


def found_property(prop: Property | None, property_id: int) -> Property:
    """``prop`` as read for ``property_id``, or NotFound (for rows read some other way)."""
    return found(prop, property_id, name="Property", field="propertyId")


async def get_room_type(room_type_id: int, *, property_id: int | None = None) -> RoomType:
    return await get_or_not_found(
        RoomType, room_type_id, name="Room type", field="roomTypeId", property_id=property_id
    )


def found_room_type(
    room_type: RoomType | None, room_type_id: int, *, property_id: int | None = None
) -> RoomType:
    """``room_type`` as read for ``room_type_id``, or NotFound when there is none or it
    belongs to another property."""
    return found(
        room_type, room_type_id, name="Room type", field="roomTypeId", property_id=property_id
    )


async def get_room(room_id: int, *, property_id: int | None = None) -> Room:
    return await get_or_not_found(
        Room, room_id, name="Room", field="roomId", property_id=property_id
    )


def local_today(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()


def _timezone(value: str) -> str:
    tz = validation.text(value, "timezone", max_length=64)
    try:
        if tz not in available_timezones():
            raise ZoneInfoNotFoundError(tz)
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(f"Unknown time zone {tz!r}.", field="timezone") from exc
    return tz


def _currency(value: str) -> str:
    currency = validation.text(value, "currency", max_length=3).upper()
    if not _CURRENCY_RE.match(currency):
        raise InvalidInput("currency must be a three-letter ISO 4217 code.", field="currency")
    return currency


async def create_property(
    *,
    code: str,
    name: str,
    timezone: str = "UTC",
    currency: str = "EUR",
    check_in_time: time = time(15, 0),
    check_out_time: time = time(11, 0),
    business_date: date | None = None,
) -> Property:
    checks = validation.Checks()
    code = checks(validation.code, code, "code")
    name = checks(validation.text, name, "name")
    tz = checks(_timezone, timezone)
    currency = checks(_currency, currency)
    if business_date is not None and not 2000 <= business_date.year <= 2200:
        checks.errors.append(
            InvalidInput("businessDate must lie between 2000 and 2200.", field="businessDate")
        )
    checks.done()

    async def change() -> Property:
        if await Property.exists().where(Property.code == code):
            raise Conflict(f"A property with code {code} exists already.", field="code")
        prop = Property(
            code=code,
            name=name,
            timezone=tz,
            currency=currency,
            check_in_time=check_in_time,
            check_out_time=check_out_time,
            business_date=business_date or local_today(tz),
        )
        await prop.save()
        return prop

    return await run_write(change, conflict_message=f"Property code {code} is taken.")


async def create_room_type(
    *, property_id: int, code: str, name: str, max_occupancy: int, description: str = ""
) -> RoomType:
    checks = validation.Checks()
    code = checks(validation.code, code, "code")
    name = checks(validation.text, name, "name")
    max_occupancy = checks(validation.integer, max_occupancy, "maxOccupancy", minimum=1, maximum=20)
    description = checks(
        validation.text, description, "description", max_length=validation.MAX_TEXT, required=False
    )
    checks.done()

    async def change() -> RoomType:
        await get_property(property_id)
        taken = await RoomType.exists().where(
            (RoomType.property == property_id) & (RoomType.code == code)
        )
        if taken:
            raise Conflict(f"Room type {code} exists already at this property.", field="code")
        room_type = RoomType(
            property=property_id,
            code=code,
            name=name,
            max_occupancy=max_occupancy,
            description=description,
        )
        await room_type.save()
        return room_type

    return await run_write(change, conflict_message=f"Room type code {code} is taken.")


def _features(features: list[str] | None) -> list[str]:
    cleaned = [validation.text(f, "features", max_length=50) for f in features or []]
    if len(cleaned) > 30:
        raise InvalidInput("A room may list at most 30 features.", field="features")
    return sorted(set(cleaned))


async def create_room(
    *,
    property_id: int,
    room_type_id: int,
    number: str,
    floor: int | None = None,
    features: list[str] | None = None,
) -> Room:
    checks = validation.Checks()
    number = checks(validation.text, number, "number", max_length=20)
    if floor is not None:
        checks(validation.integer, floor, "floor", minimum=-10, maximum=300)
    feature_list = checks(_features, features)
    checks.done()

    async def change() -> Room:
        await get_property(property_id)
        await get_room_type(room_type_id, property_id=property_id)
        if await Room.exists().where((Room.property == property_id) & (Room.number == number)):
            raise Conflict(f"Room {number} exists already at this property.", field="number")
        room = Room(
            property=property_id,
            room_type=room_type_id,
            number=number,
            floor=floor,
            features=feature_list,
            housekeeping_status="clean",
            active=True,
        )
        await room.save()
        return room

    return await run_write(change, conflict_message=f"Room number {number} is taken.")


async def update_room(
    *,
    room_id: int,
    number: str | None = None,
    floor: int | None = None,
    room_type_id: int | None = None,
    features: list[str] | None = None,
    active: bool | None = None,
) -> Room:
    async def change() -> Room:
        rooms = room_use.get()
        room = await get_room(room_id)
        if number is not None:
            new_number = validation.text(number, "number", max_length=20)
            clash = await Room.exists().where(
                (Room.property == room.property)
                & (Room.number == new_number)
                & (Room.id != room.id)
            )
            if clash:
                raise Conflict(f"Room {new_number} exists already.", field="number")
            room.number = new_number
        if floor is not None:
            room.floor = validation.integer(floor, "floor", minimum=-10, maximum=300)
        if features is not None:
            room.features = _features(features)
        changes_inventory = False
        if room_type_id is not None and room_type_id != room.room_type:
            await get_room_type(room_type_id, property_id=room.property)
            if await rooms.is_held(room.id):
                raise Conflict(
                    "The room is assigned to current or future stays; move them first.",
                    field="roomTypeId",
                )
            room.room_type = room_type_id
            changes_inventory = True
        if active is not None and active != room.active:
            if not active and await rooms.is_held(room.id):
                raise Conflict(
                    "The room is assigned to current or future stays; move them first.",
                    field="active",
                )
            room.active = active
            changes_inventory = True
        await room.save()
        if changes_inventory:
            await rooms.ensure_not_oversold(room.property)
        return room

    return await run_write(change, conflict_message="The room changed concurrently; retry.")


async def set_room_status(
    *,
    room_id: int,
    status: str,
    reason: str | None = None,
    out_of_order_from: date | None = None,
    out_of_order_until: date | None = None,
    actor: str | None = None,
) -> Room:
    """Change housekeeping status; out_of_order needs a reason and a date range during which
    the room is neither assigned nor needed to honour existing bookings of its type."""
    if status not in HOUSEKEEPING_STATUSES:
        raise InvalidInput(f"Unknown housekeeping status {status!r}.", field="status")

    async def change() -> Room:
        rooms = room_use.get()
        room = await get_room(room_id)
        old_status = room.housekeeping_status
        if status == "out_of_order":
            why = validation.text(reason, "reason", max_length=500)
            if out_of_order_from is None or out_of_order_until is None:
                raise InvalidInput("out_of_order needs from and until dates.", field="until")
            validation.night_range(out_of_order_from, out_of_order_until, field="until")
            room.out_of_order_reason = why
            room.out_of_order_from = out_of_order_from
            room.out_of_order_until = out_of_order_until
            room.housekeeping_status = status
            await room.save()
            await rooms.ensure_free(room, out_of_order_from, out_of_order_until)
            await rooms.ensure_not_oversold(room.property)
        else:
            room.housekeeping_status = status
            room.out_of_order_reason = None
            room.out_of_order_from = None
            room.out_of_order_until = None
            await room.save()
        if old_status != status:
            await events.emit(
                "frontdesk_room_status_changed",
                "room.status_changed",
                property_id=room.property,
                subject_id=room.id,
                actor=actor,
                data={"old": old_status, "new": status},
                room=room,
                old_status=old_status,
                new_status=status,
            )
        return room

    return await run_write(change, conflict_message="The room changed concurrently; retry.")
