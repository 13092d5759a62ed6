"""A list of stays answers exactly what one-by-one lookups answer, while its rows' related
objects (guest, room, room type, property, balance) are loaded ahead in one batch per kind
(graphql/execution/prefetch.py) and the rows built from plain records (core/rows.py)."""

from __future__ import annotations

import asyncio
import enum
from datetime import date, timedelta

import pytest
from support.hotel import book, build_hotel
from support.money import charge, pay

from frontdesk.core import bootstrap
from frontdesk.core.auth.tables import AuthAuditRecord
from frontdesk.core.guests.tables import Guest
from frontdesk.core.properties.tables import Property
from frontdesk.core.rows import (
    fetch_by_ids,
    fetch_row,
    fetch_rows,
    id_list,
    insert_rows,
    rows_of,
)
from frontdesk.core.stays.tables import Stay as StayRow
from frontdesk.core.stays.tables import StayNight
from frontdesk.graphql.common.loaders import Loaders

ROW = """id confirmationCode arrival departure status
  primaryGuest { id firstName lastName vip }
  room { id number housekeepingStatus }
  roomType { id code name }
  property { id code }
  balance { amount currency }"""

LIST = f"""query($p: ID!) {{
  plain: stays(propertyId: $p, first: 50) {{ nodes {{ {ROW} }} }}
  viaFragment: stays(propertyId: $p, first: 50) {{ nodes {{ ...Row }} }}
  viaInline: stays(propertyId: $p, first: 50) {{ nodes {{ ... on Stay {{ {ROW} }} }} }}
}}
fragment Row on Stay {{ {ROW} }}"""

ONE = f"query($id: ID!) {{ stay(id: $id) {{ {ROW} }} }}"


async def _hotel_with_money(gql):
    hotel = await build_hotel(gql, doubles=3, guests=3)
    day = hotel.business_date
    stays = []
    for offset, guest in ((0, 0), (1, 1), (3, 2)):
        payload = await book(
            gql, hotel, day + timedelta(days=offset), day + timedelta(days=5), guest=guest
        )
        stays.append(payload["stay"]["id"])
    await gql.ok("checkIn", {"stayId": stays[0]}, "stay { id }")
    posted = await charge(gql, {"stayId": stays[0]}, "MINIBAR", "12.50", quantity=2)
    assert not posted["errors"], posted
    folios = await gql.execute(
        "query($id: ID!) { stay(id: $id) { folios { id } } }", {"id": stays[0]}
    )
    paid = await pay(gql, folios["stay"]["folios"][0]["id"], "5.00")
    assert not paid["errors"], paid
    await charge(gql, {"stayId": stays[1]}, "SPA", "40.00")
    return hotel, stays


async def test_a_list_answers_what_single_lookups_answer_with_any_selection_style(gql):
    hotel, stays = await _hotel_with_money(gql)
    data = await gql.execute(LIST, {"p": hotel.property_id})
    singles = {sid: (await gql.execute(ONE, {"id": sid}))["stay"] for sid in stays}
    for style in ("plain", "viaFragment", "viaInline"):
        nodes = data[style]["nodes"]
        assert {n["id"] for n in nodes} == set(stays)
        for node in nodes:
            assert node == singles[node["id"]], style
    owed = {n["id"]: n["balance"]["amount"] for n in data["plain"]["nodes"]}
    assert owed == {stays[0]: "20.00", stays[1]: "40.00", stays[2]: "0.00"}
    assert data["plain"]["nodes"][0]["room"] is not None


async def test_rows_built_from_records_equal_piccolo_objects_for_every_table(gql, app):
    await _hotel_with_money(gql)
    checked = 0
    for table in bootstrap.all_tables(app.state.runtime):
        expected = await table.objects().order_by(table._meta.primary_key)
        built = rows_of(table, await table.select().order_by(table._meta.primary_key))
        assert [row.__dict__ for row in built] == [row.__dict__ for row in expected]
        assert all(type(row) is table for row in built)
        checked += bool(expected)
    assert checked >= 8


async def test_fetched_rows_equal_piccolo_objects_for_every_table_and_clause(gql, app):
    """fetch_rows renders each table's select list once; whatever the where clause (own
    columns, a joined column, a raw clause), order and limit, the rows are objects()'s."""
    _hotel, stays = await _hotel_with_money(gql)
    for table in bootstrap.all_tables(app.state.runtime):
        key = table._meta.primary_key
        for limit in (None, 2):
            expected = table.objects().order_by(key)
            expected = await (expected.limit(limit) if limit else expected)
            got = await fetch_rows(table, key > 0, order_by=key, limit=limit)
            assert [r.__dict__ for r in got] == [r.__dict__ for r in expected], table
            assert await fetch_rows(table, key < 0) == []
    booked = [int(s) for s in stays]
    clauses = [
        StayRow.id.is_in(id_list(booked)) & (StayRow.status == "booked"),
        (StayRow.id == booked[0]) | (StayRow.id == booked[2]),
        StayRow.room_type.code == "DBL",  # a joined column: piccolo's own select
        StayRow.primary_guest.is_not_null(),
    ]
    for clause in clauses:
        expected = await StayRow.objects().where(clause).order_by(StayRow.id)
        got = await fetch_rows(StayRow, clause, order_by=StayRow.id)
        assert got, clause
        assert [r.__dict__ for r in got] == [r.__dict__ for r in expected]


