"""Availability: free rooms per room type per night, from the nightly inventory alone.

Only booked and in-house stays hold StayNight rows, so the cost does not grow with the
history of past stays.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from piccolo.querystring import QueryString

from .. import validation
from ..errors import InvalidInput
from ..properties.service import get_property, get_room_type
from ..properties.tables import Room, RoomType
from ..repository import find_rows, id_list, rows_from_records
from .inventory import bookable_counts, counts_of_groups, is_out_of_order, nights_between
from .tables import StayNight


@dataclass(slots=True)
class NightAvailability:
    """One night of one room type. The GraphQL layer answers with these objects as they
    are (a 30-night search of six types makes 180 of them: copying them into GraphQL's
    own types was a tenth of the search's CPU). ``free`` (never below 0) is worked out when
    the night is made, not by a property read at every use: read by the search and by
    GraphQL, it was a few per cent of availability's CPU."""

    night: date
    bookable: int
    sold: int
    free: int

    @classmethod
    def of(cls, night: date, bookable: int, sold: int) -> NightAvailability:
        return cls(night, bookable, sold, max(0, bookable - sold))


@dataclass
class RoomTypeAvailability:
    room_type: RoomType
    nights: list[NightAvailability]
    free_rooms: list[Room] = field(default_factory=list)
    #: Rooms of this type that can still be sold for every night of the range.
    free_count: int = field(init=False)

    def __post_init__(self) -> None:
        self.free_count = min((n.free for n in self.nights), default=0)


async def availability(
    *,
    property_id: int,
    arrival: date,
    departure: date,
    room_type_id: int | None = None,
    adults: int | None = None,
    children: int = 0,
    include_free_rooms: bool = True,
) -> list[RoomTypeAvailability]:
    """Per room type: bookable, sold and free per night, and (unless ``include_free_rooms`` is
    false, which spares a query when the caller does not show them) the rooms free for the
    whole range."""
    validation.night_range(arrival, departure)
    if adults is not None:
        validation.integer(adults, "adults", minimum=1, maximum=20)
    validation.integer(children, "children", minimum=0, maximum=20)
    nights = nights_between(arrival, departure)
    room_groups = None
    if room_type_id is not None:
        await get_property(property_id)
        room_types = [await get_room_type(room_type_id, property_id=property_id)]
    else:
        room_types, room_groups = await _room_types_and_groups(property_id)
        if not room_types:  # no types yet, or no such property: only then ask which
            await get_property(property_id)
    party = (adults or 1) + children
    fitting = [rt for rt in room_types if rt.max_occupancy >= party]
    # every type of the property: the sold nights need no filter by type
    every_type = room_groups is not None and len(fitting) == len(room_types)
    room_types = fitting
    if not room_types:
        if room_type_id is not None:
            raise InvalidInput("The party does not fit this room type.", field="adults")
        return []
    type_ids = [rt.id for rt in room_types]
    if room_groups is None:
        bookable_by_type = await bookable_counts(type_ids, nights)
    else:
        bookable_by_type = counts_of_groups(room_groups, type_ids, nights)
    sold_rows = await StayNight.raw(
        *sold_nights(property_id, arrival, departure, None if every_type else type_ids)
    )
    sold = {(row["room_type"], row["night"]): row["sold"] for row in sold_rows}
    result = []
    for rt in room_types:
        bookable = bookable_by_type[rt.id]
        per_night = [NightAvailability.of(n, bookable[n], sold.get((rt.id, n), 0)) for n in nights]
        result.append(RoomTypeAvailability(room_type=rt, nights=per_night))
    wanted = [entry for entry in result if entry.free_count > 0] if include_free_rooms else []
    if wanted:
        rooms_of_types = (Room.property == property_id) & Room.room_type.is_in(type_ids)
        in_range = (
            (StayNight.property == property_id)
            & (StayNight.night >= arrival)
            & (StayNight.night < departure)
        )
        await _fill_free_rooms(wanted, rooms_of_types, in_range, nights)
    return result


#: ``SELECT`` of a property's room types (ordered by code), each with its active rooms
#: grouped by out-of-order range: the two reads of a search for every room type in one.
_TYPES_AND_GROUPS: dict[str, str] = {}


async def _room_types_and_groups(property_id: int) -> tuple[list[RoomType], list[dict]]:
    """The property's room types by code, and their rooms' groups as ``bookable_counts``
    reads them, from one statement (a type without rooms has one empty group)."""
    engine = RoomType._meta.db
    sql = _TYPES_AND_GROUPS.get(engine.engine_type)
    if sql is None:
        names = [column._meta.db_column_name for column in RoomType._meta.columns]
        aliased = ", ".join(f't."{name}" AS "t_{name}"' for name in names)
        sql = _TYPES_AND_GROUPS[engine.engine_type] = (
            f"SELECT {aliased},"
            " r.out_of_order_from AS room_from, r.out_of_order_until AS room_until,"
            " COUNT(r.id) AS room_count"
            " FROM core_room_type AS t"
            " LEFT JOIN core_room AS r ON r.room_type = t.id AND r.active = TRUE"
            " WHERE t.property = {}"
            # by the type's primary key alone (its other columns depend on it, which both
            # engines accept): SQLite's sort for the groups then keys three values, not
            # eight (0.44 against 0.72 ms of its CPU for three types of 300 rooms)
            " GROUP BY t.id, r.out_of_order_from, r.out_of_order_until"
            " ORDER BY t.code, t.id"
        )
    records = await RoomType.raw(sql, int(property_id))
    types: dict[int, dict[str, Any]] = {}
    groups = []
    for record in records:
        type_id = record["t_id"]
        if type_id not in types:
            types[type_id] = {
                column._meta.name: record[f"t_{column._meta.db_column_name}"]
                for column in RoomType._meta.columns
            }
        groups.append(
            {
                "room_type": type_id,
                "out_of_order_from": record["room_from"],
                "out_of_order_until": record["room_until"],
                "rooms": record["room_count"],
            }
        )
    return rows_from_records(RoomType, list(types.values())), groups


SOLD_NIGHTS_SQL = (
    "SELECT room_type, night, COUNT(*) AS sold FROM core_stay_night"
    " WHERE property = {} AND night >= {} AND night < {}{}"
    " GROUP BY room_type, night"
)


def sold_nights(
    property_id: int, arrival: date, departure: date, type_ids: list[int] | None
) -> tuple[Any, ...]:
    """The statement (SQL and values, for ``Table.raw``) counting nights sold per room type
    and night: read from the covering index on (property, night, room_type) alone
    (core/stays/tables.py), never from the inventory rows. Written once rather than built by
    piccolo per search (see inventory.py). ``type_ids`` None counts every type of the
    property: a search of them all needs no ``room_type IN``, which SQLite checked on every
    night of the range read (about a third of the statement's time)."""
    if type_ids is None:
        return SOLD_NIGHTS_SQL, int(property_id), arrival, departure, QueryString("")
    only = QueryString(" AND room_type IN ({})", id_list(type_ids))
    return SOLD_NIGHTS_SQL, int(property_id), arrival, departure, only


async def _fill_free_rooms(
    entries: list[RoomTypeAvailability], rooms_of_types: Any, in_range: Any, nights: list[date]
) -> None:
    """The rooms of each entry's type that no stay holds and that are in order every night."""
    held_rows = await (
        StayNight.select(StayNight.room).distinct().where(in_range & StayNight.room.is_not_null())
    )
    held = {row["room"] for row in held_rows}
    rooms_by_type: dict[int, list[Room]] = defaultdict(list)
    for room in await find_rows(Room, rooms_of_types & Room.active.eq(True)):
        if room.id not in held and not any(is_out_of_order(room, n) for n in nights):
            rooms_by_type[room.room_type].append(room)
    for entry in entries:
        entry.free_rooms = sorted(
            rooms_by_type[entry.room_type.id], key=lambda r: (len(r.number), r.number)
        )
