"""Exported calendars: the nights a room (or a room type) cannot be sold, as iCalendar.

Booking sites import these files (Airbnb, Booking.com and VRBO read all-day VEVENTs with an
exclusive DTEND, the departure day). A room's night is closed when the room is held (a stay
with that room, an inventory hold such as another site's booking), out of order, inactive,
or when its room type is sold out (unassigned bookings use some room of the type). A room
type's night is closed when the type is sold out. Consecutive nights form one event whose
UID names the feed and its first night, so the same block keeps its UID between exports.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from frontdesk.api import availability, is_out_of_order, nights_between
from frontdesk.api.tables import Property, Room, RoomType, StayNight

PRODID = "-//Frontdesk//channels//EN"
SUMMARY = "Not available"


def blocks(nights: set[date]) -> list[tuple[date, date]]:
    """Closed nights as [start, end) ranges of consecutive nights."""
    ranges: list[tuple[date, date]] = []
    for night in sorted(nights):
        if ranges and ranges[-1][1] == night:
            ranges[-1] = (ranges[-1][0], night + timedelta(days=1))
        else:
            ranges.append((night, night + timedelta(days=1)))
    return ranges


async def _sold_out(prop: Property, room_type_id: int, nights: list[date]) -> set[date]:
    found = await availability(
        property_id=prop.id,
        arrival=nights[0],
        departure=nights[-1] + timedelta(days=1),
        room_type_id=room_type_id,
        include_free_rooms=False,
    )
    return {n.night for entry in found for n in entry.nights if n.bookable - n.sold <= 0}


async def room_closed_nights(room: Room, prop: Property, days: int) -> set[date]:
    nights = nights_between(prop.business_date, prop.business_date + timedelta(days=days))
    if not room.active:
        return set(nights)
    held = await StayNight.select(StayNight.night).where(
        (StayNight.room == room.id)
        & (StayNight.night >= nights[0])
        & (StayNight.night <= nights[-1])
    )
    closed = {row["night"] for row in held}
    closed |= {n for n in nights if is_out_of_order(room, n)}
    return closed | await _sold_out(prop, room.room_type, nights)


async def type_closed_nights(room_type: RoomType, prop: Property, days: int) -> set[date]:
    nights = nights_between(prop.business_date, prop.business_date + timedelta(days=days))
    return await _sold_out(prop, room_type.id, nights)


def render(
    name: str, feed_key: str, closed: set[date], *, dtstamp: datetime | None = None
) -> bytes:
    """One VCALENDAR with an all-day VEVENT per block of closed nights."""
    from icalendar import Calendar, Event  # imported on first use (start-up time)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = dtstamp or datetime.now(UTC).replace(microsecond=0)
    for start, end in blocks(closed):
        event = Event()
        event.add("uid", f"{feed_key}-{start.isoformat()}@frontdesk-channels")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", SUMMARY)
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()


async def feed_for(token_row, days: int) -> bytes:
    """The calendar a feed token stands for (a room's, or a room type's)."""
    prop = await Property.objects().where(Property.id == token_row.property).first()
    if token_row.room is not None:
        room = await Room.objects().where(Room.id == token_row.room).first()
        closed = await room_closed_nights(room, prop, days)
        return render(f"{prop.name} room {room.number}", f"room-{room.id}", closed)
    room_type = await RoomType.objects().where(RoomType.id == token_row.room_type).first()
    closed = await type_closed_nights(room_type, prop, days)
    return render(f"{prop.name} {room_type.name}", f"room-type-{room_type.id}", closed)
