"""Rules 1 and 2 hold under concurrency: the database, not Python, refuses the extra bookings."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from frontdesk.core.errors import Conflict
from frontdesk.core.guests.service import create_guest
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.tables import StayNight

DAY = date(2026, 11, 23)


async def _hotel(rooms: int):
    prop = await create_property(code="RACE", name="Race Hotel", business_date=DAY)
    room_type = await create_room_type(
        property_id=prop.id, code="DBL", name="Double", max_occupancy=2
    )
    room_ids = [
        (await create_room(property_id=prop.id, room_type_id=room_type.id, number=str(100 + i))).id
        for i in range(rooms)
    ]
    guest, _ = await create_guest(property_id=prop.id, first_name="Ada", last_name="Race")
    return prop, room_type, room_ids, guest


async def test_twenty_simultaneous_bookings_take_exactly_the_free_rooms(runtime):
    prop, room_type, _rooms, guest = await _hotel(rooms=8)
    for _ in range(5):  # 5 of 8 already sold: 3 left
        await stays.book_stay(
            property_id=prop.id,
            room_type_id=room_type.id,
            arrival=DAY,
            departure=DAY + timedelta(days=2),
            guest_id=guest.id,
        )

    async def attempt():
        return await stays.book_stay(
            property_id=prop.id,
            room_type_id=room_type.id,
            arrival=DAY,
            departure=DAY + timedelta(days=2),
            guest_id=guest.id,
        )

    results = await asyncio.gather(*[attempt() for _ in range(20)], return_exceptions=True)
    succeeded = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(succeeded) == 3
    assert len(refused) == 17
    assert all(isinstance(r, Conflict) for r in refused), refused
    assert all("sold out" in r.message for r in refused)
    for night in (DAY, DAY + timedelta(days=1)):
        held = await StayNight.count().where(
            (StayNight.room_type == room_type.id) & (StayNight.night == night)
        )
        assert held == 8


async def test_twenty_simultaneous_bookings_of_one_room_let_one_win(runtime):
    prop, room_type, rooms, guest = await _hotel(rooms=3)

    async def attempt():
        return await stays.book_stay(
            property_id=prop.id,
            room_type_id=room_type.id,
            arrival=DAY,
            departure=DAY + timedelta(days=3),
            guest_id=guest.id,
            room_id=rooms[0],
        )

    results = await asyncio.gather(*[attempt() for _ in range(20)], return_exceptions=True)
    winners = [r for r in results if not isinstance(r, BaseException)]
    assert len(winners) == 1
    assert all(isinstance(r, Conflict) for r in results if isinstance(r, BaseException))
    rows = await StayNight.select(StayNight.night).where(StayNight.room == rooms[0])
    assert sorted(r["night"] for r in rows) == [DAY + timedelta(days=i) for i in range(3)]


async def test_the_database_refuses_a_second_stay_in_the_same_room_night(runtime):
    """Even a write that skips the service checks cannot double-book a room."""
    import pytest

    prop, room_type, rooms, guest = await _hotel(rooms=2)
    first = await stays.book_stay(
        property_id=prop.id,
        room_type_id=room_type.id,
        arrival=DAY,
        departure=DAY + timedelta(days=1),
        guest_id=guest.id,
        room_id=rooms[0],
    )
    second = await stays.book_stay(
        property_id=prop.id,
        room_type_id=room_type.id,
        arrival=DAY,
        departure=DAY + timedelta(days=1),
        guest_id=guest.id,
    )
    with pytest.raises(Exception) as caught:
        await StayNight.update({StayNight.room: rooms[0]}).where(StayNight.stay == second.id)
    assert "unique" in str(caught.value).lower()
    assert first.id != second.id
