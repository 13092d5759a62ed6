"""Guest profiles: search by name, email or phone, and a hint for likely duplicates."""

from __future__ import annotations

from support.hotel import build_hotel

SEARCH = "query($p: ID!, $q: String!) { guests(propertyId: $p, search: $q) { nodes { fullName } } }"


async def test_search_finds_guests_by_name_email_or_phone(gql):
    hotel = await build_hotel(gql, guests=0)
    await gql.ok(
        "createGuest",
        {
            "propertyId": hotel.property_id,
            "firstName": "Grace",
            "lastName": "Hopper",
            "email": "grace@navy.mil",
            "phone": "+1 555 0100",
        },
        "guest { id }",
    )
    await gql.ok(
        "createGuest",
        {"propertyId": hotel.property_id, "firstName": "Alan", "lastName": "Turing"},
        "guest { id }",
    )
    for query in ("hopp", "GRACE", "navy.mil", "555 0100", "Grace Hopper"):
        data = await gql.execute(SEARCH, {"p": hotel.property_id, "q": query})
        assert [g["fullName"] for g in data["guests"]["nodes"]] == ["Grace Hopper"], query


async def test_a_new_guest_that_looks_like_an_existing_one_gets_a_hint(gql):
    hotel = await build_hotel(gql, guests=0)
    first = await gql.ok(
        "createGuest",
        {
            "propertyId": hotel.property_id,
            "firstName": "Ada",
            "lastName": "Lovelace",
            "email": "ada@example.org",
        },
        "guest { id }",
    )
    second = await gql.ok(
        "createGuest",
        {"propertyId": hotel.property_id, "firstName": "ada", "lastName": "lovelace"},
        "guest { id } possibleDuplicates { id }",
    )
    assert second["possibleDuplicates"] == [{"id": first["guest"]["id"]}]
    third = await gql.ok(
        "createGuest",
        {
            "propertyId": hotel.property_id,
            "firstName": "A.",
            "lastName": "King",
            "email": "ADA@example.org",
        },
        "possibleDuplicates { id }",
    )
    assert {"id": first["guest"]["id"]} in third["possibleDuplicates"]


async def test_update_guest_changes_only_given_fields(gql):
    hotel = await build_hotel(gql, guests=1)
    updated = await gql.ok(
        "updateGuest",
        {"guestId": hotel.guests[0], "vip": True, "address": {"city": "Porto", "country": "pt"}},
        "guest { vip email address { city country } }",
    )
    assert updated["guest"] == {
        "vip": True,
        "email": "guest0@example.org",
        "address": {"city": "Porto", "country": "PT"},
    }


async def test_invalid_email_is_refused(gql):
    hotel = await build_hotel(gql, guests=0)
    payload = await gql.mutate(
        "createGuest",
        {
            "propertyId": hotel.property_id,
            "firstName": "X",
            "lastName": "Y",
            "email": "not-an-email",
        },
        "guest { id }",
    )
    assert payload["errors"][0]["field"] == "email"
