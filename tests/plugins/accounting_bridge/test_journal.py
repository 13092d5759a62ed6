"""Every folio movement becomes a balanced journal entry in the same transaction."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from accounting_books import entries, postings
from support.hotel import book, build_hotel
from support.money import charge, set_up_rates, stay_money

D = Decimal


async def _in_house(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2), adults=2))["stay"]
    await gql.ok("checkIn", {"stayId": stay["id"]}, "stay { id }")
    money = await stay_money(gql, stay["id"])
    return hotel, stay["id"], money["folios"][0]["id"]


async def test_a_charge_debits_the_guest_ledger_and_credits_revenue_and_vat(gql):
    hotel, stay_id, folio_id = await _in_house(gql)
    posted = await charge(gql, {"folioId": folio_id}, "FOOD_BEVERAGE", "3.35", quantity=3)
    [entry] = await entries(gql, hotel.property_id, f=folio_id)
    assert entry["sourceType"] == "folio_charge"
    assert entry["folioEntryId"] == posted["entry"]["id"]
    assert entry["stayId"] == stay_id
    assert entry["businessDate"] == hotel.business_date.isoformat()
    assert postings(entry) == {"1200": D("10.05"), "4100": D("-8.45"), "2200-19": D("-1.60")}
