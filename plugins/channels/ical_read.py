"""Reading the calendars booking sites publish into reservations of one room.

Airbnb and Booking.com publish all-day events (``DTSTART;VALUE=DATE``, DTEND exclusive: the
departure day); others send date-times with a TZID or in UTC, which become the property's
local dates (an arrival at 15:00 on the 5th and a departure at 11:00 on the 8th hold the
nights of the 5th, 6th and 7th). ``STATUS:CANCELLED`` releases. A UID is the reservation's id,
except where one file reuses a UID for several events (some sites give every "blocked" event
the same one): then the arrival date joins it, so each block keeps its own nights.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from frontdesk.api import InvalidInput

from .connectors import ChannelReservation

MAX_NIGHTS = 365


def _local_date(value: date | datetime, zone: ZoneInfo) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating time: the hotel's own clock
            return value.date()
        return value.astimezone(zone).date()
    return value


def _range(event, zone: ZoneInfo) -> tuple[date, date] | None:
    start_prop = event.get("dtstart")
    if start_prop is None:
        return None
    start_value = start_prop.dt
    end_prop = event.get("dtend")
    if end_prop is not None:
        end_value = end_prop.dt
    elif event.get("duration") is not None:
        end_value = start_value + event.get("duration").dt
    else:
        end_value = start_value + timedelta(days=1)
    arrival, departure = _local_date(start_value, zone), _local_date(end_value, zone)
    if departure <= arrival:
        departure = arrival + timedelta(days=1)
    if (departure - arrival).days > MAX_NIGHTS:
        departure = arrival + timedelta(days=MAX_NIGHTS)
    return arrival, departure


def parse_calendar(
    payload: bytes, *, room_id: int, timezone: str, today: date
) -> list[ChannelReservation]:
    """The events of a calendar file as reservations of ``room_id``; events that ended before
    ``today`` are left out (past nights are not for sale anyway)."""
    from icalendar import Calendar  # imported on first use (start-up time)

    try:
        calendar = Calendar.from_ical(payload)
    except ValueError as error:
        raise InvalidInput(f"The calendar cannot be read: {error}", field="url") from None
    zone = ZoneInfo(timezone or "UTC")
    parsed = []
    for event in calendar.walk("VEVENT"):
        nights = _range(event, zone)
        uid = str(event.get("uid") or "").strip()
        if nights is None or nights[1] <= today:
            continue
        status = str(event.get("status") or "").upper()
        summary = str(event.get("summary") or "")
        parsed.append((uid, nights, status == "CANCELLED", summary))
    uses = Counter(uid for uid, *_ in parsed)
    reservations = []
    for uid, (arrival, departure), cancelled, summary in parsed:
        key = uid if uid and uses[uid] == 1 else f"{uid}#{arrival.isoformat()}"
        reservations.append(
            ChannelReservation(
                external_id=key[:255],
                room_id=room_id,
                arrival=arrival,
                departure=departure,
                summary=summary,
                cancelled=cancelled,
            )
        )
    return _latest_per_key(reservations)


def _latest_per_key(reservations: list[ChannelReservation]) -> list[ChannelReservation]:
    """One reservation per key: a later, live copy wins over a cancelled one."""
    by_key: dict[str, ChannelReservation] = {}
    for reservation in reservations:
        earlier = by_key.get(reservation.external_id)
        if earlier is None or earlier.cancelled:
            by_key[reservation.external_id] = reservation
    return list(by_key.values())
