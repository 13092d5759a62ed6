"""Group events and their attendees.

An attendee who has not declined holds one of the event's numbered seats (0..capacity-1);
(event, seat_no) is a unique key, so concurrent invitations cannot exceed the capacity, and
(event, guest) keeps a guest from being listed twice.
"""

from __future__ import annotations

from datetime import datetime

from frontdesk.api import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    get_guest,
    get_property,
    get_stay,
    run_write,
    validation,
)

from . import requests
from .common import aware, lock_row, moment
from .tables import OPEN_STATUSES, ConciergeAttendee, ConciergeEvent, ConciergeRequest

RSVP_STATES = ("invited", "accepted", "tentative", "declined")
# Not an answer a guest gives: what cancelling the event makes of every attendee.
CANCELLED = "cancelled"
MAX_EVENT_CAPACITY = 5000


async def get_event(event_id: int, *, field: str = "eventId") -> ConciergeEvent:
    row = await ConciergeEvent.objects().where(ConciergeEvent.id == event_id).first()
    if row is None:
        raise NotFound(f"Event {event_id} does not exist.", field=field)
    return row


async def get_attendee(attendee_id: int) -> ConciergeAttendee:
    row = await ConciergeAttendee.objects().where(ConciergeAttendee.id == attendee_id).first()
    if row is None:
        raise NotFound(f"Attendee {attendee_id} does not exist.", field="attendeeId")
    return row


async def create_event(
    *,
    property_id: int,
    name: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    venue: str = "",
    description: str = "",
    actor: str | None = None,
) -> ConciergeEvent:
    name = validation.text(name, "name")
    venue = validation.text(venue, "venue", required=False)
    description = validation.text(
        description, "description", max_length=validation.MAX_TEXT, required=False
    )
    starts = moment(starts_at, "startsAt")
    ends = moment(ends_at, "endsAt")
    if ends <= starts:
        raise InvalidInput("endsAt must be after startsAt.", field="endsAt")
    validation.integer(capacity, "capacity", minimum=1, maximum=MAX_EVENT_CAPACITY)

    async def change() -> ConciergeEvent:
        await get_property(property_id)
        event = ConciergeEvent(
            property=property_id,
            name=name,
            starts_at=starts,
            ends_at=ends,
            venue=venue,
            capacity=capacity,
            description=description,
        )
        await event.save()
        return event

    return await run_write(change, conflict_message="The event could not be saved; retry.")


async def update_event(
    *,
    event_id: int,
    name: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    venue: str | None = None,
    capacity: int | None = None,
    description: str | None = None,
    actor: str | None = None,
) -> ConciergeEvent:
    """Change a scheduled event (None keeps a field). Capacity never goes below the places
    taken; attendees holding place numbers at or above the new capacity move to free lower
    ones, so the unique (event, seat_no) key keeps guarding it."""
    name = None if name is None else validation.text(name, "name")
    venue = None if venue is None else validation.text(venue, "venue", required=False)
    if description is not None:
        description = validation.text(
            description, "description", max_length=validation.MAX_TEXT, required=False
        )
    starts = moment(starts_at, "startsAt")
    ends = moment(ends_at, "endsAt")
    if capacity is not None:
        validation.integer(capacity, "capacity", minimum=1, maximum=MAX_EVENT_CAPACITY)

    async def change() -> ConciergeEvent:
        await lock_row(ConciergeEvent, event_id)
        event = await get_event(event_id)
        if event.status != "scheduled":
            raise InvalidTransition(f"The event is {event.status}.", field="eventId")
        new_start, new_end = starts or event.starts_at, ends or event.ends_at
        if aware(new_end) <= aware(new_start):
            raise InvalidInput(
                "endsAt must be after startsAt.", field="endsAt" if ends else "startsAt"
            )
        if capacity is not None and capacity < event.capacity:
            await _compact_places(event, capacity)
        for column, value in (
            ("name", name),
            ("starts_at", starts),
            ("ends_at", ends),
            ("venue", venue),
            ("capacity", capacity),
            ("description", description),
        ):
            if value is not None:
                setattr(event, column, value)
        await event.save()
        return event

    return await run_write(change, conflict_message="The event changed meanwhile; retry.")


async def _compact_places(event: ConciergeEvent, capacity: int) -> None:
    rows = await ConciergeAttendee.select(ConciergeAttendee.id, ConciergeAttendee.seat_no).where(
        (ConciergeAttendee.event == event.id) & ConciergeAttendee.seat_no.is_not_null()
    )
    if len(rows) > capacity:
        raise Conflict(
            f"{len(rows)} places of {event.name} are taken; the capacity cannot go below that.",
            field="capacity",
        )
    free = sorted(set(range(capacity)) - {r["seat_no"] for r in rows})
    for row in (r for r in rows if r["seat_no"] >= capacity):
        await ConciergeAttendee.update({ConciergeAttendee.seat_no: free.pop(0)}).where(
            ConciergeAttendee.id == row["id"]
        )


