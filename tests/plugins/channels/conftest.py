"""Channels tests run with the plugin alone (the all-plugins matrix covers it beside the
others); ``calendars`` is a loopback HTTP server of booking-site calendars."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # calendars: the booking-site calendars

from calendars import CalendarServer  # noqa: E402
from support.hotel import build_hotel  # noqa: E402

from frontdesk.core import runtime  # noqa: E402
from frontdesk.core.plugins import hookimpl  # noqa: E402


@pytest.fixture
def enabled_plugins():
    return ["channels"]


@pytest.fixture
def calendars():
    server = CalendarServer().start()
    yield server
    server.stop()


@pytest.fixture
async def hotel(gql):
    return await build_hotel(gql, doubles=2, suites=1, guests=2)


class EventLog:
    """A plugin that records channels' conflict hook and every committed event."""

    def __init__(self) -> None:
        self.conflicts: list[dict] = []
        self.committed: list = []

    @hookimpl(optionalhook=True)
    def frontdesk_channels_conflict_detected(self, reservation, stay_ids):
        self.conflicts.append({"externalId": reservation.external_id, "stays": stay_ids})

    @hookimpl
    def frontdesk_event_committed(self, event):
        self.committed.append(event)


@pytest.fixture
def event_log(app) -> EventLog:
    found = EventLog()
    runtime.current().plugin_manager.register(found, name="channels-test-log")
    return found
