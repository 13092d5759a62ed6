"""Rates through the public API: quotes night by night, rate plans, the prices a booking
keeps, cancellation within and after the free period, and bad input as UserErrors."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import book, build_hotel
from support.money import eur, rate_plan, set_up_rates, stay_money

QUOTE = """query($p: ID!, $t: ID!, $a: Date!, $d: Date!, $r: ID, $n: Int! = 1) {
  quote(propertyId: $p, roomTypeId: $t, arrival: $a, departure: $d, ratePlanId: $r,
        adults: $n) {
    errors { code field } quote { currency total { amount currency }
    nights { night rate { amount currency } price { amount currency } } } } }"""


async def _quote(gql, hotel, arrival, departure, plan=None, adults=1):
    data = await gql.execute(
        QUOTE,
        {
            "p": hotel.property_id,
            "t": hotel.room_types["DBL"],
            "a": str(arrival),
            "d": str(departure),
            "r": plan,
            "n": adults,
        },
    )
    return data["quote"]


async def test_quote_prices_each_night_from_calendar_or_base_rate_and_the_plan(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel, double="99.99")
    day = hotel.business_date
    await gql.ok(
        "setCalendarRate",
        {
            "roomTypeId": hotel.room_types["DBL"],
            "start": str(day + timedelta(days=1)),
            "end": str(day + timedelta(days=2)),
            "amount": "150",
        },
        "nights",
    )
    plan = await rate_plan(gql, hotel, "SAVE", adjustment="-15")
    result = await _quote(gql, hotel, day, day + timedelta(days=3), plan)
    assert result["errors"] == []
    assert result["quote"] == {
        "currency": "EUR",
        "total": eur("297.48"),
        "nights": [
            {"night": str(day), "rate": eur("99.99"), "price": eur("84.99")},  # 84.9915 -> 84.99
            {"night": str(day + timedelta(days=1)), "rate": eur("150.00"), "price": eur("127.50")},
            {"night": str(day + timedelta(days=2)), "rate": eur("99.99"), "price": eur("84.99")},
        ],
    }


async def test_quote_answers_bad_arguments_with_errors(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    no_rate = await _quote(gql, hotel, day, day + timedelta(days=1))
    assert no_rate == {"errors": [{"code": "CONFLICT", "field": "roomTypeId"}], "quote": None}
    await set_up_rates(gql, hotel)
    backwards = await _quote(gql, hotel, day, day - timedelta(days=1))
    assert backwards["errors"][0]["field"] == "departure"
    unknown_plan = await _quote(gql, hotel, day, day + timedelta(days=1), plan="424242")
    assert unknown_plan["errors"] == [{"code": "NOT_FOUND", "field": "ratePlanId"}]
    many = await _quote(gql, hotel, day, day + timedelta(days=1), adults=0)
    assert many["errors"][0]["field"] == "adults"


async def test_rate_plan_mistakes_are_user_errors(gql):
    hotel = await build_hotel(gql)
    base = {"propertyId": hotel.property_id, "name": "X"}
    cases = [
        ({"code": "A", "adjustment": "-101"}, "adjustment"),
        ({"code": "B", "adjustmentKind": "AMOUNT", "adjustment": "1.234"}, "adjustment"),
        ({"code": "C", "cancellationFreeDays": -1}, "cancellationFreeDays"),
        ({"code": "D", "noShowFeePercent": "150"}, "noShowFeePercent"),
        (
            {"code": "E", "inclusions": [{"name": "Bf", "category": "ROOM", "amount": "5"}]},
            "inclusions.category",
        ),
    ]
    for fields, field in cases:
        payload = await gql.mutate("createRatePlan", {**base, **fields}, "ratePlan { id }")
        assert [e["field"] for e in payload["errors"]] == [field], fields
    await rate_plan(gql, hotel, "OK")
    twice = await gql.mutate("createRatePlan", {**base, "code": "ok"}, "ratePlan { id }")
    assert twice["errors"][0]["field"] == "code"
    plans = await gql.execute(
        "query($p: ID!) { ratePlans(propertyId: $p) { code } }", {"p": hotel.property_id}
    )
    assert plans["ratePlans"] == [{"code": "OK"}]


async def test_a_booking_keeps_its_prices_and_an_extension_is_priced_now(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    await gql.ok(
        "setBaseRate",
        {"roomTypeId": hotel.room_types["DBL"], "amount": "120"},
        "baseRate { amount { amount } }",
    )
    await gql.ok(
        "modifyStay", {"stayId": stay, "departure": str(day + timedelta(days=3))}, "stay { id }"
    )
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    for _ in range(3):
        await gql.ok("runNightAudit", {"propertyId": hotel.property_id}, "report { roomsSold }")
    money = await stay_money(gql, stay)
    rooms = [e["gross"]["amount"] for e in money["folios"][0]["entries"] if e["category"] == "ROOM"]
    assert rooms == ["100.00", "100.00", "120.00"]


async def test_cancellation_is_free_before_the_deadline_and_costs_the_fee_after(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    plan = await rate_plan(
        gql,
        hotel,
        "FLEX",
        cancellationFreeDays=2,
        cancellationFeeKind="PERCENT",
        cancellationFeePercent="50",
    )
    early = (
        await book(gql, hotel, day + timedelta(days=2), day + timedelta(days=4), ratePlanId=plan)
    )["stay"]["id"]
    late = (
        await book(
            gql, hotel, day + timedelta(days=1), day + timedelta(days=4), ratePlanId=plan, guest=1
        )
    )["stay"]["id"]
    for stay in (early, late):
        await gql.ok("cancelStay", {"stayId": stay}, "stay { status }")
    assert (await stay_money(gql, early))["balance"]["amount"] == "0.00"
    late_money = await stay_money(gql, late)
    assert late_money["balance"]["amount"] == "150.00"  # 50 % of 3 x 100
    assert [e["description"] for e in late_money["folios"][0]["entries"]] == [
        "Cancellation fee (FLEX)"
    ]
