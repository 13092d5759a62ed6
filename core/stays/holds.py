"""Inventory holds: a room taken off sale for some nights by something that is not a stay.

A hold takes its nights through ``core_stay_night`` exactly as a stay does (a slot of the
room type and the room, per night), so the database's unique keys refuse a night held twice
whether the other holder is a stay or another hold, across requests and processes. Core gives
a hold no meaning beyond that: ``owner`` (the plugin that placed it) and ``reference`` are for
the owner. A hold that cannot be placed raises :class:`HoldConflict`, which names the stays in
the way, so the owner can report the collision instead of dropping it.
"""

from __future__ import annotations

from datetime import date

from .. import validation
from ..errors import Conflict, InvalidInput
from ..properties.service import get_room
from ..repository import insert
from ..transactions import run_write
from . import inventory
from .tables import InventoryHold, StayNight


class HoldConflict(Conflict):
    """The hold's nights are taken: ``stay_ids`` holds the stays in the way (empty when
    another hold, the room being out of order or the room type being sold out is the cause),
    ``nights`` the nights that collide."""

    def __init__(self, message: str, *, stay_ids: list[int], nights: list[date]):
        super().__init__(message, field="room")
        self.stay_ids = stay_ids
        self.nights = nights


async def _check_room_free(room, nights: list[date]) -> None:
    taken = await inventory.holders_of_room(room.id, nights)
    if taken:
        stays = sorted({r["stay"] for r in taken if r["stay"] is not None})
        clash = sorted({r["night"] for r in taken})
        holder = f"stay {', '.join(map(str, stays))}" if stays else "another hold"
        raise HoldConflict(
            f"Room {room.number} is taken by {holder} on {clash[0].isoformat()}.",
            stay_ids=stays,
            nights=clash,
        )
    closed = [n for n in nights if inventory.is_out_of_order(room, n)]
    if closed or not room.active:
        raise HoldConflict(
            f"Room {room.number} is not in service on {(closed or nights)[0].isoformat()}.",
            stay_ids=[],
            nights=closed or nights,
        )


async def place_hold_in_transaction(
    *,
    room_id: int,
    arrival: date,
    departure: date,
    owner: str,
    reference: str = "",
    note: str = "",
) -> InventoryHold:
    """Hold ``room_id`` for the nights [arrival, departure) inside the caller's write
    transaction. Raises HoldConflict when any night is taken."""
    validation.night_range(arrival, departure)
    if not owner:
        raise InvalidInput("A hold needs an owner.", field="owner")
    room = await get_room(room_id)
    nights = inventory.nights_between(arrival, departure)
    await _check_room_free(room, nights)
    hold = InventoryHold(
        property=room.property,
        room_type=room.room_type,
        room=room.id,
        arrival=arrival,
        departure=departure,
        owner=owner[:40],
        reference=reference[:255],
        note=note,
    )
    await insert([hold])
    try:
        await inventory.allocate(
            stay_id=None,
            property_id=room.property,
            room_type_id=room.room_type,
            room_id=room.id,
            nights=nights,
            hold_id=hold.id,
        )
    except Conflict as error:
        if isinstance(error, HoldConflict):
            raise
        raise HoldConflict(error.message, stay_ids=[], nights=nights) from error
    return hold


async def place_hold(**kwargs) -> InventoryHold:
    """:func:`place_hold_in_transaction` as a write of its own (retried on races)."""
    return await run_write(
        lambda: place_hold_in_transaction(**kwargs),
        conflict_message="The room was taken while placing the hold; try again.",
    )


async def release_hold_in_transaction(hold_id: int) -> None:
    """Give a hold's nights back to sale and forget the hold (no-op when already gone)."""
    await StayNight.delete().where(StayNight.hold == hold_id)
    await InventoryHold.delete().where(InventoryHold.id == hold_id)


async def holds_of_owner(owner: str, *, room_id: int | None = None) -> list[InventoryHold]:
    query = InventoryHold.objects().where(InventoryHold.owner == owner)
    if room_id is not None:
        query = query.where(InventoryHold.room == room_id)
    return await query.order_by(InventoryHold.arrival)