async def test_rows_read_together_by_id_equal_rows_read_one_by_one_for_every_table(gql, app):
    """fetch_by_ids reads several tables' rows by id in one statement (a booking's property,
    room type and guest); each equals fetch_row's, and a missing id is None without hiding
    the others."""
    await _hotel_with_money(gql)
    lookups = []
    for table in bootstrap.all_tables(app.state.runtime):
        first = await fetch_rows(table, table._meta.primary_key > 0, limit=1)
        if first:
            lookups.append((table, first[0].id))
    assert len(lookups) >= 8
    for table, row_id in lookups:
        (together,) = await fetch_by_ids((table, row_id))
        alone = await fetch_row(table, table._meta.primary_key == row_id)
        assert type(together) is table
        assert together.__dict__ == alone.__dict__, table
    mixed = [lookups[0], (lookups[1][0], 999_999), lookups[2], lookups[0]]
    got = await fetch_by_ids(*mixed)
    assert got[1] is None
    assert [g.id for g in (got[0], got[2], got[3])] == [lookups[0][1], lookups[2][1], lookups[0][1]]
    assert await fetch_by_ids((lookups[0][0], 999_999)) == [None]


class Category(enum.StrEnum):  # a str Enum: still converted by piccolo, not passed on
    MUSEUM = "museum"


async def test_inserted_rows_are_stored_as_piccolo_stores_them_and_get_their_ids(gql, app):
    """insert_rows renders each table's INSERT once and skips piccolo's conversion of plain
    values; what it stores equals what piccolo's own insert stores, for every kind of
    column (dates, timestamps, decimals, booleans, JSON, foreign keys given as rows, enums),
    and each row gets its id in order. (Amounts: every booking's night rates go through it.)"""
    from frontdesk.plugins.concierge.tables import ConciergeRecommendation

    hotel, _stays = await _hotel_with_money(gql)
    prop = await fetch_row(Property, Property.id == int(hotel.property_id))

    def twins():
        yield (
            Guest,
            lambda: Guest(
                property=prop,
                first_name="Ada",
                last_name="Lovelace",
                vip=True,
                date_of_birth=date(1815, 12, 10),
                country=None,
                notes="{braces} $1 'quote'",
            ),
        )
        yield (
            AuthAuditRecord,
            lambda: AuthAuditRecord(
                actor="desk",
                operation="bookStay",
                subjects='["stay:1"]',
                outcome="ok",
                request_id="r1",
                property_id=prop.id,
            ),
        )
        if "concierge" in app.state.runtime.enabled_plugins:
            yield (
                ConciergeRecommendation,
                lambda: ConciergeRecommendation(
                    property=prop.id,
                    name="Museum",
                    category=Category.MUSEUM,
                    opening_hours=[{"day": 1, "from": "10:00"}],
                    price_level=2,
                ),
            )

    checked = 0
    for table, make in twins():
        ours = make()
        theirs = table(  # the same values, defaults (timestamps) included
            **{
                column._meta.name: ours.__dict__[column._meta.name]
                for column in table._meta.columns
                if not column._meta.primary_key
            }
        )
        await insert_rows([ours])
        await table.insert(theirs)
        assert ours._exists_in_db and isinstance(ours.id, int) and ours.id != theirs.id
        stored = {}
        for row in (ours, theirs):
            stored[row.id] = (await table.objects().where(table.id == row.id).first()).__dict__
            stored[row.id].pop("id")
        assert stored[ours.id] == stored[theirs.id], table
        checked += 1
    assert checked >= 2

    stay = await StayRow.objects().first()
    nights = [
        StayNight(
            stay=stay.id,
            property=stay.property,
            room_type=stay.room_type,
            room=None,
            night=date(2031, 1, day),
            slot=900 + day,
        )
        for day in (1, 2, 3)
    ]
    await insert_rows(nights)
    stored = await StayNight.objects().where(StayNight.slot >= 900).order_by(StayNight.id)
    assert [(r.id, r.night) for r in stored] == [(n.id, n.night) for n in nights]
    assert await insert_rows([]) is None
    with pytest.raises(TypeError):
        await insert_rows([make(), nights[0]])


async def test_a_loaded_row_is_answered_at_once_and_an_unloaded_one_as_a_future(gql):
    _hotel, stays = await _hotel_with_money(gql)
    loaders = Loaders()
    first = loaders.row(StayRow, int(stays[0]))
    assert isinstance(first, asyncio.Future)
    missing = loaders.row(StayRow, 999_999)
    row, nothing = await first, await missing  # one batch for both
    assert row.id == int(stays[0]) and nothing is None
    assert loaders.row(StayRow, int(stays[0])) is row
    assert loaders.row(StayRow, 999_999) is None
    assert isinstance(loaders.row(StayRow, int(stays[1])), asyncio.Future)


async def test_an_id_list_selects_what_a_python_list_selects(gql):
    _hotel, stays = await _hotel_with_money(gql)
    ids = [int(s) for s in stays] + [int(stays[0]), 999_999]  # a repeat, an unknown id
    column = StayRow.id
    expected = await StayRow.select(column).where(column.is_in(ids)).order_by(column)
    got = await StayRow.select(column).where(column.is_in(id_list(ids))).order_by(column)
    assert got == expected
    assert [row["id"] for row in got] == sorted(int(s) for s in stays)
    # written into the statement, so anything but an integer is refused before it gets there
    with pytest.raises(ValueError):
        id_list([1, "2) OR (1 = 1"])
