"""Specifications for the personal shift calendar export."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from frontdesk.plugins.hr_shifts.ical import staff_calendar

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Frontdesk//hr_shifts//EN"
SHIFTS = [
    (
        "shift-101@frontdesk",
        datetime(2026, 12, 24, 14, tzinfo=BERLIN),
        datetime(2026, 12, 24, 22, tzinfo=BERLIN),
        "Late shift",
        "Front desk",
    ),
    (
        "shift-102@frontdesk",
        datetime(2026, 12, 25, 22, tzinfo=BERLIN),
        datetime(2026, 12, 26, 6, tzinfo=BERLIN),
        "Night shift",
        None,
    ),
]


def test_calendar_parses_back_with_one_event_per_shift():
    raw = staff_calendar("Anna Berg", SHIFTS, PRODID, dtstamp=datetime(2026, 12, 1, tzinfo=UTC))

    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["X-WR-CALNAME"]) == "Shifts: Anna Berg"
    assert [str(event["UID"]) for event in events] == ["shift-101@frontdesk", "shift-102@frontdesk"]
    assert all("DTSTAMP" in event for event in events)
    assert events[0].decoded("DTSTART") == datetime(2026, 12, 24, 13, tzinfo=UTC)
    assert events[1].decoded("DTEND") == datetime(2026, 12, 26, 5, tzinfo=UTC)
    assert str(events[0]["LOCATION"]) == "Front desk" and "LOCATION" not in events[1]
    assert b"DTSTART:20261224T130000Z" in raw


def test_naive_shift_times_are_rejected():
    naive = [("x@frontdesk", datetime(2026, 12, 24, 14), datetime(2026, 12, 24, 22), "Late", None)]

    with pytest.raises(ValueError, match="timezone-aware"):
        staff_calendar("Anna Berg", naive, PRODID)
