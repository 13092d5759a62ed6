"""A mutation with several invalid fields names every one of them in its errors, so a form
can mark all its mistakes at once; nothing is written."""

from __future__ import annotations


def _fields(payload: dict) -> list[str]:
    return sorted(e["field"] for e in payload["errors"])


async def test_create_property_names_a_bad_timezone_and_a_bad_currency(gql):
    payload = await gql.mutate(
        "createProperty",
        {"code": "HQ", "name": "Hotel", "timezone": "Mars/Olympus", "currency": "EURO"},
        "property { id }",
    )
    assert payload["property"] is None
    assert _fields(payload) == ["currency", "timezone"]
    assert {e["code"] for e in payload["errors"]} == {"INVALID_INPUT"}
    listed = await gql.execute("{ properties { nodes { id } } }")
    assert listed["properties"]["nodes"] == []


async def test_create_property_with_one_bad_field_reports_one_error(gql):
    payload = await gql.mutate(
        "createProperty", {"code": "HQ", "name": "Hotel", "currency": "EURO"}, "property { id }"
    )
    assert _fields(payload) == ["currency"]


async def test_create_room_type_names_every_invalid_field(gql):
    prop = await gql.ok("createProperty", {"code": "HQ", "name": "Hotel"}, "property { id }")
    payload = await gql.mutate(
        "createRoomType",
        {
            "propertyId": prop["property"]["id"],
            "code": "D B L",
            "name": " ",
            "maxOccupancy": 0,
        },
        "roomType { id }",
    )
    assert _fields(payload) == ["code", "maxOccupancy", "name"]


async def test_create_guest_names_a_bad_email_and_a_bad_nationality(gql):
    prop = await gql.ok("createProperty", {"code": "HQ", "name": "Hotel"}, "property { id }")
    payload = await gql.mutate(
        "createGuest",
        {
            "propertyId": prop["property"]["id"],
            "firstName": "Ada",
            "lastName": "",
            "email": "not-an-address",
            "nationality": "Germany",
        },
        "guest { id }",
    )
    assert payload["guest"] is None
    assert _fields(payload) == ["email", "lastName", "nationality"]


async def test_create_rate_plan_names_every_invalid_field(gql):
    prop = await gql.ok("createProperty", {"code": "HQ", "name": "Hotel"}, "property { id }")
    payload = await gql.mutate(
        "createRatePlan",
        {
            "propertyId": prop["property"]["id"],
            "code": "",
            "name": "Flexible",
            "cancellationFreeDays": -1,
            "cancellationFeePercent": "150",
        },
        "ratePlan { id }",
    )
    assert _fields(payload) == ["cancellationFeePercent", "cancellationFreeDays", "code"]
