"""``Stay.sale``: what a stay was sold at (nightly prices, rate plan, taxes by rate and
type, total), every amount a Money; the same lines the night audit then posts."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import book, build_hotel
from support.money import night_audit, rate_plan, set_up_rates, stay_money

SALE = """query($id: ID!) { stay(id: $id) { sale {
  ratePlan { code } pricesIncludeTax
  nights { night price { amount currency } }
  roomTotal { amount currency }
  taxes { kind name rate amount { amount currency } included }
  total { amount currency } } } }"""


def eur(amount: str) -> dict:
    return {"amount": amount, "currency": "EUR"}


async def _sold_with_breakfast(gql):
    """Two nights for two adults on a plan 10 % above the 100.00 base rate with breakfast
    (15.00 per adult, food VAT 19 %), room VAT 7 %, city tax 2.50 per person and night."""
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    plan = await rate_plan(
        gql,
        hotel,
        "BB",
        adjustment="10",
        inclusions=[{"name": "Breakfast", "category": "FOOD_BEVERAGE", "amount": "15.00"}],
    )
    await gql.ok(
        "setCityTaxRule",
        {"propertyId": hotel.property_id, "kind": "PER_PERSON_NIGHT", "amount": "2.50"},
        "cityTaxRule { active }",
    )
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2), adults=2, ratePlanId=plan))["stay"]
    return hotel, stay["id"]


async def test_a_stay_shows_its_nightly_prices_taxes_and_total(gql):
    hotel, stay_id = await _sold_with_breakfast(gql)
    sale = (await gql.execute(SALE, {"id": stay_id}))["stay"]["sale"]
    day = hotel.business_date
    assert sale == {
        "ratePlan": {"code": "BB"},
        "pricesIncludeTax": True,
        "nights": [
            {"night": day.isoformat(), "price": eur("110.00")},
            {"night": (day + timedelta(days=1)).isoformat(), "price": eur("110.00")},
        ],
        "roomTotal": eur("220.00"),
        # per night: room 80.00 incl. 7 % = 5.23, breakfast 30.00 incl. 19 % = 4.79
        "taxes": [
            {
                "kind": "VAT",
                "name": "VAT 7 %",
                "rate": "7",
                "amount": eur("10.46"),
                "included": True,
            },
            {
                "kind": "VAT",
                "name": "VAT 19 %",
                "rate": "19",
                "amount": eur("9.58"),
                "included": True,
            },
            {
                "kind": "CITY_TAX",
                "name": "City tax",
                "rate": None,
                "amount": eur("10.00"),
                "included": False,
            },
        ],
        "total": eur("230.00"),
    }


async def test_the_night_audit_posts_what_the_sale_shows(gql):
    hotel, stay_id = await _sold_with_breakfast(gql)
    await gql.ok("checkIn", {"stayId": stay_id}, "stay { id }")
    await night_audit(gql, hotel)
    await night_audit(gql, hotel)
    money = await stay_money(gql, stay_id)
    sale = (await gql.execute(SALE, {"id": stay_id}))["stay"]["sale"]
    assert money["balance"] == sale["total"] == eur("230.00")


async def test_tax_exclusive_prices_add_their_vat_to_the_total(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    await gql.ok(
        "setMoneySettings",
        {"propertyId": hotel.property_id, "pricesIncludeTax": False},
        "pricesIncludeTax",
    )
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]
    sale = (await gql.execute(SALE, {"id": stay["id"]}))["stay"]["sale"]
    assert sale["ratePlan"] is None and sale["pricesIncludeTax"] is False
    assert sale["taxes"] == [
        {"kind": "VAT", "name": "VAT 7 %", "rate": "7", "amount": eur("7.00"), "included": False}
    ]
    assert (sale["roomTotal"], sale["total"]) == (eur("100.00"), eur("107.00"))


async def test_a_stay_booked_without_prices_has_no_sale(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]
    assert (await gql.execute(SALE, {"id": stay["id"]}))["stay"] == {"sale": None}
