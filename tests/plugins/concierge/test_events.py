"""Group events: a capacity that concurrent invitations cannot exceed, answers that free or
take places, and attendees that leave with their cancelled stay."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from frontdesk.core.errors import Conflict
from frontdesk.core.guests.service import create_guest
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.stays import service as stays
from frontdesk.plugins.concierge import group_events as service
from frontdesk.plugins.concierge import requests
from frontdesk.plugins.concierge.tables import ConciergeAttendee

DAY = date(2026, 11, 23)
EVENING = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


async def _setup(guests: int):
    prop = await create_property(code="EVT", name="Event Hotel", business_date=DAY)
    room_type = await create_room_type(
        property_id=prop.id, code="DBL", name="Double", max_occupancy=2
    )
    await create_room(property_id=prop.id, room_type_id=room_type.id, number="101")
    people = [
        (await create_guest(property_id=prop.id, first_name=f"G{i}", last_name="Party"))[0]
        for i in range(guests)
    ]
    event = await service.create_event(
        property_id=prop.id,
        name="Wine tasting",
        starts_at=EVENING,
        ends_at=EVENING + timedelta(hours=2),
        capacity=4,
        venue="Cellar",
    )
    return prop, room_type, people, event


async def test_twenty_simultaneous_invitations_never_exceed_the_capacity(runtime):
    _prop, _rt, people, event = await _setup(guests=20)
    results = await asyncio.gather(
        *[service.add_attendee(event_id=event.id, guest_id=g.id) for g in people],
        return_exceptions=True,
    )
    accepted = [r for r in results if not isinstance(r, BaseException)]
    assert len(accepted) == 4
    assert all(isinstance(r, Conflict) for r in results if isinstance(r, BaseException))
    assert await service.attending(event.id) == 4


async def test_declining_frees_a_place_and_coming_back_needs_one(runtime):
    _prop, _rt, people, event = await _setup(guests=5)
    first = await service.add_attendee(event_id=event.id, guest_id=people[0].id)
    for guest in people[1:4]:
        await service.add_attendee(event_id=event.id, guest_id=guest.id, rsvp="accepted")
    with pytest.raises(Conflict):
        await service.add_attendee(event_id=event.id, guest_id=people[4].id)
    await service.set_rsvp(attendee_id=first.id, rsvp="declined")
    late = await service.add_attendee(event_id=event.id, guest_id=people[4].id)
    with pytest.raises(Conflict):
        await service.set_rsvp(attendee_id=first.id, rsvp="accepted")
    assert late.seat_no is not None
    assert await service.attending(event.id) == 4


async def test_a_guest_is_listed_once(runtime):
    _prop, _rt, people, event = await _setup(guests=1)
    await service.add_attendee(event_id=event.id, guest_id=people[0].id)
    with pytest.raises(Conflict) as refused:
        await service.add_attendee(event_id=event.id, guest_id=people[0].id)
    assert refused.value.field == "guestId"


async def test_cancelling_a_stay_removes_its_attendees(runtime):
    prop, room_type, people, event = await _setup(guests=2)
    stay = await stays.book_stay(
        property_id=prop.id,
        room_type_id=room_type.id,
        arrival=DAY + timedelta(days=1),
        departure=DAY + timedelta(days=2),
        guest_id=people[0].id,
    )
    await service.add_attendee(event_id=event.id, stay_id=stay.id)
    await service.add_attendee(event_id=event.id, guest_id=people[1].id)
    await stays.cancel_stay(stay_id=stay.id, reason="plans changed")
    remaining = await ConciergeAttendee.select(ConciergeAttendee.guest).where(
        ConciergeAttendee.event == event.id
    )
    assert remaining == [{"guest": people[1].id}]


async def test_preparation_tasks_are_requests_of_the_event(runtime):
    prop, _rt, _people, event = await _setup(guests=0)
    task = await requests.create_request(
        property_id=prop.id,
        event_id=event.id,
        type="housekeeping_extra",
        description="Set up 4 tasting stations",
        department="food_beverage",
    )
    assert (task.event, task.status) == (event.id, "assigned")
