"""The guards on what frontends asked for: what a stay was sold at is money (without
``folios.read``, e.g. housekeeping, ``Stay.sale`` is null while the rest of the stay loads);
changing a property or room type needs ``properties.write`` and stays within the caller's
properties."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import book
from support.money import set_up_rates

QUERY = "query($id: ID!) { stay(id: $id) { status sale { total { amount } } } }"


async def test_housekeeping_sees_the_stay_but_not_what_it_was_sold_at(gql, client_for, hotel_a):
    await set_up_rates(gql, hotel_a)
    day = hotel_a.business_date
    stay = (await book(gql, hotel_a, day, day + timedelta(days=1)))["stay"]["id"]
    desk = await client_for("front_desk")
    housekeeping = await client_for("housekeeping")
    assert (await desk.execute(QUERY, {"id": stay}))["stay"]["sale"] == {
        "total": {"amount": "100.00"}
    }
    assert (await housekeeping.execute(QUERY, {"id": stay}))["stay"] == {
        "status": "BOOKED",
        "sale": None,
    }


async def test_a_property_or_room_type_of_another_hotel_cannot_be_changed(
    gql, client_for, hotel_a, hotel_b
):
    admin_of_a = await client_for("admin", properties=[hotel_a.property_id])
    attempts = [
        ("updateProperty", {"propertyId": hotel_b.property_id, "name": "Taken"}, "propertyId"),
        ("updateRoomType", {"roomTypeId": hotel_b.room_types["DBL"], "name": "X"}, "roomTypeId"),
    ]
    for mutation, values, field in attempts:
        payload = await admin_of_a.mutate(mutation, values, "__typename")
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", field)]
    data = await gql.execute(
        "query($id: ID!) { property(id: $id) { name roomTypes { name } } }",
        {"id": hotel_b.property_id},
    )
    assert data["property"] == {"name": "Hotel B", "roomTypes": [{"name": "Double"}]}


async def test_the_front_desk_cannot_change_a_property(client_for, hotel_a):
    desk = await client_for("front_desk")
    payload = await desk.mutate(
        "updateProperty", {"propertyId": hotel_a.property_id, "name": "Mine"}, "__typename"
    )
    assert [e["code"] for e in payload["errors"]] == ["PERMISSION_DENIED"]
