"""A stay's life through the public API: availability, booking, check-in, check-out."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from support.hotel import book, build_hotel

from frontdesk.core.stays.availability import sold_nights
from frontdesk.core.stays.tables import StayNight

AVAILABILITY = """
query($p: ID!, $a: Date!, $d: Date!) {
  availability(propertyId: $p, arrival: $a, departure: $d) {
    errors { code field }
    roomTypes { roomType { code } freeCount nights { night free sold } freeRooms { number } }
  }
}"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("types", ["every type", "some types"])
async def test_availability_counts_sold_nights_from_the_covering_index_alone(gql, settings, types):
    """However long the history, sold nights are counted from the (property, night,
    room_type) index without reading inventory rows (EXPLAIN on the SQLite file), whether
    the search covers every room type (no filter by type) or some of them."""
    hotel = await build_hotel(gql)
    day = hotel.business_date
    type_ids = [int(type_id) for type_id in hotel.room_types.values()]
    statement = sold_nights(
        int(hotel.property_id),
        day,
        day + timedelta(days=30),
        None if types == "every type" else type_ids[:1],
    )
    query = StayNight.raw(*statement)  # exactly what availability runs
    path = settings.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        plan = " ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {query}"))
    assert "USING COVERING INDEX core_stay_night_property_night_type" in plan, plan


async def test_availability_counts_free_rooms_per_type_and_night(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    await book(gql, hotel, day, day + timedelta(days=2))
    data = await gql.execute(
        AVAILABILITY,
        {"p": hotel.property_id, "a": day.isoformat(), "d": (day + timedelta(days=3)).isoformat()},
    )
    by_code = {r["roomType"]["code"]: r for r in data["availability"]["roomTypes"]}
    assert [n["free"] for n in by_code["DBL"]["nights"]] == [2, 2, 3]
    assert by_code["DBL"]["freeCount"] == 2
    assert by_code["STE"]["freeCount"] == 1
    assert len(by_code["DBL"]["freeRooms"]) == 3  # the booking holds no room yet


async def test_availability_for_a_party_counts_the_sold_nights_of_the_types_it_fits(gql):
    """A search for every type and one narrowed by the party read the sold nights
    differently (the first without a filter by type): both count the same nights."""
    hotel = await build_hotel(gql)
    day = hotel.business_date
    await book(gql, hotel, day, day + timedelta(days=2), room_type="STE")
    await book(gql, hotel, day + timedelta(days=1), day + timedelta(days=2))
    query = """
    query($p: ID!, $a: Date!, $d: Date!, $adults: Int) {
      availability(propertyId: $p, arrival: $a, departure: $d, adults: $adults) {
        roomTypes { roomType { code } nights { sold free } }
      }
    }"""
    variables = {
        "p": hotel.property_id,
        "a": day.isoformat(),
        "d": (day + timedelta(days=3)).isoformat(),
    }

    async def sold(adults: int | None) -> dict[str, list[int]]:
        data = await gql.execute(query, {**variables, "adults": adults})
        rows = data["availability"]["roomTypes"]
        return {r["roomType"]["code"]: [n["sold"] for n in r["nights"]] for r in rows}

    assert await sold(None) == {"DBL": [0, 1, 0], "STE": [1, 1, 0]}
    assert await sold(3) == {"STE": [1, 1, 0]}


async def test_book_check_in_check_out(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    booked = await book(gql, hotel, day, day + timedelta(days=2), adults=2)
    assert booked["errors"] == []
    stay_id = booked["stay"]["id"]
    assert booked["stay"]["status"] == "BOOKED"

    checked_in = await gql.ok("checkIn", {"stayId": stay_id}, "stay { status room { number } }")
    assert checked_in["stay"]["status"] == "CHECKED_IN"
    assert checked_in["stay"]["room"]["number"] == "101"  # assigned automatically

    checked_out = await gql.ok(
        "checkOut", {"stayId": stay_id}, "stay { status room { number housekeepingStatus } }"
    )
    assert checked_out["stay"]["status"] == "CHECKED_OUT"
    assert checked_out["stay"]["room"]["housekeepingStatus"] == "DIRTY"


async def test_check_in_refuses_a_dirty_room(gql):
    hotel = await build_hotel(gql, doubles=1)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]
    await gql.ok("setRoomStatus", {"roomId": hotel.rooms["101"], "status": "DIRTY"}, "room { id }")
    payload = await gql.mutate("checkIn", {"stayId": stay["id"]}, "stay { status }")
    assert payload["stay"] is None
    assert payload["errors"][0]["code"] == "CONFLICT"


async def test_cancelled_stay_cannot_check_in(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]
    await gql.ok("cancelStay", {"stayId": stay["id"], "reason": "plans changed"}, "stay { id }")
    payload = await gql.mutate("checkIn", {"stayId": stay["id"]}, "stay { status }")
    assert payload["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_check_out_before_check_in_is_refused(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]
    payload = await gql.mutate("checkOut", {"stayId": stay["id"]}, "stay { status }")
    assert payload["errors"][0]["code"] == "INVALID_TRANSITION"
