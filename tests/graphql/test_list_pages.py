"""Lists: totalCount counts every page together, and a page asked for wrongly (a negative
first, a cursor the list never handed out) answers with errors, never a GraphQL error."""

from __future__ import annotations

import base64

from support.hotel import build_hotel

ROOMS = """query($p: ID!, $first: Int, $after: String) {
  rooms(propertyId: $p, first: $first, after: $after) {
    nodes { number } totalCount pageInfo { hasNextPage endCursor }
    errors { code message field } } }"""


async def test_total_count_is_the_size_of_the_whole_list_on_every_page(gql):
    hotel = await build_hotel(gql, doubles=3, suites=2, guests=0)
    first = (await gql.execute(ROOMS, {"p": hotel.property_id, "first": 2}))["rooms"]
    assert [r["number"] for r in first["nodes"]] == ["101", "102"]
    assert first["totalCount"] == 5
    after = first["pageInfo"]["endCursor"]
    second = await gql.execute(ROOMS, {"p": hotel.property_id, "first": 2, "after": after})
    assert [r["number"] for r in second["rooms"]["nodes"]] == ["103", "201"]
    assert second["rooms"]["totalCount"] == 5


async def test_total_count_follows_the_filters(gql):
    hotel = await build_hotel(gql, doubles=3, suites=2, guests=0)
    query = """query($p: ID!, $t: ID) { rooms(propertyId: $p, roomTypeId: $t, first: 0) {
      nodes { number } totalCount pageInfo { hasNextPage } } }"""
    data = await gql.execute(query, {"p": hotel.property_id, "t": hotel.room_types["STE"]})
    assert data["rooms"] == {"nodes": [], "totalCount": 2, "pageInfo": {"hasNextPage": True}}


async def test_a_negative_first_is_an_error_of_the_list(gql):
    hotel = await build_hotel(gql, guests=0)
    data = (await gql.execute(ROOMS, {"p": hotel.property_id, "first": -1}))["rooms"]
    assert data["nodes"] == [] and data["totalCount"] == 0
    assert data["errors"] == [
        {"code": "INVALID_INPUT", "message": "first must not be negative.", "field": "first"}
    ]


async def test_a_cursor_the_list_never_handed_out_is_an_error_of_the_list(gql):
    hotel = await build_hotel(gql, guests=0)
    forged = base64.urlsafe_b64encode(b"off:3").decode()
    for cursor in ("not a cursor", forged, "!!!"):
        data = (await gql.execute(ROOMS, {"p": hotel.property_id, "after": cursor}))["rooms"]
        assert data["nodes"] == [], cursor
        assert [(e["code"], e["field"]) for e in data["errors"]] == [("INVALID_INPUT", "after")]


async def test_a_first_above_the_maximum_gets_the_maximum_and_no_error(gql):
    hotel = await build_hotel(gql, doubles=3, suites=0, guests=0)
    data = (await gql.execute(ROOMS, {"p": hotel.property_id, "first": 10**6}))["rooms"]
    assert len(data["nodes"]) == 3 and data["errors"] == []
