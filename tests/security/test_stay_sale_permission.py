"""What a stay was sold at is money: without ``folios.read`` (housekeeping) ``Stay.sale`` is
null while the rest of the stay loads."""

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
