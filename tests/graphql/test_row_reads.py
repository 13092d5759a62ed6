"""The cheaper reads a compiled plan uses (graphql/execution/plan_rows.py, core.rows.
plain_columns) give exactly what they replace: a column from the row's dictionary is the
attribute piccolo's descriptor reads, for every column of every table; a scalar's quick
output is its type's own coercion, for every leaf type of the schema and awkward values;
a resolver marked ``reads_row`` answers what its mark says, and the plan's shortcut for it
calls it whenever the loaded rows cannot answer plainly."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from support.hotel import book, build_hotel

from frontdesk.core import bootstrap
from frontdesk.core.plugins import create_plugin_manager
from frontdesk.core.properties.tables import Room
from frontdesk.core.rows import column_of, column_values, fetch_rows, plain_columns
from frontdesk.core.stays.tables import Stay as StayRow
from frontdesk.graphql.execution.fast_path import object_fields
from frontdesk.graphql.execution.plan_rows import from_loaded, output
from frontdesk.graphql.schema import build_schema
from frontdesk.graphql.stays.types import StayStatus
from frontdesk.testing import BUILTIN_PLUGINS
from graphql import GraphQLEnumType, GraphQLScalarType


async def _hotel(gql) -> None:
    hotel = await build_hotel(gql, doubles=2, guests=2)
    day = hotel.business_date
    first = await book(gql, hotel, day, day + timedelta(days=2), guest=0)
    await book(gql, hotel, day + timedelta(days=1), day + timedelta(days=3), guest=1)
    await gql.ok("checkIn", {"stayId": first["stay"]["id"]}, "stay { id }")  # a room


async def test_every_column_of_every_table_reads_from_the_row_as_piccolo_reads_it(gql, app):
    await _hotel(gql)
    checked = 0
    for table in bootstrap.all_tables(app.state.runtime):
        names = plain_columns(table)
        assert names == {column._meta.name for column in table._meta.columns}, table
        rows = await fetch_rows(table)
        for name in names:
            assert column_values(rows, name) == [getattr(row, name) for row in rows]
            for row in rows:
                assert row.__dict__[name] is getattr(row, name) is column_of(row, name)
        checked += bool(rows)
    assert checked >= 8
    assert {"room", "primary_guest", "room_type", "property"} <= plain_columns(StayRow)


def test_anything_but_a_piccolo_table_is_read_through_getattr():
    class Plain:
        @property
        def id(self) -> int:
            return 7

    assert plain_columns(Plain) == frozenset()
    assert plain_columns(dict) == frozenset()
    assert column_values([Plain(), SimpleNamespace(id=3)], "id") == [7, 3]
    assert column_of(Plain(), "id") == 7


AWKWARD: list[Any] = [
    "x", "", "BOOKED", "booked", 0, 1, -5, 2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 10**40,
    True, False, 1.0, 1.5, math.nan, math.inf, Decimal("2"), Decimal("2.50"),
    date(2026, 2, 28), datetime(2026, 2, 28, 12, 30), None, [], object(),
    *StayStatus,
]  # fmt: skip


def _outcome(function, value: Any) -> tuple[str, Any]:
    try:
        result = function(value)
    except Exception as error:  # noqa: BLE001 - the kind of refusal is compared
        return ("refused", type(error).__name__)
    return ("answer", (type(result), result))


def test_a_quick_output_is_the_scalars_own_coercion_for_every_leaf_type(settings):
    schema = build_schema(create_plugin_manager(BUILTIN_PLUGINS), settings=settings)
    leaves = [
        t
        for t in schema._schema.type_map.values()
        if isinstance(t, GraphQLScalarType | GraphQLEnumType) and not t.name.startswith("__")
    ]
    enums = [t for t in leaves if isinstance(t, GraphQLEnumType)]
    values = AWKWARD + [m for t in enums for m in getattr(t, "wrapped_cls", ())]
    quick = 0
    for leaf in leaves:
        exact, coerce = output(leaf)
        for value in values:
            if type(value) is exact:
                got: tuple[str, Any] = ("answer", (type(value), value))
                quick += 1
            else:
                got = _outcome(coerce, value)
            expected = _outcome(leaf.coerce_output_value, value)
            if isinstance(value, float) and math.isnan(value):
                expected, got = repr(expected), repr(got)
            assert got == expected, (leaf.name, value)
    assert quick and {"ID", "String", "Int", "Boolean", "StayStatus"} <= {t.name for t in leaves}


def _marked(settings) -> list[tuple[str, Any, str, tuple[Any, str, str]]]:
    on = dataclasses.replace(settings, execution_shortcuts=True)
    schema = build_schema(create_plugin_manager(BUILTIN_PLUGINS), settings=on)
    found = []
    for type_, name, field in object_fields(schema._schema):
        resolve = getattr(field.resolve, "guarded_resolver", field.resolve)
        direct = getattr(resolve, "direct", None)
        reads = direct and getattr(direct[0], "reads_row", None)
        if reads:
            found.append((f"{type_.name}.{name}", direct[0], direct[1], reads))
    return found


async def test_a_resolver_marked_reads_row_answers_the_loaded_row_of_its_column(gql, settings):
    await _hotel(gql)
    marked = _marked(settings)
    assert {"Stay.room", "Stay.roomType", "Stay.primaryGuest", "Stay.property"} <= {
        name for name, *_ in marked
    }
    stays = await fetch_rows(StayRow)
    asked: list[Any] = []

    def row(table: Any, key: Any, *, namespace: str = "core") -> Any:
        asked.append((table, key, namespace))
        return ("row", table, key)

    info = SimpleNamespace(context=SimpleNamespace(loaders=SimpleNamespace(row=row)))
    keys = 0
    rooms = await fetch_rows(Room)
    assert {"Room.roomType", "Room.property"} <= {name for name, *_ in marked}
    sources = {"Stay": stays, "Room": rooms}  # a mark on another type needs its rows here
    assert {name.split(".")[0] for name, *_ in marked} <= set(sources)
    for name, function, info_name, (table, column, namespace) in marked:
        for stay in sources[name.split(".")[0]]:
            key = getattr(stay, column)
            answer = function(stay, **{info_name: info})
            if key is not None:
                assert answer == ("row", table, key) and asked[-1] == (table, key, namespace)
                keys += 1
    assert keys >= 3 * len(stays) + 2 * len(rooms) and any(stay.room is None for stay in stays)


async def test_the_plan_calls_the_marked_resolver_when_the_loaded_rows_cannot_answer(gql):
    await _hotel(gql)
    stays = await fetch_rows(StayRow)
    with_room = next(s for s in stays if s.room is not None)
    without = next(s for s in stays if s.room is None)
    loaded: dict[Any, Any] = {with_room.room: "the room"}
    loaders = SimpleNamespace(loaded=lambda table, namespace: loaded)
    called: list[Any] = []

    def resolver(source: Any, _info: Any) -> Any:
        called.append(source)
        return "asked"

    answer = from_loaded(resolver, (Room, "room", "core"), loaders)
    assert answer(with_room, None) == "the room" and called == []
    assert answer(without, None) == "asked" and called == [without]  # a null key
    loaded.clear()
    assert answer(with_room, None) == "asked"  # not loaded (yet): the loader's future
    other = SimpleNamespace(room=with_room.room)
    loaded[with_room.room] = "the room"
    assert answer(other, None) == "asked"  # not a piccolo row
