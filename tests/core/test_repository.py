"""The repository helpers every core area reads and writes through (core/repository.py): a
missing row is a NotFound naming the input field, a row of another property counts as
missing, and ``lock_row`` makes concurrent writers of one row take turns on both engines."""

from __future__ import annotations

import asyncio

import pytest

from frontdesk.core.errors import NotFound
from frontdesk.core.properties import service as properties
from frontdesk.core.properties.tables import Property, RoomType
from frontdesk.core.repository import get_or_not_found, lock_row, rows_by_ids
from frontdesk.core.request_rows import remembering
from frontdesk.core.transactions import run_write


async def _two_properties() -> tuple[Property, Property]:
    first = await properties.create_property(code="ONE", name="One")
    second = await properties.create_property(code="TWO", name="Two")
    return first, second


async def test_a_missing_row_is_not_found_on_the_named_field(runtime):
    with pytest.raises(NotFound) as raised:
        await get_or_not_found(Property, 404, name="Property", field="propertyId")
    assert (raised.value.message, raised.value.field) == (
        "Property 404 does not exist.",
        "propertyId",
    )


async def test_a_row_of_another_property_is_not_found(runtime):
    first, second = await _two_properties()
    room_type = await properties.create_room_type(
        property_id=first.id, code="DBL", name="Double", max_occupancy=2
    )
    got = await get_or_not_found(
        RoomType, room_type.id, name="Room type", field="roomTypeId", property_id=first.id
    )
    assert got.id == room_type.id
    with pytest.raises(NotFound, match=f"Room type {room_type.id} does not exist"):
        await get_or_not_found(
            RoomType, room_type.id, name="Room type", field="roomTypeId", property_id=second.id
        )


async def test_rows_by_ids_reads_each_row_or_none(runtime):
    first, second = await _two_properties()
    found = await rows_by_ids((Property, second.id), (Property, 999), (Property, first.id))
    assert [row.code if row else None for row in found] == ["TWO", None, "ONE"]


async def test_rows_kept_in_an_operation_answer_its_first_read_by_ids_once(runtime):
    """A read with ``remember`` keeps its rows for the operation's next read by ids (the
    guard's scope check, then the booking: core/request_rows.py). Only on PostgreSQL, whose
    READ COMMITTED transaction gives a read inside it no more than a read just before; the
    memo answers once, and only a read whose every row it holds."""
    first, second = await _two_properties()
    postgres = Property._meta.db.engine_type == "postgres"
    with remembering():
        await rows_by_ids((Property, first.id), (Property, 999), remember=True)
        await Property.update({Property.name: "Changed"}).where(Property.id == first.id)
        again = await rows_by_ids((Property, 999), (Property, first.id))
        assert again[0] is None
        assert again[1].name == ("One" if postgres else "Changed")  # the kept row, unread
        assert (await rows_by_ids((Property, first.id)))[0].name == "Changed"  # taken once
        await rows_by_ids((Property, first.id), remember=True)
        found = await rows_by_ids((Property, first.id), (Property, second.id))
        assert [row.name for row in found] == ["Changed", "Two"]  # one row missing: read all
    await rows_by_ids((Property, second.id), remember=True)  # no memo open: nothing kept
    await Property.update({Property.name: "Later"}).where(Property.id == second.id)
    assert (await rows_by_ids((Property, second.id)))[0].name == "Later"


async def test_a_lock_outside_a_write_transaction_is_refused(runtime):
    first, _ = await _two_properties()
    with pytest.raises(RuntimeError, match="outside a write transaction"):
        await lock_row(Property, first.id)


async def test_writers_that_lock_a_row_take_turns(runtime):
    """Each writer reads the name, waits, and writes it back one letter longer: without the
    lock (on PostgreSQL) the writers would read the same name and all but one letter would
    be lost."""
    prop = await properties.create_property(code="LOCK", name="N")

    async def lengthen() -> None:
        async def change() -> None:
            row = await lock_row(Property, prop.id)
            await asyncio.sleep(0.05)
            await Property.update({Property.name: row.name + "x"}).where(Property.id == prop.id)

        await run_write(change, conflict_message="retry")

    await asyncio.gather(*[lengthen() for _ in range(4)])
    assert (await properties.get_property(prop.id)).name == "Nxxxx"


async def test_locking_a_missing_row_gives_none(runtime):
    async def change():
        return await lock_row(Property, 404)

    assert await run_write(change, conflict_message="retry") is None
