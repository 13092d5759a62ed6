"""Room moves, extending and shortening, no-shows and out-of-order rooms."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import book, build_hotel

STAY = "stay { id status arrival departure room { number } roomType { code } }"


async def _in_house(gql, hotel, nights=3):
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=nights)))["stay"]
    await gql.ok("checkIn", {"stayId": stay["id"]}, STAY)
    return stay["id"]


async def test_move_an_in_house_guest_to_a_suite_for_the_remaining_nights(gql):
    hotel = await build_hotel(gql)
    stay_id = await _in_house(gql, hotel)
    moved = await gql.ok(
        "moveRoom", {"stayId": stay_id, "roomId": hotel.rooms["201"], "reason": "noise"}, STAY
    )
    assert moved["stay"]["room"]["number"] == "201"
    assert moved["stay"]["roomType"]["code"] == "STE"
    rooms = await gql.execute(
        "query($p: ID!) { rooms(propertyId: $p) { nodes { number housekeepingStatus } } }",
        {"p": hotel.property_id},
    )
    status = {r["number"]: r["housekeepingStatus"] for r in rooms["rooms"]["nodes"]}
    assert status["101"] == "DIRTY"


async def test_a_move_into_an_occupied_room_is_refused(gql):
    hotel = await build_hotel(gql)
    first = await _in_house(gql, hotel)
    second = await _in_house(gql, hotel)
    payload = await gql.mutate("moveRoom", {"stayId": second, "roomId": hotel.rooms["101"]}, STAY)
    assert payload["errors"][0]["code"] == "CONFLICT"
    assert first != second


async def test_extend_a_stay_while_rooms_remain_and_refuse_when_sold_out(gql):
    hotel = await build_hotel(gql, doubles=1)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]
    extended = await gql.ok(
        "modifyStay",
        {"stayId": stay["id"], "departure": (day + timedelta(days=4)).isoformat()},
        STAY,
    )
    assert extended["stay"]["departure"] == (day + timedelta(days=4)).isoformat()
    other = (await book(gql, hotel, day + timedelta(days=4), day + timedelta(days=6)))["stay"]
    refused = await gql.mutate(
        "modifyStay",
        {"stayId": stay["id"], "departure": (day + timedelta(days=5)).isoformat()},
        STAY,
    )
    assert refused["errors"][0]["code"] == "CONFLICT"
    assert other["id"]


async def test_shortening_a_stay_frees_its_nights(gql):
    hotel = await build_hotel(gql, doubles=1)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=4)))["stay"]
    await gql.ok(
        "modifyStay",
        {"stayId": stay["id"], "departure": (day + timedelta(days=2)).isoformat()},
        STAY,
    )
    later = await book(gql, hotel, day + timedelta(days=2), day + timedelta(days=4))
    assert later["errors"] == []


async def test_no_show_frees_the_room_and_cannot_check_in_later(gql):
    hotel = await build_hotel(gql, doubles=1)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]
    marked = await gql.ok("markNoShow", {"stayId": stay["id"]}, STAY)
    assert marked["stay"]["status"] == "NO_SHOW"
    assert (await book(gql, hotel, day, day + timedelta(days=2)))["errors"] == []
    refused = await gql.mutate("checkIn", {"stayId": stay["id"]}, STAY)
    assert refused["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_future_arrival_cannot_be_a_no_show_yet(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date + timedelta(days=5)
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]
    refused = await gql.mutate("markNoShow", {"stayId": stay["id"]}, STAY)
    assert refused["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_out_of_order_rooms_do_not_count_and_cannot_oversell(gql):
    hotel = await build_hotel(gql, doubles=2)
    day = hotel.business_date
    until = (day + timedelta(days=3)).isoformat()
    ooo = await gql.ok(
        "setRoomStatus",
        {
            "roomId": hotel.rooms["101"],
            "status": "OUT_OF_ORDER",
            "reason": "leak",
            "outOfOrderFrom": day.isoformat(),
            "outOfOrderUntil": until,
        },
        "room { housekeepingStatus outOfOrderReason }",
    )
    assert ooo["room"]["housekeepingStatus"] == "OUT_OF_ORDER"
    assert (await book(gql, hotel, day, day + timedelta(days=1)))["errors"] == []
    sold_out = await book(gql, hotel, day, day + timedelta(days=1))
    assert sold_out["errors"][0]["code"] == "CONFLICT"
    refused = await gql.mutate(
        "setRoomStatus",
        {
            "roomId": hotel.rooms["102"],
            "status": "OUT_OF_ORDER",
            "reason": "paint",
            "outOfOrderFrom": day.isoformat(),
            "outOfOrderUntil": until,
        },
        "room { id }",
    )
    assert refused["errors"][0]["code"] == "CONFLICT"


async def test_out_of_order_needs_a_reason_and_dates(gql):
    hotel = await build_hotel(gql)
    refused = await gql.mutate(
        "setRoomStatus", {"roomId": hotel.rooms["101"], "status": "OUT_OF_ORDER"}, "room { id }"
    )
    assert refused["errors"][0]["field"] == "reason"


async def test_group_bookings_share_a_reference(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    first = await book(gql, hotel, day, day + timedelta(days=1), bookingReference="TOUR-7")
    second = await book(gql, hotel, day, day + timedelta(days=1), bookingReference="tour-7")
    assert first["errors"] == second["errors"] == []
    data = await gql.execute('{ stays(bookingReference: "TOUR-7") { nodes { id } } }')
    assert len(data["stays"]["nodes"]) == 2


async def test_availability_counts_out_of_order_rooms_the_same_with_or_without_free_rooms(gql):
    """Availability counts rooms by an aggregate unless the query asks for the free rooms
    themselves; both ways must agree, out-of-order nights included."""
    hotel = await build_hotel(gql, doubles=3)
    day = hotel.business_date
    await gql.ok(
        "setRoomStatus",
        {
            "roomId": hotel.rooms["101"],
            "status": "OUT_OF_ORDER",
            "reason": "leak",
            "outOfOrderFrom": (day + timedelta(days=1)).isoformat(),
            "outOfOrderUntil": (day + timedelta(days=3)).isoformat(),
        },
        "room { id }",
    )
    assert (await book(gql, hotel, day, day + timedelta(days=2)))["errors"] == []
    query = """query($p: ID!, $a: Date!, $d: Date!) {
      availability(propertyId: $p, arrival: $a, departure: $d) {
        roomTypes { roomType { code } freeCount nights { night bookable sold free } %s }
      }
    }"""
    variables = {
        "p": hotel.property_id,
        "a": day.isoformat(),
        "d": (day + timedelta(days=4)).isoformat(),
    }
    counted = (await gql.execute(query % "", variables))["availability"]["roomTypes"]
    listed = (await gql.execute(query % "freeRooms { number }", variables))["availability"]
    listed_types = listed["roomTypes"]
    doubles = next(t for t in counted if t["roomType"]["code"] == "DBL")
    assert [n["bookable"] for n in doubles["nights"]] == [3, 2, 2, 3]
    assert [n["sold"] for n in doubles["nights"]] == [1, 1, 0, 0]
    assert doubles["freeCount"] == 1
    for with_rooms, without in zip(listed_types, counted, strict=True):
        assert {k: v for k, v in with_rooms.items() if k != "freeRooms"} == without
    listed_doubles = next(t for t in listed_types if t["roomType"]["code"] == "DBL")
    # Rooms no stay holds and in order every night (the booking has no room yet).
    assert [r["number"] for r in listed_doubles["freeRooms"]] == ["102", "103"]


async def test_a_search_for_every_type_counts_as_a_search_for_each_type(gql):
    """A search over all room types reads the types and their room counts in one
    statement; a search for one type counts that type on its own. Both agree, for a type
    with an out-of-order room and for a type without any room."""
    hotel = await build_hotel(gql, doubles=3, suites=1)
    day = hotel.business_date
    await gql.ok(
        "createRoomType",
        {"propertyId": hotel.property_id, "code": "APT", "name": "Flat", "maxOccupancy": 4},
        "roomType { id }",
    )
    await gql.ok(
        "setRoomStatus",
        {
            "roomId": hotel.rooms["102"],
            "status": "OUT_OF_ORDER",
            "reason": "paint",
            "outOfOrderFrom": day.isoformat(),
            "outOfOrderUntil": (day + timedelta(days=2)).isoformat(),
        },
        "room { id }",
    )
    assert (await book(gql, hotel, day, day + timedelta(days=3)))["errors"] == []
    query = """query($p: ID!, $a: Date!, $d: Date!, $t: ID) {
      availability(propertyId: $p, arrival: $a, departure: $d, roomTypeId: $t) {
        errors { code }
        roomTypes { roomType { id code } freeCount nights { night bookable sold free } }
      }
    }"""
    span = {
        "p": hotel.property_id,
        "a": day.isoformat(),
        "d": (day + timedelta(days=3)).isoformat(),
    }
    every = (await gql.execute(query, {**span, "t": None}))["availability"]
    assert every["errors"] == []
    assert [t["roomType"]["code"] for t in every["roomTypes"]] == ["APT", "DBL", "STE"]
    by_code = {t["roomType"]["code"]: t for t in every["roomTypes"]}
    assert [n["bookable"] for n in by_code["DBL"]["nights"]] == [2, 2, 3]
    assert [n["bookable"] for n in by_code["APT"]["nights"]] == [0, 0, 0]
    for entry in every["roomTypes"]:
        alone = await gql.execute(query, {**span, "t": entry["roomType"]["id"]})
        assert alone["availability"]["roomTypes"] == [entry]
