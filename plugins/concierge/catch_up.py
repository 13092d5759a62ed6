"""Catching up when the concierge comes on for a property again (issue #23).

While the concierge is off, core's stay hooks have no one to close its tasks: a guest who
checked out leaves open requests behind, a cancelled or no-show stay keeps its requests, its
service bookings and its seats at events, and a room move leaves the requests in the old room.
On ``frontdesk_plugin_enabled`` the concierge looks at the stays as they are *now* and does
what lifecycle.py would have done, with a note saying it happened on catch-up. Nothing is
dated back; a stay already tidied has nothing open, so a second run changes nothing. Each
stay is caught up in its own write transaction, so an interrupted run resumes where it
stopped.
"""

from __future__ import annotations

from datetime import date, datetime

from frontdesk.api import run_write
from frontdesk.api.tables import Property, Room, Stay

from . import bookings, lifecycle, requests
from .common import now
from .tables import OPEN_STATUSES, ConciergeAttendee, ConciergeBooking, ConciergeRequest

ENDED = {
    "checked_out": "checked out",
    "cancelled": "cancelled",
    "no_show": "marked as no-show",
}
CONFLICT = "The stay changed while the concierge caught up; run the catch-up again."


def _open_requests():
    return ConciergeRequest.status.is_in(list(OPEN_STATUSES))


async def _stays_to_tidy(property_id: int) -> list[int]:
    """Ended stays of the property that still hold open requests, live service bookings or
    event seats."""
    ended = Stay.select(Stay.id).where(
        (Stay.property == property_id) & Stay.status.is_in(list(ENDED))
    )
    ids: set[int] = set()
    for table, condition in (
        (ConciergeRequest, _open_requests()),
        (ConciergeBooking, ConciergeBooking.status.is_in(list(bookings.LIVE_STATUSES))),
        (ConciergeAttendee, ConciergeAttendee.stay.is_not_null()),
    ):
        rows = await table.select(table.stay).where(table.stay.is_in(ended) & condition)
        ids |= {row["stay"] for row in rows}
    return sorted(ids)


async def _tidy(stay_id: int, actor: str | None) -> int:
    """Close what an ended stay still holds, as the hook of its end would have; how many
    requests and bookings it closed."""
    stay = await Stay.objects().where(Stay.id == stay_id).first()
    why = ENDED[stay.status]
    note = f"Closed on catch-up: the stay was {why} while the concierge was off."
    if stay.status == "checked_out":
        return await lifecycle.on_checked_out(stay, actor, note=note)
    return await lifecycle.on_stay_ended_before_arrival(stay, actor, why, note=note)


async def _follow_room_moves(property_id: int, actor: str | None) -> int:
    """Open requests of in-house stays follow a room move made while off."""
    in_house = (
        await Stay.objects()
        .where((Stay.property == property_id) & (Stay.status == "checked_in"))
        .order_by(Stay.id)
    )
    rooms = {stay.id: stay.room for stay in in_house if stay.room is not None}
    moved = 0
    for request in await ConciergeRequest.objects().where(
        ConciergeRequest.stay.is_in(list(rooms) or [-1]) & _open_requests()
    ):
        room_id = rooms[request.stay]
        if request.room == room_id:
            continue
        room = await Room.objects().where(Room.id == room_id).first()
        request.room, request.updated_at = room_id, now()
        await request.save()
        note = f"Guest moved to room {room.number} while the concierge was off (catch-up)."
        await requests.record(request, "room", actor, note=note)
        moved += 1
    return moved


async def catch_up(
    property: Property,
    disabled_since: datetime | None,
    history_from: date | None,
    actor: str | None,
) -> str:
    """The concierge's ``frontdesk_plugin_enabled``; returns a one-line summary."""
    closed = 0
    stays = await _stays_to_tidy(property.id)
    for stay_id in stays:
        closed += await run_write(
            lambda stay_id=stay_id: _tidy(stay_id, actor), conflict_message=CONFLICT
        )
    moved = await run_write(
        lambda: _follow_room_moves(property.id, actor), conflict_message=CONFLICT
    )
    return (
        f"concierge, {property.code}: {closed} requests and bookings of {len(stays)} ended "
        f"stays closed, {moved} requests moved to their guest's new room"
    )
