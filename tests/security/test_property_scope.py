"""A clerk of hotel A cannot read or change anything of hotel B by guessing its ids: reads
answer as if it did not exist, writes are refused with NOT_FOUND."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support.hotel import book


async def _clerk_of(client_for, hotel):
    return await client_for("front_desk", properties=[hotel.property_id])


async def test_a_stay_of_another_hotel_reads_as_null(gql, client_for, hotel_a, hotel_b):
    day = hotel_b.business_date
    stay = (await book(gql, hotel_b, day, day + timedelta(days=1)))["stay"]
    clerk = await _clerk_of(client_for, hotel_a)
    data = await clerk.execute("query($id: ID!) { stay(id: $id) { id } }", {"id": stay["id"]})
    assert data == {"stay": None}


async def test_lists_hold_only_the_callers_hotels(gql, client_for, hotel_a, hotel_b):
    day = hotel_a.business_date
    for hotel in (hotel_a, hotel_b):
        await book(gql, hotel, day, day + timedelta(days=1))
    clerk = await _clerk_of(client_for, hotel_a)
    data = await clerk.execute("""{ stays { nodes { property { code } } }
      guests { nodes { property { code } } } properties { nodes { code } } }""")
    assert {s["property"]["code"] for s in data["stays"]["nodes"]} == {"A"}
    assert {g["property"]["code"] for g in data["guests"]["nodes"]} == {"A"}
    assert [p["code"] for p in data["properties"]["nodes"]] == ["A"]


async def test_filtering_by_another_hotel_gives_an_empty_page(client_for, hotel_a, hotel_b):
    clerk = await _clerk_of(client_for, hotel_a)
    data = await clerk.execute(
        "query($p: ID!) { rooms(propertyId: $p) { nodes { id } } }", {"p": hotel_b.property_id}
    )
    assert data == {"rooms": {"nodes": []}}


async def test_availability_of_another_hotel_is_not_found(client_for, hotel_a, hotel_b):
    clerk = await _clerk_of(client_for, hotel_a)
    data = await clerk.execute(
        """query($p: ID!) { availability(propertyId: $p,
      arrival: "2026-11-23", departure: "2026-11-24") { roomTypes { freeCount }
      errors { code field } } }""",
        {"p": hotel_b.property_id},
    )
    assert data["availability"] == {
        "roomTypes": [],
        "errors": [{"code": "NOT_FOUND", "field": "propertyId"}],
    }


async def test_booking_into_another_hotel_is_refused_as_not_found(
    gql, client_for, hotel_a, hotel_b
):
    clerk = await _clerk_of(client_for, hotel_a)
    day = hotel_b.business_date
    payload = await book(clerk, hotel_b, day, day + timedelta(days=1))
    assert payload["stay"] is None
    assert payload["errors"][0]["code"] == "NOT_FOUND"
    stays = await gql.execute("{ stays { nodes { id } } }")
    assert stays["stays"]["nodes"] == []


async def test_changing_a_guest_of_another_hotel_is_refused_and_writes_nothing(
    gql, client_for, hotel_a, hotel_b
):
    clerk = await _clerk_of(client_for, hotel_a)
    target = hotel_b.guests[0]
    payload = await clerk.mutate(
        "updateGuest", {"guestId": target, "lastName": "Hacked"}, "guest { id }"
    )
    assert payload == {
        "guest": None,
        "errors": [{"code": "NOT_FOUND", "message": "guestId does not exist.", "field": "guestId"}],
    }
    guest = await gql.execute("query($id: ID!) { guest(id: $id) { lastName } }", {"id": target})
    assert guest["guest"]["lastName"] == "Family0"


async def test_a_clerk_of_hotel_a_cannot_mix_in_a_guest_of_hotel_b(client_for, hotel_a, hotel_b):
    clerk = await _clerk_of(client_for, hotel_a)
    day = hotel_a.business_date
    payload = await book(
        clerk, hotel_a, day, day + timedelta(days=1), additionalGuestIds=[hotel_b.guests[0]]
    )
    assert payload["errors"] == [
        {
            "code": "NOT_FOUND",
            "field": "additionalGuestIds",
            "message": "additionalGuestIds does not exist.",
        }
    ]


async def test_a_key_limited_to_hotel_a_cannot_grant_hotel_b(client_for, hotel_a, hotel_b):
    admin_of_a = await client_for("admin", properties=[hotel_a.property_id])
    payload = await admin_of_a.mutate(
        "createApiKey", {"name": "sneaky", "roles": ["admin"], "allProperties": True}, "key"
    )
    assert payload["key"] is None and payload["errors"][0]["code"] == "PERMISSION_DENIED"
    payload = await admin_of_a.mutate(
        "createApiKey",
        {"name": "sneaky", "roles": ["admin"], "propertyIds": [hotel_b.property_id]},
        "key",
    )
    assert payload["key"] is None and payload["errors"][0]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("enabled_plugins", [["hr_shifts"]])
async def test_a_plugin_object_without_a_property_column_is_scoped_through_its_owner(
    gql, client_for, hotel_a, hotel_b
):
    staff = await gql.ok(
        "shiftsCreateStaffMember",
        {"propertyId": hotel_b.property_id, "name": "Bo", "departments": [], "skills": []},
        "staffMember { id }",
    )
    request = await gql.ok(
        "shiftsRequestTimeOff",
        {
            "staffId": staff["staffMember"]["id"],
            "kind": "TIME_OFF",
            "startsAt": "2026-12-09T00:00:00",
            "endsAt": "2026-12-10T00:00:00",
        },
        "timeOff { id status }",
    )
    manager_of_a = await client_for("manager", properties=[hotel_a.property_id])
    payload = await manager_of_a.mutate(
        "shiftsDecideTimeOff",
        {"timeOffId": request["timeOff"]["id"], "approve": True},
        "timeOff { status }",
    )
    assert payload["errors"] == [
        {"code": "NOT_FOUND", "message": "timeOffId does not exist.", "field": "timeOffId"}
    ]
    pending = await gql.execute(
        "query($p: ID!) { shiftsTimeOff(propertyId: $p) { nodes { status } } }",
        {"p": hotel_b.property_id},
    )
    assert pending["shiftsTimeOff"]["nodes"] == [{"status": request["timeOff"]["status"]}]