async def cancel_event(*, event_id: int, reason: str, actor: str | None = None) -> ConciergeEvent:
    """Call an event off: its attendees become ``cancelled`` (their places freed, the rows
    kept as the list it was) and its open preparation tasks are cancelled with the reason in
    their history. Nothing is deleted."""
    reason = validation.text(reason, "reason", max_length=500)

    async def change() -> ConciergeEvent:
        await lock_row(ConciergeEvent, event_id)
        event = await get_event(event_id)
        if event.status != "scheduled":
            raise InvalidTransition(f"The event is {event.status} already.", field="eventId")
        event.status = CANCELLED
        await event.save()
        await ConciergeAttendee.update(
            {ConciergeAttendee.rsvp: CANCELLED, ConciergeAttendee.seat_no: None}
        ).where(ConciergeAttendee.event == event.id)
        tasks = (
            await ConciergeRequest.objects()
            .where(
                (ConciergeRequest.event == event.id)
                & ConciergeRequest.status.is_in(list(OPEN_STATUSES))
            )
            .order_by(ConciergeRequest.id)
        )
        for task in tasks:
            await requests.transition(task, CANCELLED, actor, f"Event cancelled: {reason}")
        return event

    return await run_write(change, conflict_message="The event changed meanwhile; retry.")


async def _free_seat(event: ConciergeEvent) -> int:
    rows = await ConciergeAttendee.select(ConciergeAttendee.seat_no).where(
        (ConciergeAttendee.event == event.id) & ConciergeAttendee.seat_no.is_not_null()
    )
    taken = {r["seat_no"] for r in rows}
    for seat in range(event.capacity):
        if seat not in taken:
            return seat
    raise Conflict(f"{event.name} is full ({event.capacity} places).", field="eventId")


async def add_attendee(
    *,
    event_id: int,
    stay_id: int | None = None,
    guest_id: int | None = None,
    rsvp: str = "invited",
    actor: str | None = None,
) -> ConciergeAttendee:
    """Invite a guest (directly or through a stay, whose primary guest it then is)."""
    if rsvp not in RSVP_STATES:
        raise InvalidInput(f"rsvp must be one of {', '.join(RSVP_STATES)}.", field="rsvp")
    if stay_id is None and guest_id is None:
        raise InvalidInput("Name a stay or a guest.", field="guestId")

    async def change() -> ConciergeAttendee:
        await lock_row(ConciergeEvent, event_id)
        event = await get_event(event_id)
        if event.status != "scheduled":
            raise InvalidTransition(f"The event is {event.status}.", field="eventId")
        guest = guest_id
        if stay_id is not None:
            stay = await get_stay(stay_id, property_id=event.property)
            if stay.status not in ("booked", "checked_in"):
                raise InvalidTransition(f"The stay is {stay.status}.", field="stayId")
            guest = guest or stay.primary_guest
        await get_guest(guest, property_id=event.property)
        duplicate = await ConciergeAttendee.exists().where(
            (ConciergeAttendee.event == event.id) & (ConciergeAttendee.guest == guest)
        )
        if duplicate:
            raise Conflict("The guest is on the list already.", field="guestId")
        seat = None if rsvp == "declined" else await _free_seat(event)
        attendee = ConciergeAttendee(
            event=event.id, stay=stay_id, guest=guest, rsvp=rsvp, seat_no=seat
        )
        await attendee.save()
        return attendee

    return await run_write(change, conflict_message="The event filled up meanwhile.")


async def set_rsvp(*, attendee_id: int, rsvp: str, actor: str | None = None) -> ConciergeAttendee:
    """Change an answer; declining frees the seat, coming back needs a free one."""
    if rsvp not in RSVP_STATES:
        raise InvalidInput(f"rsvp must be one of {', '.join(RSVP_STATES)}.", field="rsvp")

    async def change() -> ConciergeAttendee:
        attendee = await get_attendee(attendee_id)
        await lock_row(ConciergeEvent, attendee.event)
        event = await get_event(attendee.event)
        if event.status != "scheduled":
            raise InvalidTransition(f"The event is {event.status}.", field="attendeeId")
        if rsvp == "declined":
            attendee.seat_no = None
        elif attendee.seat_no is None:
            attendee.seat_no = await _free_seat(event)
        attendee.rsvp = rsvp
        await attendee.save()
        return attendee

    return await run_write(change, conflict_message="The event filled up meanwhile.")


async def remove_attendee(*, attendee_id: int, actor: str | None = None) -> ConciergeEvent:
    async def change() -> ConciergeEvent:
        attendee = await get_attendee(attendee_id)
        await ConciergeAttendee.delete().where(ConciergeAttendee.id == attendee.id)
        return await get_event(attendee.event)

    return await run_write(change, conflict_message="The list changed meanwhile; retry.")


async def remove_stay_attendees(stay_id: int) -> int:
    """Inside a stay's cancellation: its attendees leave every event."""
    count = await ConciergeAttendee.count().where(ConciergeAttendee.stay == stay_id)
    await ConciergeAttendee.delete().where(ConciergeAttendee.stay == stay_id)
    return count


async def attending(event_id: int) -> int:
    return await ConciergeAttendee.count().where(
        (ConciergeAttendee.event == event_id) & ConciergeAttendee.seat_no.is_not_null()
    )
