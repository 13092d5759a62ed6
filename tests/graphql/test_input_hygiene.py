"""NUL characters in any string argument are dropped before they reach the database."""

from __future__ import annotations

from support.hotel import build_hotel


async def test_nul_in_a_search_literal_or_variable_is_harmless(gql):
    hotel = await build_hotel(gql, guests=1)
    literal = await gql.execute('{ guests(search: "Guest\\u00000") { nodes { fullName } } }')
    assert [g["fullName"] for g in literal["guests"]["nodes"]] == ["Guest0 Family0"]
    variable = await gql.execute(
        "query($q: String!) { guests(search: $q) { nodes { fullName } } }", {"q": "Fam\x00ily0"}
    )
    assert [g["fullName"] for g in variable["guests"]["nodes"]] == ["Guest0 Family0"]
    assert hotel.guests


async def test_an_escaped_backslash_before_u0000_is_kept(gql):
    hotel = await build_hotel(gql, guests=0)
    created = await gql.ok(
        "createGuest",
        {"propertyId": hotel.property_id, "firstName": "Back\\u0000slash", "lastName": "X"},
        "guest { firstName }",
    )
    assert created["guest"]["firstName"] == "Back\\u0000slash"
