"""The nightly inventory: which stay holds which slot of a room type, and which room, per night.

Slots are numbered 0..bookable-1 per room type and night; the unique keys on StayNight turn
a race between two bookings into a refused write instead of an oversold night.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from ..errors import Conflict
from ..properties.tables import Room
from ..repository import id_list, insert
from .tables import StayNight


def nights_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days)]


def is_out_of_order(room: Room, night: date) -> bool:
    start, until = room.out_of_order_from, room.out_of_order_until
    return start is not None and until is not None and start <= night < until


# The inventory reads of bookings and availability searches, written as SQL once:
# piccolo rebuilt them (where clauses through each foreign key's ``__getattribute__``) on
# every request, a tenth of an availability search's CPU (docs/performance.md).
ROOM_GROUPS_SQL = (
    "SELECT room_type, out_of_order_from, out_of_order_until, COUNT(id) AS rooms"
    " FROM core_room WHERE room_type IN ({}) AND active = TRUE"
    " GROUP BY room_type, out_of_order_from, out_of_order_until"
)
# Both reads of one room type in one statement, for a booking: one round trip instead of two
# (the rows of each read keep their own columns; ``kind`` tells them apart). The used slots
# come first, so SQLite's declared type of ``night`` (DATE) converts its values.
CAPACITY_AND_USED_SQL = (
    "SELECT 1 AS kind, night, slot, NULL AS out_of_order_until, 0 AS rooms"
    " FROM core_stay_night WHERE room_type = {} AND night >= {} AND night <= {}"
    " UNION ALL"
    " SELECT 0 AS kind, out_of_order_from, NULL, out_of_order_until, COUNT(id)"
    " FROM core_room WHERE room_type = {} AND active = TRUE"
    " GROUP BY out_of_order_from, out_of_order_until"
)


async def bookable_counts(
    type_ids: Iterable[int], nights: list[date]
) -> dict[int, dict[date, int]]:
    """Rooms in order per room type and night, for the active rooms of ``type_ids``, from one
    aggregate: rooms grouped by their out-of-order range (nearly all share "none"), so no room
    rows are fetched. Booking and availability both count this way."""
    type_ids = list(type_ids)
    groups = await Room.raw(ROOM_GROUPS_SQL, id_list(type_ids)) if type_ids else []
    return counts_of_groups(groups, type_ids, nights)


def counts_of_groups(
    groups: Iterable[dict], type_ids: Iterable[int], nights: list[date]
) -> dict[int, dict[date, int]]:
    """Rooms in order per room type and night from room groups (``room_type``,
    ``out_of_order_from``, ``out_of_order_until``, ``rooms``)."""
    counts = {type_id: dict.fromkeys(nights, 0) for type_id in type_ids}
    for group in groups:
        start, until = group["out_of_order_from"], group["out_of_order_until"]
        per_night = counts.setdefault(group["room_type"], dict.fromkeys(nights, 0))
        for night in nights:
            if start is None or until is None or not start <= night < until:
                per_night[night] += group["rooms"]
    return counts


def _as_date(value: date | str | None) -> date | None:
    """A date from a UNION's column (SQLite converts only by a column's declared type)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


async def capacity_and_used(
    room_type_id: int, nights: list[date]
) -> tuple[dict[date, int], dict[date, set[int]]]:
    """``bookable_of_type`` and ``used_slots`` of one room type, read in one statement."""
    type_id = int(room_type_id)
    rows = await StayNight.raw(CAPACITY_AND_USED_SQL, type_id, nights[0], nights[-1], type_id)
    used: dict[date, set[int]] = defaultdict(set)
    groups = []
    for row in rows:
        if row["kind"] == 1:
            used[_as_date(row["night"])].add(row["slot"])
        else:
            groups.append(
                {
                    "room_type": type_id,
                    "out_of_order_from": _as_date(row["night"]),
                    "out_of_order_until": _as_date(row["out_of_order_until"]),
                    "rooms": row["rooms"],
                }
            )
    return counts_of_groups(groups, [type_id], nights)[type_id], used


