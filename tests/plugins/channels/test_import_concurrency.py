"""An import racing 20 bookings for the same nights: the per-night keys let each night of
each room be held once, by a stay or by the imported reservation, never both."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from calendars import Booking, airbnb

from frontdesk.core.errors import Conflict
from frontdesk.core.guests.service import create_guest
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.tables import StayNight
from frontdesk.plugins.channels import service, sync
from frontdesk.plugins.channels.tables import ChannelsReservation

DAY = date(2026, 11, 23)
ARRIVAL, DEPARTURE = date(2026, 12, 4), date(2026, 12, 7)


async def test_an_import_and_twenty_bookings_never_hold_a_night_twice(runtime, calendars):
    prop = await create_property(code="RACE", name="Race Hotel", business_date=DAY)
    room_type = await create_room_type(
        property_id=prop.id, code="DBL", name="Double", max_occupancy=2
    )
    rooms = [
        (await create_room(property_id=prop.id, room_type_id=room_type.id, number=n)).id
        for n in ("101", "102")
    ]
    guest, _ = await create_guest(property_id=prop.id, first_name="Ada", last_name="Race")
    calendars.files["/race.ics"] = airbnb([Booking("race@airbnb.com", ARRIVAL, DEPARTURE)])
    source = await service.add_source(room_id=rooms[0], url=calendars.url("/race.ics"), label="")

    async def booking(n: int):
        return await stays.book_stay(
            property_id=prop.id,
            room_type_id=room_type.id,
            arrival=ARRIVAL,
            departure=DEPARTURE,
            guest_id=guest.id,
            room_id=rooms[0] if n % 2 else None,  # half want the imported room itself
        )

    results = await asyncio.gather(
        sync.sync_source(source), *[booking(n) for n in range(20)], return_exceptions=True
    )
    imported, booked = results[0], results[1:]
    assert not isinstance(imported, BaseException), imported
    stays_won = [r for r in booked if not isinstance(r, BaseException)]
    assert all(isinstance(r, Conflict) for r in booked if isinstance(r, BaseException))
    reservation = await ChannelsReservation.objects().first()
    held = 1 if reservation.status == "held" else 0
    assert reservation.status in ("held", "conflict")
    assert len(stays_won) + held == 2  # both rooms sold, once each
    for night in (ARRIVAL + timedelta(days=i) for i in range(3)):
        rows = await StayNight.select(StayNight.room, StayNight.hold, StayNight.stay).where(
            StayNight.night == night
        )
        assert len(rows) == 2
        assigned = [row["room"] for row in rows if row["room"] is not None]
        assert len(assigned) == len(set(assigned))
        assert sum(1 for row in rows if row["hold"] is not None) == held
