"""The server's background worker syncs every calendar on its schedule, without anyone
asking (the interval is the shortest allowed, 5 s)."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from calendars import Booking, airbnb

QUERY = (
    "query($p: ID!) { channelsCalendars(propertyId: $p) { lastOutcome reservations { status } } }"
)


@pytest.fixture(autouse=True)
def short_interval(monkeypatch):
    monkeypatch.setenv("FRONTDESK_CHANNELS_SYNC_INTERVAL_SECONDS", "5")


async def test_the_worker_syncs_a_new_calendar_on_its_next_round(gql, hotel, calendars):
    calendars.files["/a.ics"] = airbnb(
        [Booking("w@airbnb.com", date(2026, 12, 4), date(2026, 12, 6))]
    )
    await gql.ok(
        "channelsAddCalendar",
        {"roomId": hotel.rooms["101"], "url": calendars.url("/a.ics")},
        "calendar { id }",
    )
    for _ in range(300):  # until the worker's next round (at most one interval)
        found = (await gql.execute(QUERY, {"p": hotel.property_id}))["channelsCalendars"][0]
        if found["lastOutcome"]:
            break
        await asyncio.sleep(0.1)
    assert found == {"lastOutcome": "synced", "reservations": [{"status": "held"}]}
