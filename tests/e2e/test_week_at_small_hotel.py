"""A realistic week at a small hotel, entirely through GraphQL, checked to the cent.

Four rooms (three doubles, one suite), VAT 7 % on rooms and 19 % on food, city tax 2.50 per
adult and night (children under 12 and business travellers exempt), a night audit every
night. Five stays:

* A: breakfast package (BB, 125 a night of which 2 x 12.50 breakfast), deposit, extras;
* B: a company stay, room on a company folio transferred to the city ledger, paid later;
* C: non-refundable (NR, -10 %) that never arrives: no-show fee of the whole stay;
* D: flexible (FLEX) cancelled inside its free period's end: the first night as a fee;
* E: an over-paid deposit refunded at check-out and a minibar mistake corrected.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from support.hotel import book, build_hotel
from support.money import (
    REPORT,
    M,
    charge,
    eur,
    night_audit,
    pay,
    rate_plan,
    set_up_rates,
    stay_money,
)

from frontdesk.testing import BUILTIN_PLUGINS

ACCOUNT = f"""query($id: ID!) {{ cityLedgerAccount(id: $id) {{ balance {{ amount }}
  entries {{ kind amount {M} method }}
  ageing {{ current {M} days30 {M} days60 {M} days90Plus {M} total {M} }} }} }}"""
INVOICES = f"""query($p: ID!) {{ invoices(propertyId: $p) {{ nodes {{ id number recipient net {M}
  tax {M} gross {M} paid {M} taxBreakdown {{ rate net {M} tax {M} gross {M} }} }} }} }}"""


@pytest.fixture(params=[[], BUILTIN_PLUGINS], ids=["core-alone", "all-plugins"])
def enabled_plugins(request):
    """The week runs on core alone and beside every plugin (the accounting bridge records
    each movement in the same transactions)."""
    return request.param


def _folios(money: dict) -> dict[int, dict]:
    return {f["number"]: f for f in money["folios"]}


def _lines(folio: dict) -> list[tuple]:
    return [
        (e["kind"], e["category"], e["gross"]["amount"], e["amount"]["amount"])
        for e in folio["entries"]
    ]


async def test_a_week_at_a_small_hotel(gql):
    hotel = await build_hotel(gql, guests=5)
    d = [hotel.business_date + timedelta(days=i) for i in range(7)]
    pid = hotel.property_id
    await set_up_rates(gql, hotel)
    await gql.ok(
        "setCalendarRate",
        {
            "roomTypeId": hotel.room_types["DBL"],
            "start": str(d[4]),
            "end": str(d[6]),
            "amount": "140.00",
        },
        "nights",
    )
    await gql.ok(
        "setCityTaxRule",
        {
            "propertyId": pid,
            "kind": "PER_PERSON_NIGHT",
            "amount": "2.50",
            "childExemptionAge": 12,
            "businessExempt": True,
        },
        "cityTaxRule { amount }",
    )
    bar = await rate_plan(gql, hotel, "BAR", cancellationFreeDays=1)
    bb = await rate_plan(
        gql,
        hotel,
        "BB",
        adjustmentKind="AMOUNT",
        adjustment="25",
        cancellationFreeDays=1,
        inclusions=[{"name": "Breakfast", "category": "FOOD_BEVERAGE", "amount": "12.50"}],
    )
    nr = await rate_plan(
        gql,
        hotel,
        "NR",
        adjustment="-10",
        cancellationFreeDays=365,
        cancellationFeeKind="PERCENT",
        cancellationFeePercent="100",
        noShowFeeKind="PERCENT",
        noShowFeePercent="100",
    )
    flex = await rate_plan(gql, hotel, "FLEX", cancellationFreeDays=3)
    acme = (
        await gql.ok(
            "createCityLedgerAccount",
            {"propertyId": pid, "code": "ACME", "name": "ACME GmbH", "creditLimit": "1000.00"},
            "account { id }",
        )
    )["account"]["id"]

    # --- day 0: bookings, a deposit, two arrivals -------------------------------------
    quote = await gql.execute(
        """query($p: ID!, $t: ID!, $a: Date!, $d: Date!, $r: ID) { quote(propertyId: $p,
        roomTypeId: $t, arrival: $a, departure: $d, ratePlanId: $r, adults: 2) {
        errors { code } quote { total { amount } roomTotal { amount }
        nights { night price { amount } } } } }""",
        {"p": pid, "t": hotel.room_types["DBL"], "a": str(d[0]), "d": str(d[3]), "r": bb},
    )
    assert quote["quote"]["quote"]["roomTotal"]["amount"] == "375.00"
    assert quote["quote"]["quote"]["total"]["amount"] == "390.00"  # city tax 2 x 3 x 2.50
    assert {n["price"]["amount"] for n in quote["quote"]["quote"]["nights"]} == {"125.00"}

    a = (await book(gql, hotel, d[0], d[3], guest=0, adults=2, ratePlanId=bb))["stay"]["id"]
    b = (await book(gql, hotel, d[0], d[2], guest=1, ratePlanId=bar, businessTravel=True))["stay"][
        "id"
    ]
    c = (await book(gql, hotel, d[1], d[3], room_type="STE", guest=2, adults=2, ratePlanId=nr))[
        "stay"
    ]["id"]
    dd = (await book(gql, hotel, d[4], d[6], guest=3, ratePlanId=flex))["stay"]["id"]
    e = (await book(gql, hotel, d[3], d[5], guest=4, children=1, ratePlanId=bar))["stay"]["id"]
    folio_a = _folios(await stay_money(gql, a))[1]["id"]
    assert (await pay(gql, folio_a, "100.00", method="CASH"))["errors"] == []
    for stay in (a, b):
        await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    company = (
        await gql.ok(
            "openFolio",
            {"stayId": b, "name": "ACME GmbH", "accountId": acme, "categories": ["ROOM"]},
            "folio { id }",
        )
    )["folio"]["id"]
    await charge(gql, {"stayId": b}, "FOOD_BEVERAGE", "23.80", description="Dinner")
    report = await night_audit(gql, hotel)
    assert report | {"revenueByCategory": None, "paymentsByMethod": None} == {
        "businessDate": str(d[0]),
        "status": "completed",
        "currency": "EUR",
        "roomsSold": 2,
        "roomsAvailable": 4,
        "occupancyPercent": "50.00",
        "roomRevenue": eur("186.92"),
        "adr": eur("93.46"),
        "revpar": eur("46.73"),
        "noShows": 0,
        "revenueByCategory": None,
        "paymentsByMethod": None,
    }
    assert report["revenueByCategory"] == [
        {"category": "CITY_TAX", "net": eur("5.00"), "gross": eur("5.00")},
        {"category": "FOOD_BEVERAGE", "net": eur("41.01"), "gross": eur("48.80")},
        {"category": "ROOM", "net": eur("186.92"), "gross": eur("200.00")},
    ]
    assert report["paymentsByMethod"] == [{"method": "CASH", "amount": eur("100.00")}]

    # --- day 1: a rate change (bookings keep their prices), extras, a no-show ----------
    await gql.ok(
        "setBaseRate",
        {"roomTypeId": hotel.room_types["DBL"], "amount": "110.00"},
        "baseRate { amount { amount } }",
    )
    await charge(gql, {"stayId": a}, "MINIBAR", "4.50", quantity=2, description="Water")
    await charge(gql, {"stayId": a}, "FOOD_BEVERAGE", "38.20", description="Restaurant")
    report = await night_audit(gql, hotel)
    assert (report["roomsSold"], report["noShows"], report["roomRevenue"]["amount"]) == (
        2,
        1,
        "186.92",
    )
    assert {"category": "FEE", "net": eur("360.00"), "gross": eur("360.00")} in report[
        "revenueByCategory"
    ]

    # --- day 2: fees paid, a late cancellation, a deposit, the company stay leaves ------
    folio_c = _folios(await stay_money(gql, c))[1]
    assert (await stay_money(gql, c))["status"] == "NO_SHOW"
    assert _lines(folio_c) == [("CHARGE", "FEE", "360.00", "360.00")]
    await pay(gql, folio_c["id"], "360.00")
    await gql.ok("settleFolio", {"folioId": folio_c["id"]}, "folio { status }")
    await gql.ok("cancelStay", {"stayId": dd, "reason": "plans changed"}, "stay { status }")
    folio_d = _folios(await stay_money(gql, dd))[1]
    assert _lines(folio_d) == [("CHARGE", "FEE", "140.00", "140.00")]
    await pay(gql, folio_d["id"], "140.00")
    await gql.ok("settleFolio", {"folioId": folio_d["id"]}, "folio { status }")
    folio_e = _folios(await stay_money(gql, e))[1]["id"]
    deposit = (await pay(gql, folio_e, "400.00", reference="pre-auth 77"))["entry"]["id"]

    money_b = _folios(await stay_money(gql, b))
    assert _lines(money_b[2]) == [("CHARGE", "ROOM", "100.00", "100.00")] * 2
    assert _lines(money_b[1]) == [("CHARGE", "FOOD_BEVERAGE", "23.80", "23.80")]
    await gql.ok(
        "transferFolioToCityLedger", {"folioId": company, "accountId": acme}, "folio { status }"
    )
    await pay(gql, money_b[1]["id"], "23.80", method="CASH")
    await gql.ok("checkOut", {"stayId": b}, "stay { status }")
    report = await night_audit(gql, hotel)
    assert (report["roomsSold"], report["occupancyPercent"], report["revpar"]["amount"]) == (
        1,
        "25.00",
        "23.37",
    )
    assert report["paymentsByMethod"] == [
        {"method": "CARD", "amount": eur("900.00")},
        {"method": "CASH", "amount": eur("23.80")},
    ]

    # --- day 3: A leaves, E arrives and a minibar mistake is corrected -------------------
    money_a = await stay_money(gql, a)
    assert money_a["balance"]["amount"] == "337.20"  # 437.20 charged less the 100.00 deposit
    refused = await gql.mutate("checkOut", {"stayId": a}, "stay { status }")
    assert refused["errors"][0]["code"] == "CONFLICT"
    await pay(gql, folio_a, "337.20")
    await gql.ok("checkOut", {"stayId": a}, "stay { status }")
    await gql.ok("checkIn", {"stayId": e}, "stay { id }")
    wrong = await charge(gql, {"stayId": e}, "MINIBAR", "4.50", quantity=3)
    await gql.ok(
        "correctEntry", {"entryId": wrong["entry"]["id"], "reason": "other room"}, "entry { id }"
    )
    await night_audit(gql, hotel)
    await night_audit(gql, hotel)  # day 4

    # --- day 5: E leaves with a refund, ACME pays -----------------------------------------
    assert (await stay_money(gql, e))["balance"]["amount"] == "-155.00"
    too_much = await gql.mutate(
        "refundPayment",
        {"paymentId": deposit, "amount": "400.01", "currency": "EUR"},
        "entry { id }",
    )
    assert too_much["errors"][0]["field"] == "amount"
    await gql.ok(
        "refundPayment",
        {"paymentId": deposit, "amount": "155.00", "currency": "EUR"},
        "entry { id }",
    )
    await gql.ok("checkOut", {"stayId": e}, "stay { status }")
    before = await gql.execute(ACCOUNT, {"id": acme})
    assert before["cityLedgerAccount"]["ageing"] == {
        "current": eur("200.00"),
        "days30": eur("0.00"),
        "days60": eur("0.00"),
        "days90Plus": eur("0.00"),
        "total": eur("200.00"),
    }
    await gql.ok(
        "recordCityLedgerPayment",
        {"accountId": acme, "amount": "200.00", "currency": "EUR", "method": "BANK_TRANSFER"},
        "entry { id }",
    )
    report = await night_audit(gql, hotel)
    assert report["paymentsByMethod"] == [
        {"method": "BANK_TRANSFER", "amount": eur("200.00")},
        {"method": "CARD", "amount": eur("-155.00")},
    ]

    # --- the books at the end of the week ----------------------------------------------------
    account = (await gql.execute(ACCOUNT, {"id": acme}))["cityLedgerAccount"]
    assert account["balance"]["amount"] == "0.00"
    assert [(x["kind"], x["amount"]["amount"]) for x in account["entries"]] == [
        ("transfer", "200.00"),
        ("payment", "-200.00"),
    ]

    final_a = _folios(await stay_money(gql, a))[1]
    assert final_a["status"] == "SETTLED" and final_a["balance"]["amount"] == "0.00"
    assert sorted(_lines(final_a)) == sorted(
        [("CHARGE", "FOOD_BEVERAGE", "25.00", "25.00")] * 3
        + [("CHARGE", "ROOM", "100.00", "100.00")] * 3
        + [("CHARGE", "CITY_TAX", "5.00", "5.00")] * 3
        + [
            ("CHARGE", "MINIBAR", "9.00", "9.00"),
            ("CHARGE", "FOOD_BEVERAGE", "38.20", "38.20"),
            ("PAYMENT", None, "0.00", "-100.00"),
            ("PAYMENT", None, "0.00", "-337.20"),
        ]
    )
    final_e = _folios(await stay_money(gql, e))[1]
    assert [e_["night"] for e_ in final_e["entries"] if e_["category"] == "ROOM"] == [
        str(d[3]),
        str(d[4]),
    ]
    assert [e_["gross"]["amount"] for e_ in final_e["entries"] if e_["category"] == "ROOM"] == [
        "100.00",
        "140.00",
    ]  # booked before the rate change; the calendar price on day 4

    invoices = (await gql.execute(INVOICES, {"p": pid}))["invoices"]["nodes"]
    by_recipient = {i["recipient"]: i for i in invoices}
    assert sorted(i["number"] for i in invoices) == [1, 2, 3, 4, 5, 6]  # gapless
    assert by_recipient["Guest0 Family0"] | {"id": None, "number": None} == {
        "id": None,
        "number": None,
        "recipient": "Guest0 Family0",
        "net": eur("398.07"),
        "tax": eur("39.13"),
        "gross": eur("437.20"),
        "paid": eur("437.20"),
        "taxBreakdown": [
            {"rate": "0", "net": eur("15.00"), "tax": eur("0.00"), "gross": eur("15.00")},
            {"rate": "7", "net": eur("280.38"), "tax": eur("19.62"), "gross": eur("300.00")},
            {"rate": "19", "net": eur("102.69"), "tax": eur("19.51"), "gross": eur("122.20")},
        ],
    }
    assert by_recipient["ACME GmbH"]["gross"] == eur("200.00")
    assert by_recipient["ACME GmbH"]["taxBreakdown"] == [
        {"rate": "7", "net": eur("186.92"), "tax": eur("13.08"), "gross": eur("200.00")}
    ]
    assert by_recipient["Guest4 Family4"] | {"id": None, "number": None} == {
        "id": None,
        "number": None,
        "recipient": "Guest4 Family4",
        "net": eur("229.30"),
        "tax": eur("15.70"),
        "gross": eur("245.00"),
        "paid": eur("245.00"),
        "taxBreakdown": [
            {"rate": "0", "net": eur("5.00"), "tax": eur("0.00"), "gross": eur("5.00")},
            {"rate": "7", "net": eur("224.30"), "tax": eur("15.70"), "gross": eur("240.00")},
            {"rate": "19", "net": eur("0.00"), "tax": eur("0.00"), "gross": eur("0.00")},
        ],
    }
    for invoice in invoices:
        total = sum((Decimal(t["gross"]["amount"]) for t in invoice["taxBreakdown"]), Decimal(0))
        net, tax, gross = (Decimal(invoice[k]["amount"]) for k in ("net", "tax", "gross"))
        assert net + tax == gross == total
    page = await gql.execute(
        "query($id: ID!) { invoice(id: $id) { html } }",
        {"id": by_recipient["Guest0 Family0"]["id"]},
    )
    assert "437.20" in page["invoice"]["html"] and "<h2>Invoice" in page["invoice"]["html"]
    again = await gql.ok("runNightAudit", {"propertyId": pid, "businessDate": str(d[0])}, REPORT)
    assert again["report"]["roomRevenue"] == eur("186.92")  # a closed date: its report, nothing new
