"""Core objects for a plugin's tests, made through core's own services (so core's rules run and
every plugin's hooks fire, as they would in production), never by writing core's tables."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from frontdesk.core.guests.service import create_guest
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.properties.tables import Property, Room, RoomType
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.tables import Stay

BUSINESS_DATE = date(2026, 11, 23)


class CoreObjects:
    """``await core_objects.stay()`` books a stay in a fresh small hotel; each method takes
    what it needs as keywords and makes whatever else is missing. Ids are plain integers: the
    GraphQL API's ids are the same numbers as strings (``str(stay.id)``)."""

    def __init__(self, business_date: date = BUSINESS_DATE):
        self.business_date = business_date
        self._count = 0

    def _next(self) -> int:
        self._count += 1
        return self._count

    async def property(self, *, code: str | None = None, **values: Any) -> Property:
        values.setdefault("name", "Test Hotel")
        values.setdefault("business_date", self.business_date)
        return await create_property(code=code or f"T{self._next()}", **values)

    async def room_type(self, *, property_id: int | None = None, **values: Any) -> RoomType:
        property_id = property_id or (await self.property()).id
        values.setdefault("code", f"RT{self._next()}")
        values.setdefault("name", "Double")
        values.setdefault("max_occupancy", 2)
        return await create_room_type(property_id=property_id, **values)

    async def room(self, *, room_type_id: int | None = None, **values: Any) -> Room:
        if room_type_id is None:
            room_type_id = (await self.room_type(property_id=values.pop("property_id", None))).id
        row = await RoomType.select(RoomType.property).where(RoomType.id == room_type_id).first()
        values.setdefault("number", str(100 + self._next()))
        return await create_room(property_id=row["property"], room_type_id=room_type_id, **values)

    async def guest(self, *, property_id: int | None = None, **profile: Any):
        property_id = property_id or (await self.property()).id
        profile.setdefault("first_name", "Ada")
        profile.setdefault("last_name", f"Guest{self._next()}")
        guest, _duplicates = await create_guest(property_id=property_id, **profile)
        return guest

    async def stay(
        self, *, room_id: int | None = None, guest_id: int | None = None, nights: int = 2, **extra
    ) -> Stay:
        """A booked stay arriving on the business date, in ``room_id`` (a new room otherwise)."""
        room = await Room.objects().where(Room.id == room_id).first() if room_id else None
        room = room or await self.room()
        if guest_id is None:
            guest_id = (await self.guest(property_id=room.property)).id
        arrival = extra.pop("arrival", self.business_date)
        return await stays.book_stay(
            property_id=room.property,
            room_type_id=room.room_type,
            room_id=room.id,
            guest_id=guest_id,
            arrival=arrival,
            departure=extra.pop("departure", arrival + timedelta(days=nights)),
            **extra,
        )

    async def checked_in_stay(self, **values: Any) -> Stay:
        stay = await self.stay(**values)
        return await stays.check_in(stay_id=stay.id)

    async def check_in(self, stay_id: int) -> Stay:
        return await stays.check_in(stay_id=stay_id)

    async def check_out(self, stay_id: int) -> Stay:
        return await stays.check_out(stay_id=stay_id)