async def allocate(
    *,
    stay_id: int | None,
    property_id: int,
    room_type_id: int,
    room_id: int | None,
    nights: list[date],
    hold_id: int | None = None,
) -> None:
    """Take one free slot of the room type for each night (and the room, when given), for a
    stay or, with ``hold_id`` (and no stay), for an inventory hold."""
    await insert(
        await free_nights(
            stay_id=stay_id,
            property_id=property_id,
            room_type_id=room_type_id,
            room_id=room_id,
            nights=nights,
            hold_id=hold_id,
        )
    )


async def free_nights(
    *,
    stay_id: int | None,
    property_id: int,
    room_type_id: int,
    room_id: int | None,
    nights: list[date],
    hold_id: int | None = None,
) -> list[StayNight]:
    """The rows ``allocate`` writes, not yet written (a booking writes them with its stay:
    ``stay_id`` None until then)."""
    capacity, used = await capacity_and_used(room_type_id, nights)
    rows = []
    for night in nights:
        free = [s for s in range(capacity[night]) if s not in used[night]]
        if not free:
            raise Conflict(f"The room type is sold out on {night.isoformat()}.", field="roomTypeId")
        rows.append(
            StayNight(
                stay=stay_id,
                property=property_id,
                room_type=room_type_id,
                room=room_id,
                night=night,
                slot=free[0],
                hold=hold_id,
            )
        )
    return rows


async def release(stay_id: int, *, from_night: date | None = None) -> None:
    query = StayNight.delete().where(StayNight.stay == stay_id)
    if from_night is not None:
        query = StayNight.delete().where(
            (StayNight.stay == stay_id) & (StayNight.night >= from_night)
        )
    await query


async def holders_of_room(room_id: int, nights: list[date], *, exclude_stay: int | None = None):
    if not nights:
        return []
    query = StayNight.select(StayNight.stay, StayNight.night).where(
        (StayNight.room == room_id)
        & (StayNight.night >= nights[0])
        & (StayNight.night <= nights[-1])
    )
    rows = await query
    return [r for r in rows if r["stay"] != exclude_stay]


async def assert_room_free(
    room: Room, start: date, end: date, *, exclude_stay: int | None = None, field: str = "roomId"
) -> None:
    """Refuse when another stay holds the room on any night of [start, end)."""
    taken = await holders_of_room(room.id, nights_between(start, end), exclude_stay=exclude_stay)
    if taken:
        first = min(r["night"] for r in taken)
        raise Conflict(
            f"Room {room.number} is taken by another stay on {first.isoformat()}.", field=field
        )


async def room_is_held(room_id: int) -> bool:
    return await StayNight.exists().where(StayNight.room == room_id)


async def set_room(stay_id: int, room_id: int | None, *, from_night: date | None = None) -> None:
    query = StayNight.update({StayNight.room: room_id}).where(StayNight.stay == stay_id)
    if from_night is not None:
        query = StayNight.update({StayNight.room: room_id}).where(
            (StayNight.stay == stay_id) & (StayNight.night >= from_night)
        )
    await query


async def assert_not_oversold(property_id: int) -> None:
    """After rooms leave the bookable pool, no night may hold more stays than rooms remain."""
    rows = await StayNight.select(StayNight.room_type, StayNight.night, StayNight.slot).where(
        StayNight.property == property_id
    )
    by_type: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        by_type[row["room_type"]][row["night"]] += 1
    nights = sorted({night for sold in by_type.values() for night in sold})
    capacities = await bookable_counts(list(by_type), nights)
    for room_type_id, sold in by_type.items():
        capacity = capacities[room_type_id]
        for night, count in sorted(sold.items()):
            if count > capacity[night]:
                raise Conflict(
                    f"That would leave {count} stays for {capacity[night]} bookable rooms "
                    f"on {night.isoformat()}.",
                    field="roomId",
                )
