"""Finding a stay at the desk: by the confirmation code the guest reads out, or by the
guest's name; the guest's text is taken literally (``%`` and ``_`` are no wildcards)."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import book, build_hotel

BY_CODE = """query($p: ID, $code: String) { stays(propertyId: $p, confirmationCode: $code) {
  nodes { id confirmationCode } totalCount } }"""
BY_NAME = """query($p: ID!, $name: String) { stays(propertyId: $p, guestName: $name) {
  nodes { primaryGuest { fullName } } } }"""


async def _guest(gql, hotel, first: str, last: str) -> str:
    payload = await gql.ok(
        "createGuest",
        {"propertyId": hotel.property_id, "firstName": first, "lastName": last},
        "guest { id }",
    )
    hotel.guests.append(payload["guest"]["id"])
    return len(hotel.guests) - 1


async def _stay_of(gql, hotel, first: str, last: str, offset: int = 0) -> dict:
    guest = await _guest(gql, hotel, first, last)
    day = hotel.business_date + timedelta(days=offset)
    return (await book(gql, hotel, day, day + timedelta(days=1), guest=guest))["stay"]


async def test_a_stay_is_found_by_its_confirmation_code_in_any_case(gql):
    hotel = await build_hotel(gql, guests=0)
    wanted = await _stay_of(gql, hotel, "Ada", "Lovelace")
    await _stay_of(gql, hotel, "Alan", "Turing", offset=1)
    code = wanted["confirmationCode"]
    for given in (code, code.lower(), f"  {code} "):
        data = await gql.execute(BY_CODE, {"p": hotel.property_id, "code": given})
        assert data["stays"] == {
            "nodes": [{"id": wanted["id"], "confirmationCode": code}],
            "totalCount": 1,
        }


async def test_an_unknown_confirmation_code_finds_nothing(gql):
    hotel = await build_hotel(gql, guests=0)
    await _stay_of(gql, hotel, "Ada", "Lovelace")
    data = await gql.execute(BY_CODE, {"p": hotel.property_id, "code": "NOPE1234"})
    assert data["stays"] == {"nodes": [], "totalCount": 0}


async def test_stays_are_found_by_part_of_the_guests_name(gql):
    hotel = await build_hotel(gql, guests=0)
    await _stay_of(gql, hotel, "Grace", "Hopper")
    await _stay_of(gql, hotel, "Alan", "Turing", offset=1)
    for text in ("hopp", "GRACE", "Grace Hopper", "gr hop"):
        data = await gql.execute(BY_NAME, {"p": hotel.property_id, "name": text})
        names = [s["primaryGuest"]["fullName"] for s in data["stays"]["nodes"]]
        assert names == ["Grace Hopper"], text


async def test_wildcards_in_a_name_search_are_taken_literally(gql):
    hotel = await build_hotel(gql, guests=0)
    await _stay_of(gql, hotel, "Percy", "100% Smith")
    await _stay_of(gql, hotel, "Under", "a_b")
    await _stay_of(gql, hotel, "Back", "C:\\x")
    await _stay_of(gql, hotel, "Plain", "Jones", offset=1)
    for text, expected in (
        ("%", ["Percy 100% Smith"]),
        ("_", ["Under a_b"]),
        ("\\", ["Back C:\\x"]),
        ("0% S", ["Percy 100% Smith"]),
        ("a_", ["Under a_b"]),
    ):
        data = await gql.execute(BY_NAME, {"p": hotel.property_id, "name": text})
        names = [s["primaryGuest"]["fullName"] for s in data["stays"]["nodes"]]
        assert names == expected, text
