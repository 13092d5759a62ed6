"""The synthetic hotel group: properties and rates through the core services, everything
bulky (rooms, guests, stays, inventory, folios) through bulk inserts consistent with the
inventory's unique keys. Past stays hold no core_stay_night rows, as in production."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from frontdesk.core.properties import service as properties
from frontdesk.core.rates import service as rates

from .bulk import BulkWriter
from .config import ROOM_TYPES, TODAY, Sizes
from .rows import (
    FIRST_NAMES,
    GUEST_COLS,
    LAST_NAMES,
    PRICES,
    ROOM_COLS,
    Group,
    RoomInfo,
    _at,
    _Stays,
)


async def create_properties(
    writer: BulkWriter,
    group: Group,
    count: int,
    rooms: int,
    *,
    offset: int = 0,
    types: tuple = ROOM_TYPES,
) -> None:
    """Properties, room types and rates through the services; rooms in bulk."""
    for n in range(count):
        prop = await properties.create_property(
            code=f"H{offset + n + 1:03d}",
            name=f"Hotel {offset + n + 1}",
            business_date=TODAY,
            timezone="Europe/Berlin",
            currency="EUR",
        )
        group.property_ids.append(prop.id)
        await rates.set_tax_rate(property_id=prop.id, category="room", rate="7", name="VAT")
        await rates.set_city_tax_rule(property_id=prop.id, kind="per_person_night", amount="2.50")
        group.room_types[prop.id], group.rooms[prop.id] = [], []
        room_rows, number = [], 100
        for code, name, occupancy, share in types:
            rt = await properties.create_room_type(
                property_id=prop.id, code=code, name=name, max_occupancy=occupancy
            )
            await rates.set_base_rate(room_type_id=rt.id, amount=str(PRICES[code]))
            group.room_types[prop.id].append((rt.id, code))
            amount = max(1, round(rooms * share))
            for slot, rid in enumerate(await writer.ids("core_room", amount)):
                number += 1
                room_rows.append(
                    (
                        rid,
                        prop.id,
                        rt.id,
                        str(number),
                        number // 100,
                        [],
                        "clean",
                        None,
                        None,
                        None,
                        True,
                    )
                )
                group.rooms[prop.id].append(RoomInfo(rid, rt.id, code, slot))
        await writer.insert("core_room", ROOM_COLS, room_rows)


async def create_guests(writer: BulkWriter, group: Group, per_property: int) -> None:
    for pid in group.property_ids:
        ids = list(await writer.ids("core_guest", per_property))
        group.guests[pid] = ids
        stamp = _at(TODAY - timedelta(days=800))
        await writer.insert(
            "core_guest",
            GUEST_COLS,
            [
                (
                    gid,
                    pid,
                    FIRST_NAMES[gid % 10],
                    f"{LAST_NAMES[gid % 8]}{gid}",
                    f"guest{gid}@example.org",
                    f"+49301{gid:07d}",
                    "Main St 1",
                    "Berlin",
                    "10115",
                    "DE",
                    "DE",
                    "de",
                    None,
                    None,
                    None,
                    gid % 20 == 0,
                    "",
                    stamp,
                    stamp,
                )
                for gid in ids
            ],
        )


async def create_group(url: str, sizes: Sizes) -> Group:
    """The group with today's board, future bookings and ``small_history_stays`` of history."""
    group = Group(property_ids=[])
    rnd = random.Random(8)
    per_property = max(200, sizes.history_stays // sizes.properties // 2)
    async with BulkWriter(url) as writer:
        await create_properties(writer, group, sizes.properties, sizes.rooms_per_property)
        await create_guests(writer, group, per_property)
        batch = _Stays(writer)
        for pid in group.property_ids:
            await fill_property(writer, batch, group, pid, sizes, rnd)
    await add_history(url, group, sizes.small_history_stays, sizes.history_days)
    return group


async def fill_property(
    writer: BulkWriter, batch: _Stays, group: Group, pid: int, sizes: Sizes, rnd: random.Random
) -> None:
    """Today's board (``arrivals``, ``departures``, ``stayovers``) and ``future_days`` of
    bookings on every room of property ``pid``, written in bulk."""
    board = sizes.departures + sizes.stayovers + sizes.arrivals
    rooms = list(group.rooms[pid])
    rnd.shuffle(rooms)
    guests = group.guests[pid]
    for index, room in enumerate(rooms):
        sid = (await writer.ids("core_stay", 1))[0]
        guest = rnd.choice(guests)
        free_from = TODAY + timedelta(days=1)
        if index < board:
            status, arrival, departure = _board_dates(index, sizes, rnd)
            held = room.id if status == "checked_in" else None
            await batch.add(
                sid,
                pid,
                room.room_type,
                room.code,
                held,
                guest,
                arrival,
                departure,
                status,
                slot=room.slot,
                inventory_room=held,
                posted_until=TODAY,
            )
            if departure > TODAY:
                free_from = departure
        await _future_bookings(writer, batch, pid, room, guests, free_from, sizes, rnd)
    group.counts["active_stays"] = group.counts.get("active_stays", 0)
    group.counts["active_stays"] += await batch.flush()


def _board_dates(index: int, sizes: Sizes, rnd: random.Random) -> tuple[str, date, date]:
    """Today's board for the ``index``-th room: departures first, then stayovers, then
    arrivals (status, arrival, departure)."""
    if index < sizes.departures:
        return "checked_in", TODAY - timedelta(days=rnd.randint(1, 4)), TODAY
    if index < sizes.departures + sizes.stayovers:
        arrival = TODAY - timedelta(days=rnd.randint(1, 4))
        return "checked_in", arrival, TODAY + timedelta(days=rnd.randint(1, 5))
    return "booked", TODAY, TODAY + timedelta(days=rnd.randint(1, 5))


async def _future_bookings(
    writer: BulkWriter,
    batch: _Stays,
    pid: int,
    room: Any,
    guests: list[int],
    free_from: date,
    sizes: Sizes,
    rnd: random.Random,
) -> None:
    """Bookings on the room from ``free_from`` to ``future_days`` ahead, a few days apart."""
    start = free_from + timedelta(days=rnd.randint(0, 6))
    while start < TODAY + timedelta(days=sizes.future_days):
        end = start + timedelta(days=rnd.randint(1, 5))
        sid = (await writer.ids("core_stay", 1))[0]
        guest = rnd.choice(guests)
        code = room.code
        await batch.add(
            sid, pid, room.room_type, code, None, guest, start, end, "booked", slot=room.slot
        )
        start = end + timedelta(days=rnd.randint(0, 6))


async def add_history(url: str, group: Group, count: int, days: int) -> None:
    """``count`` past stays (checked out, cancelled, no-show) with settled folios."""
    rnd = random.Random(count + group.history_stays)
    async with BulkWriter(url) as writer:
        batch = _Stays(writer)
        for n, sid in enumerate(await writer.ids("core_stay", count)):
            pid = group.property_ids[n % len(group.property_ids)]
            room = rnd.choice(group.rooms[pid])
            departure = TODAY - timedelta(days=rnd.randint(1, days))
            arrival = departure - timedelta(days=rnd.randint(1, 5))
            roll = rnd.random()
            status = "checked_out" if roll < 0.9 else "cancelled" if roll < 0.97 else "no_show"
            await batch.add(
                sid,
                pid,
                room.room_type,
                room.code,
                room.id if status == "checked_out" else None,
                rnd.choice(group.guests[pid]),
                arrival,
                departure,
                status,
            )
            if len(batch.stays) >= 5000:
                await batch.flush()
        await batch.flush()
    group.history_stays += count


async def create_audit_group(url: str, properties_count: int, stays: int) -> Group:
    """Properties whose every room is in house tonight (priced, folio open): audit work."""
    group = Group(property_ids=[])
    async with BulkWriter(url) as writer:
        await create_properties(
            writer, group, properties_count, stays, types=(("STD", "Standard", 2, 1.0),)
        )
        await create_guests(writer, group, stays)
        batch = _Stays(writer)
        for pid in group.property_ids:
            for room, guest in zip(group.rooms[pid], group.guests[pid], strict=True):
                sid = (await writer.ids("core_stay", 1))[0]
                await batch.add(
                    sid,
                    pid,
                    room.room_type,
                    room.code,
                    room.id,
                    guest,
                    TODAY - timedelta(days=1),
                    TODAY + timedelta(days=3),
                    "checked_in",
                    slot=room.slot,
                    inventory_room=room.id,
                    posted_until=TODAY,
                )
            await batch.flush()
    return group
