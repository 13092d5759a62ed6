"""Date of birth, identity document, address and notes need guests.pii.read: without it they
are null and the rest of the guest still loads."""

from __future__ import annotations

GUEST = """query($id: ID!) { guest(id: $id) { fullName email dateOfBirth notes
  identityDocument { type number } address { city } } }"""


async def _private_guest(gql, hotel) -> str:
    payload = await gql.ok(
        "createGuest",
        {
            "propertyId": hotel.property_id,
            "firstName": "Ida",
            "lastName": "Private",
            "email": "ida@example.org",
            "dateOfBirth": "1980-05-01",
            "notes": "prefers room 7",
            "identityDocument": {"type": "passport", "number": "X1234567"},
            "address": {"line": "Hauptstr. 1", "city": "Berlin", "country": "DE"},
        },
        "guest { id }",
    )
    return payload["guest"]["id"]


async def test_the_concierge_sees_the_name_but_not_the_passport(gql, client_for, hotel_a):
    guest_id = await _private_guest(gql, hotel_a)
    concierge = await client_for("concierge")
    data = await concierge.execute(GUEST, {"id": guest_id})
    assert data["guest"] == {
        "fullName": "Ida Private",
        "email": "ida@example.org",
        "dateOfBirth": None,
        "notes": None,
        "identityDocument": None,
        "address": None,
    }


async def test_the_front_desk_sees_the_private_fields(gql, client_for, hotel_a):
    guest_id = await _private_guest(gql, hotel_a)
    clerk = await client_for("front_desk")
    data = await clerk.execute(GUEST, {"id": guest_id})
    assert data["guest"]["dateOfBirth"] == "1980-05-01"
    assert data["guest"]["identityDocument"] == {"type": "passport", "number": "X1234567"}
    assert data["guest"]["address"] == {"city": "Berlin"}
    assert data["guest"]["notes"] == "prefers room 7"


async def test_an_explicit_permission_grant_unlocks_the_fields(gql, client_for, hotel_a):
    guest_id = await _private_guest(gql, hotel_a)
    auditor = await client_for(permissions=["guests.read", "guests.pii.read"])
    data = await auditor.execute(GUEST, {"id": guest_id})
    assert data["guest"]["dateOfBirth"] == "1980-05-01"


async def test_housekeeping_cannot_list_guests_at_all(client_for, hotel_a):
    housekeeping = await client_for("housekeeping")
    body = (await housekeeping.raw("{ guests { nodes { fullName } } }")).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
