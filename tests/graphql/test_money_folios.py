"""Folios through the public API: charges, payments, refunds, corrections, routing,
check-out and the mistakes that must come back as UserErrors writing nothing."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import book, build_hotel
from support.money import M, charge, eur, folio, pay, set_up_rates, stay_money


async def _in_house(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2), adults=2))["stay"]
    await gql.ok("checkIn", {"stayId": stay["id"]}, "stay { id }")
    money = await stay_money(gql, stay["id"])
    return hotel, stay["id"], money["folios"][0]["id"]


async def test_booking_opens_the_guest_folio_with_a_zero_balance(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]
    money = await stay_money(gql, stay["id"])
    assert [(f["number"], f["name"], f["status"]) for f in money["folios"]] == [
        (1, "Guest0 Family0", "OPEN")
    ]
    assert money["balance"] == {"amount": "0.00", "currency": "EUR"}


async def test_a_charge_stores_net_tax_and_gross_rounded_per_line(gql):
    hotel, stay_id, _ = await _in_house(gql)
    payload = await charge(gql, {"stayId": stay_id}, "FOOD_BEVERAGE", "3.35", quantity=3)
    assert payload["errors"] == []
    # 3 x 3.35 = 10.05 gross incl. 19 %: tax 10.05 x 19/119 = 1.6046.. -> 1.60
    assert payload["entry"] | {"id": None} == {
        "id": None,
        "kind": "CHARGE",
        "category": "FOOD_BEVERAGE",
        "net": eur("8.45"),
        "tax": eur("1.60"),
        "gross": eur("10.05"),
        "amount": eur("10.05"),
    }
    assert (await stay_money(gql, stay_id))["balance"]["amount"] == "10.05"


async def test_payment_refund_and_correction_keep_the_balance_the_sum_of_entries(gql):
    hotel, stay_id, folio_id = await _in_house(gql)
    wrong = await charge(gql, {"folioId": folio_id}, "MINIBAR", "12.00")
    await charge(gql, {"folioId": folio_id}, "MINIBAR", "8.00")
    paid = await pay(gql, folio_id, "50.00", reference="slip 1")
    refund = await gql.ok(
        "refundPayment",
        {"paymentId": paid["entry"]["id"], "amount": "30.00", "currency": "EUR"},
        f"entry {{ kind amount {M} method refundedEntryId }}",
    )
    assert refund["entry"] == {
        "kind": "REFUND",
        "amount": eur("30.00"),
        "method": "CARD",
        "refundedEntryId": paid["entry"]["id"],
    }
    corrected = await gql.ok(
        "correctEntry",
        {"entryId": wrong["entry"]["id"], "reason": "not consumed"},
        f"entry {{ kind amount {M} gross {M} correctedEntryId }}",
    )
    assert corrected["entry"] == {
        "kind": "CORRECTION",
        "amount": eur("-12.00"),
        "gross": eur("-12.00"),
        "correctedEntryId": wrong["entry"]["id"],
    }
    data = await folio(gql, folio_id)
    assert [e["kind"] for e in data["entries"]] == [
        "CHARGE",
        "CHARGE",
        "PAYMENT",
        "REFUND",
        "CORRECTION",
    ]
    assert data["balance"]["amount"] == "-12.00"  # 12 + 8 - 50 + 30 - 12


async def test_mistakes_are_user_errors_and_write_nothing(gql):
    hotel, stay_id, folio_id = await _in_house(gql)
    paid = await pay(gql, folio_id, "20.00")
    cases = [
        (await pay(gql, folio_id, "10.00", currency="USD"), "currency"),
        (
            await gql.mutate(
                "refundPayment",
                {"paymentId": paid["entry"]["id"], "amount": "20.01", "currency": "EUR"},
                "entry { id }",
            ),
            "amount",
        ),
        (await charge(gql, {"folioId": folio_id}, "SPA", "10.00", quantity=-1), "quantity"),
        (await charge(gql, {"folioId": folio_id}, "SPA", "-10.00"), "unitPrice"),
        (await charge(gql, {"folioId": folio_id}, "SPA", "1.005"), "unitPrice"),
        (await charge(gql, {"folioId": folio_id}, "SPA", "abc"), "unitPrice"),
        (await pay(gql, folio_id, "0"), "amount"),
        (await pay(gql, folio_id, "5", method="CITY_LEDGER"), "method"),
        (await charge(gql, {"folioId": "999999"}, "SPA", "1.00"), "folioId"),
        (await charge(gql, {"folioId": "nope"}, "SPA", "1.00"), "folioId"),
    ]
    for payload, field in cases:
        assert payload["entry"] is None
        assert [e["field"] for e in payload["errors"]] == [field], payload
    data = await folio(gql, folio_id)
    assert [e["kind"] for e in data["entries"]] == ["PAYMENT"]


async def test_a_charge_on_a_checked_out_stay_is_refused(gql):
    hotel, stay_id, folio_id = await _in_house(gql)
    await pay(gql, folio_id, "100.00")  # the day use: leaving on the arrival date
    await gql.ok("checkOut", {"stayId": stay_id}, "stay { id }")
    payload = await charge(gql, {"stayId": stay_id}, "MINIBAR", "4.00")
    assert payload["errors"][0]["code"] == "INVALID_TRANSITION"
    payload = await charge(gql, {"folioId": folio_id}, "MINIBAR", "4.00")
    assert payload["errors"][0]["code"] == "INVALID_TRANSITION"
    entries = (await folio(gql, folio_id))["entries"]
    assert [e["kind"] for e in entries] == ["PAYMENT", "CHARGE"]


async def test_check_out_refuses_an_unsettled_folio_and_then_settles_and_invoices(gql):
    hotel, stay_id, folio_id = await _in_house(gql)
    await charge(gql, {"stayId": stay_id}, "FOOD_BEVERAGE", "21.40")
    refused = await gql.mutate("checkOut", {"stayId": stay_id}, "stay { status }")
    assert refused["stay"] is None
    assert refused["errors"][0]["code"] == "CONFLICT"
    # Leaving on the arrival date is a day use: the first night (100.00) is charged too.
    assert "121.40" in refused["errors"][0]["message"]
    assert (await stay_money(gql, stay_id))["status"] == "CHECKED_IN"
    await pay(gql, folio_id, "121.40", method="CASH")
    await gql.ok("checkOut", {"stayId": stay_id}, "stay { status }")
    data = await folio(gql, folio_id)
    assert data["status"] == "SETTLED"
    assert data["invoice"] | {"id": None} == {
        "id": None,
        "number": 1,
        "net": eur("111.44"),
        "tax": eur("9.96"),
        "gross": eur("121.40"),
        "paid": eur("121.40"),
        "recipient": "Guest0 Family0",
        "taxBreakdown": [
            {"rate": "7", "net": eur("93.46"), "tax": eur("6.54"), "gross": eur("100.00")},
            {"rate": "19", "net": eur("17.98"), "tax": eur("3.42"), "gross": eur("21.40")},
        ],
    }


async def test_split_folio_routes_charges_by_category(gql):
    hotel, stay_id, guest_folio = await _in_house(gql)
    company = await gql.ok(
        "openFolio",
        {"stayId": stay_id, "name": "ACME GmbH", "categories": ["ROOM"]},
        "folio { id number }",
    )
    assert company["folio"]["number"] == 2
    await charge(gql, {"stayId": stay_id}, "ROOM", "100.00")
    await charge(gql, {"stayId": stay_id}, "MINIBAR", "5.00")
    money = await stay_money(gql, stay_id)
    by_number = {f["number"]: f for f in money["folios"]}
    assert [e["category"] for e in by_number[1]["entries"]] == ["MINIBAR"]
    assert [e["category"] for e in by_number[2]["entries"]] == ["ROOM"]
    assert money["balance"]["amount"] == "105.00"


async def test_each_folio_lists_the_categories_routed_to_it(gql):
    hotel, stay_id, guest_folio = await _in_house(gql)
    company = await gql.ok(
        "openFolio",
        {"stayId": stay_id, "name": "ACME GmbH", "categories": ["ROOM", "SPA"]},
        "folio { id routedCategories }",
    )
    assert company["folio"]["routedCategories"] == ["ROOM", "SPA"]
    # Routing SPA back to the guest folio moves that rule; ROOM stays with the company.
    await gql.ok("routeCharges", {"folioId": guest_folio, "categories": ["SPA"]}, "folio { id }")
    data = await gql.execute(
        "query($id: ID!) { stay(id: $id) { folios { number routedCategories } } }", {"id": stay_id}
    )
    routed = {f["number"]: f["routedCategories"] for f in data["stay"]["folios"]}
    assert routed == {1: ["SPA"], 2: ["ROOM"]}


async def test_the_desk_grants_a_goodwill_credit_within_what_the_folio_charged(gql):
    hotel, stay_id, folio_id = await _in_house(gql)
    assert (await charge(gql, {"stayId": stay_id}, "FOOD_BEVERAGE", "50.00"))["errors"] == []
    fields = f"entry {{ kind category net {M} tax {M} gross {M} amount {M} description }}"
    credit = {"stayId": stay_id, "amount": "20.00", "description": "Cold soup"}
    granted = await gql.mutate("postCredit", {**credit, "category": "FOOD_BEVERAGE"}, fields)
    assert granted == {
        "entry": {
            "kind": "CHARGE",
            "category": "FOOD_BEVERAGE",
            "net": eur("-16.81"),
            "tax": eur("-3.19"),
            "gross": eur("-20.00"),
            "amount": eur("-20.00"),
            "description": "Cold soup",
        },
        "errors": [],
    }
    assert (await stay_money(gql, stay_id))["balance"]["amount"] == "30.00"
    too_much = await gql.mutate(
        "postCredit", {**credit, "amount": "30.01", "category": "FOOD_BEVERAGE"}, fields
    )
    assert too_much["entry"] is None
    assert [(e["code"], e["field"]) for e in too_much["errors"]] == [("INVALID_INPUT", "amount")]
    negative = await gql.mutate("postCredit", {**credit, "amount": "-5"}, fields)
    assert negative["errors"][0]["field"] == "amount"
    city_tax = await gql.mutate("postCredit", {**credit, "category": "CITY_TAX"}, fields)
    assert city_tax["errors"][0]["field"] == "category"
    assert (await stay_money(gql, stay_id))["balance"]["amount"] == "30.00"
    assert len((await folio(gql, folio_id))["entries"]) == 2
