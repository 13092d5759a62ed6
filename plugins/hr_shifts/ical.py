"""A personal shift calendar (RFC 5545) that staff can subscribe to from their phone.

Times are written in UTC (``...Z``) so the file needs no VTIMEZONE block and every
client shows the shift at the right local time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

#: (uid, start, end, summary, location or None); start and end must be timezone-aware.
CalendarShift = tuple[str, datetime, datetime, str, str | None]


def staff_calendar(
    staff_name: str,
    shifts: Iterable[CalendarShift],
    prodid: str,
    *,
    dtstamp: datetime | None = None,
) -> bytes:
    """One VCALENDAR with a VEVENT per shift.

    ``dtstamp`` defaults to now; pass it to get byte-identical output (tests, ETags).
    UIDs must be stable across exports so calendar clients update events in place.
    """
    # Imported on first use: icalendar costs 0.14 s of every server start otherwise, for a
    # feed staff fetch now and then (start-up target: docs/performance.md).
    from icalendar import Calendar, Event

    stamp = _utc(dtstamp or datetime.now(UTC), "dtstamp")
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Shifts: {staff_name}")
    for uid, start, end, summary, location in shifts:
        if end <= start:
            raise ValueError(f"shift {uid} ends before it starts")
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(start, "start"))
        event.add("dtend", _utc(end, "end"))
        event.add("summary", summary)
        if location:
            event.add("location", location)
        calendar.add_component(event)
    return calendar.to_ical()


def _utc(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got naive {moment.isoformat()}")
    return moment.astimezone(UTC)
