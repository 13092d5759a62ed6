"""``updateProperty`` and ``updateRoomType``; a property's seller details (legal name,
address, VAT number, phone, email) and the invoice that prints them with the guest's
address, the stay's dates and room."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import book, build_hotel
from support.money import charge, pay, set_up_rates, stay_money

PROPERTY = """query($id: ID!) { property(id: $id) { name legalName vatNumber phone email
  checkInTime address { line city postalCode country } } }"""
SELLER = {
    "legalName": "Adler Hotel GmbH",
    "address": {"line": "Hauptstr. 1", "city": "Berlin", "postalCode": "10115", "country": "de"},
    "vatNumber": "DE123456789",
    "phone": "+49 30 1234567",
    "email": "Desk@Adler.example",
}


async def test_update_property_sets_the_details_an_invoice_needs(gql):
    hotel = await build_hotel(gql, guests=0)
    payload = await gql.ok(
        "updateProperty",
        {"propertyId": hotel.property_id, "name": "Adler", **SELLER},
        "property { name vatNumber }",
    )
    assert payload["property"] == {"name": "Adler", "vatNumber": "DE123456789"}
    assert (await gql.execute(PROPERTY, {"id": hotel.property_id}))["property"] == {
        "name": "Adler",
        "legalName": "Adler Hotel GmbH",
        "vatNumber": "DE123456789",
        "phone": "+49 30 1234567",
        "email": "desk@adler.example",
        "checkInTime": "15:00:00",
        "address": {
            "line": "Hauptstr. 1",
            "city": "Berlin",
            "postalCode": "10115",
            "country": "DE",
        },
    }


async def test_fields_left_out_stay_and_null_clears_an_optional_one(gql):
    hotel = await build_hotel(gql, guests=0)
    await gql.ok("updateProperty", {"propertyId": hotel.property_id, **SELLER}, "property { id }")
    await gql.ok(
        "updateProperty",
        {"propertyId": hotel.property_id, "phone": None, "checkInTime": "14:00:00"},
        "property { id }",
    )
    data = (await gql.execute(PROPERTY, {"id": hotel.property_id}))["property"]
    assert (data["phone"], data["vatNumber"], data["checkInTime"]) == (
        None,
        "DE123456789",
        "14:00:00",
    )
    assert data["name"] == "Hotel HQ"


async def test_invalid_details_are_user_errors_and_nothing_is_written(gql):
    hotel = await build_hotel(gql, guests=0)
    before = await gql.execute(PROPERTY, {"id": hotel.property_id})
    for field, value, name in (
        ("email", "not-an-email", "email"),
        ("vatNumber", "DE 12%", "vatNumber"),
        ("timezone", "Mars/Olympus", "timezone"),
        ("address", {"country": "Germany"}, "address.country"),
        ("name", "  ", "name"),
    ):
        payload = await gql.mutate(
            "updateProperty",
            {"propertyId": hotel.property_id, "phone": "+1 555 0100", field: value},
            "property { id }",
        )
        assert payload["property"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID_INPUT", name)]
    assert await gql.execute(PROPERTY, {"id": hotel.property_id}) == before


ROOM_TYPE = "roomType { code name maxOccupancy description }"


async def test_update_room_type_changes_code_name_occupancy_and_description(gql):
    hotel = await build_hotel(gql, guests=0)
    payload = await gql.ok(
        "updateRoomType",
        {
            "roomTypeId": hotel.room_types["DBL"],
            "code": "dbl-sea",
            "name": "Double, sea view",
            "maxOccupancy": 3,
            "description": "Balcony",
        },
        ROOM_TYPE,
    )
    assert payload["roomType"] == {
        "code": "DBL-SEA",
        "name": "Double, sea view",
        "maxOccupancy": 3,
        "description": "Balcony",
    }


async def test_a_room_type_code_taken_at_the_property_is_a_conflict(gql):
    hotel = await build_hotel(gql, guests=0)
    payload = await gql.mutate(
        "updateRoomType", {"roomTypeId": hotel.room_types["DBL"], "code": "STE"}, ROOM_TYPE
    )
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("CONFLICT", "code")]


async def test_occupancy_cannot_drop_below_a_booked_stay(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    await book(gql, hotel, day, day + timedelta(days=1), adults=2)
    refused = await gql.mutate(
        "updateRoomType", {"roomTypeId": hotel.room_types["DBL"], "maxOccupancy": 1}, ROOM_TYPE
    )
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("CONFLICT", "maxOccupancy")]
    data = await gql.execute(
        "query($p: ID!) { roomTypes(propertyId: $p) { nodes { code maxOccupancy } } }",
        {"p": hotel.property_id},
    )
    assert {"code": "DBL", "maxOccupancy": 2} in data["roomTypes"]["nodes"]


async def test_the_invoice_names_seller_guest_address_stay_dates_and_room(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    await gql.ok("updateProperty", {"propertyId": hotel.property_id, **SELLER}, "property { id }")
    await gql.ok(
        "updateGuest",
        {
            "guestId": hotel.guests[0],
            "address": {"line": "Elm St 5", "city": "Leeds", "postalCode": "LS1", "country": "GB"},
        },
        "guest { id }",
    )
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    checked_in = await gql.ok("checkIn", {"stayId": stay}, "stay { room { number } }")
    folio_id = (await stay_money(gql, stay))["folios"][0]["id"]
    await charge(gql, {"folioId": folio_id}, "MINIBAR", "10.00")
    await pay(gql, folio_id, "10.00")
    settled = await gql.ok("settleFolio", {"folioId": folio_id}, "folio { invoice { html } }")
    page = settled["folio"]["invoice"]["html"]
    room = checked_in["stay"]["room"]["number"]
    for expected in (
        "Adler Hotel GmbH<br>Hauptstr. 1<br>10115 Berlin<br>DE<br>VAT number: DE123456789",
        "Phone: +49 30 1234567<br>Email: desk@adler.example",
        "To: Guest0 Family0<br>Elm St 5<br>LS1 Leeds<br>GB",
        f"Stay: {day.isoformat()} to {(day + timedelta(days=2)).isoformat()}, room {room}, "
        "guest Guest0 Family0",
    ):
        assert expected in page
