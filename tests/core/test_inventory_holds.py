"""Inventory holds take a room's nights through the stays' own per-night keys: a held room
is never sold, a booking by room type counts the hold, and releasing gives the nights back."""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.core.errors import Conflict
from frontdesk.core.guests.service import create_guest
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.stays import holds
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.availability import availability
from frontdesk.core.stays.tables import StayNight

DAY = date(2026, 11, 23)
ARRIVAL, DEPARTURE = date(2026, 12, 1), date(2026, 12, 4)


async def _hotel(rooms: int = 2):
    prop = await create_property(code="HOLD", name="Hold Hotel", business_date=DAY)
    kind = await create_room_type(property_id=prop.id, code="DBL", name="Double", max_occupancy=2)
    room_ids = [
        (await create_room(property_id=prop.id, room_type_id=kind.id, number=str(101 + i))).id
        for i in range(rooms)
    ]
    guest, _ = await create_guest(property_id=prop.id, first_name="Ada", last_name="Hold")
    return prop, kind, room_ids, guest


def _book(prop, kind, guest, room_id=None):
    return stays.book_stay(
        property_id=prop.id,
        room_type_id=kind.id,
        arrival=ARRIVAL,
        departure=DEPARTURE,
        guest_id=guest.id,
        room_id=room_id,
    )


async def test_a_held_room_cannot_be_booked(runtime):
    prop, kind, rooms, guest = await _hotel()
    await holds.place_hold(
        room_id=rooms[0], arrival=ARRIVAL, departure=DEPARTURE, owner="test", reference="x"
    )
    with pytest.raises(Conflict):
        await _book(prop, kind, guest, room_id=rooms[0])


async def test_a_hold_counts_against_the_room_type(runtime):
    prop, kind, rooms, guest = await _hotel()
    await holds.place_hold(room_id=rooms[0], arrival=ARRIVAL, departure=DEPARTURE, owner="test")
    await _book(prop, kind, guest)
    with pytest.raises(Conflict, match="sold out"):
        await _book(prop, kind, guest)
    [entry] = await availability(property_id=prop.id, arrival=ARRIVAL, departure=DEPARTURE)
    assert entry.free_count == 0


async def test_a_hold_on_a_booked_room_names_the_stay(runtime):
    prop, kind, rooms, guest = await _hotel()
    stay = await _book(prop, kind, guest, room_id=rooms[0])
    with pytest.raises(holds.HoldConflict) as refused:
        await holds.place_hold(
            room_id=rooms[0], arrival=date(2026, 12, 3), departure=date(2026, 12, 6), owner="t"
        )
    assert refused.value.stay_ids == [stay.id]
    assert refused.value.nights == [date(2026, 12, 3)]


async def test_releasing_a_hold_gives_its_nights_back(runtime):
    prop, kind, rooms, guest = await _hotel(rooms=1)
    hold = await holds.place_hold(
        room_id=rooms[0], arrival=ARRIVAL, departure=DEPARTURE, owner="test"
    )
    assert await StayNight.count().where(StayNight.hold == hold.id) == 3
    await stays_run(holds.release_hold_in_transaction, hold.id)
    assert await StayNight.count() == 0
    await _book(prop, kind, guest, room_id=rooms[0])


async def stays_run(function, *args):
    from frontdesk.core.transactions import run_write

    return await run_write(lambda: function(*args), conflict_message="raced")
