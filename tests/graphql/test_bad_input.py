"""A client's mistake is a UserError in the payload, and nothing is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support.hotel import book, build_hotel

COUNT_STAYS = "query($p: ID!) { stays(propertyId: $p) { nodes { id } } }"


async def _stay_count(gql, hotel) -> int:
    return len((await gql.execute(COUNT_STAYS, {"p": hotel.property_id}))["stays"]["nodes"])


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"departure": "ARRIVAL"}, "INVALID_INPUT", "departure"),
        ({"departure": "BEFORE"}, "INVALID_INPUT", "departure"),
        ({"adults": 0}, "INVALID_INPUT", "adults"),
        ({"adults": 2147483647}, "INVALID_INPUT", "adults"),
        ({"adults": 2, "children": 1}, "INVALID_INPUT", "adults"),
        ({"guestId": "999999"}, "NOT_FOUND", "guestId"),
        ({"guestId": "not-an-id"}, "INVALID_INPUT", "guestId"),
        ({"roomTypeId": "-5"}, "INVALID_INPUT", "roomTypeId"),
        ({"notes": "x" * 5000}, "INVALID_INPUT", "notes"),
        ({"arrival": "PAST"}, "INVALID_INPUT", "arrival"),
        ({"departure": "FAR"}, "INVALID_INPUT", "departure"),
    ],
)
async def test_bad_booking_input_is_refused_and_writes_nothing(gql, change, code, field):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    values = {
        "propertyId": hotel.property_id,
        "roomTypeId": hotel.room_types["DBL"],
        "guestId": hotel.guests[0],
        "arrival": day.isoformat(),
        "departure": (day + timedelta(days=2)).isoformat(),
    }
    special = {
        "ARRIVAL": day.isoformat(),
        "BEFORE": (day - timedelta(days=1)).isoformat(),
        "PAST": (day - timedelta(days=3)).isoformat(),
        "FAR": (day + timedelta(days=900)).isoformat(),
    }
    values.update({k: special.get(v, v) if isinstance(v, str) else v for k, v in change.items()})
    payload = await gql.mutate("bookStay", values, "stay { id }")
    assert payload["stay"] is None
    assert payload["errors"][0]["code"] == code
    assert payload["errors"][0]["field"] == field
    assert payload["errors"][0]["message"]
    assert await _stay_count(gql, hotel) == 0


async def test_overbooking_a_room_type_is_refused_with_a_clear_error(gql):
    hotel = await build_hotel(gql, doubles=1)
    day = hotel.business_date
    assert (await book(gql, hotel, day, day + timedelta(days=1)))["errors"] == []
    payload = await book(gql, hotel, day, day + timedelta(days=1))
    assert payload["errors"] == [
        {
            "code": "CONFLICT",
            "field": "roomTypeId",
            "message": f"The room type is sold out on {day.isoformat()}.",
        }
    ]
    assert await _stay_count(gql, hotel) == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"code": "", "name": "x"}, "code"),
        ({"code": "has space", "name": "x"}, "code"),
        ({"code": "OK", "name": "   "}, "name"),
        ({"code": "OK", "name": "n" * 500}, "name"),
        ({"code": "OK", "name": "x", "timezone": "Mars/Olympus"}, "timezone"),
        ({"code": "OK", "name": "x", "currency": "euro"}, "currency"),
    ],
)
async def test_bad_property_input_is_refused(gql, values, field):
    payload = await gql.mutate("createProperty", values, "property { id }")
    assert payload["property"] is None
    assert payload["errors"][0]["field"] == field
    data = await gql.execute("{ properties { nodes { id } } }")
    assert data["properties"]["nodes"] == []


async def test_duplicate_room_number_is_a_conflict(gql):
    hotel = await build_hotel(gql, doubles=1, suites=0)
    payload = await gql.mutate(
        "createRoom",
        {"propertyId": hotel.property_id, "roomTypeId": hotel.room_types["DBL"], "number": "101"},
        "room { id }",
    )
    assert payload["errors"][0]["code"] == "CONFLICT"


async def test_queries_with_unreadable_ids_answer_null_not_errors(gql):
    data = await gql.execute(
        '{ stay(id: "abc") { id } guest(id: "-1") { id } '
        'stays(propertyId: "zzz") { nodes { id } } }'
    )
    assert data == {"stay": None, "guest": None, "stays": {"nodes": []}}


async def test_availability_with_inverted_dates_reports_a_user_error(gql):
    hotel = await build_hotel(gql)
    data = await gql.execute(
        'query($p: ID!) { availability(propertyId: $p, arrival: "2026-12-05", '
        'departure: "2026-12-01") { errors { code field } roomTypes { freeCount } } }',
        {"p": hotel.property_id},
    )
    assert data["availability"] == {
        "errors": [{"code": "INVALID_INPUT", "field": "departure"}],
        "roomTypes": [],
    }


async def test_page_size_is_capped(gql, settings):
    data = await gql.execute(
        "{ properties(first: 100000) { nodes { id } pageInfo { hasNextPage } } }"
    )
    assert data["properties"]["pageInfo"]["hasNextPage"] is False
