"""What the concierge does when core's stays change. Each handler runs inside the stay's
write transaction (core awaits the coroutine the hook returns), so the tasks appear, close or
move together with the stay change, or not at all."""

from __future__ import annotations

from frontdesk.api import find_row
from frontdesk.api.tables import Guest, Room, Stay

from . import bookings, group_events, requests, settings
from .common import now


async def on_checked_in(stay: Stay, room: Room, actor: str | None) -> None:
    """A luggage task when the stay asked for a porter; the welcome tasks for a VIP."""
    if stay.porter_requested and settings.value(settings.PORTER_ON_CHECK_IN):
        await requests.create_request(
            property_id=stay.property,
            stay_id=stay.id,
            type="luggage",
            description=f"Bring the luggage to room {room.number}.",
            department="concierge",
            origin="check_in",
            actor=actor,
        )
    guest = await find_row(Guest, Guest.id == stay.primary_guest)
    if guest is not None and guest.vip:
        for kind, description in settings.vip_welcome_tasks():
            await requests.create_request(
                property_id=stay.property,
                stay_id=stay.id,
                type=kind,
                description=description,
                priority="high",
                origin="vip_welcome",
                actor=actor,
            )


async def on_checked_out(stay: Stay, actor: str | None, note: str | None = None) -> int:
    """The stay's open requests are closed (done or cancelled, as the settings say); how
    many. ``note``: the history's words (the catch-up says it closed them late)."""
    status = "done" if settings.check_out_action() == "done" else "cancelled"
    note = note or f"Guest checked out at {now().isoformat(timespec='minutes')}."
    return await requests.close_for_stay(stay.id, status, note, actor)


async def on_room_moved(
    stay: Stay, from_room: Room | None, to_room: Room, actor: str | None
) -> None:
    """Open requests follow the guest to the new room, with a history entry each."""
    for request in await requests.open_requests_of_stay(stay.id):
        request.room = to_room.id
        request.updated_at = now()
        await request.save()
        moved_from = f" from room {from_room.number}" if from_room else ""
        await requests.record(
            request, "room", actor, note=f"Guest moved{moved_from} to room {to_room.number}."
        )


async def on_stay_ended_before_arrival(
    stay: Stay, actor: str | None, why: str, note: str | None = None
) -> int:
    """A cancelled or no-show stay: its requests are cancelled, its service bookings
    released, and its attendees leave their events; how many requests and bookings."""
    closed = await requests.close_for_stay(stay.id, "cancelled", note or f"Stay {why}.", actor)
    closed += await bookings.cancel_for_stay(stay.id, actor)
    await group_events.remove_stay_attendees(stay.id)
    return closed
