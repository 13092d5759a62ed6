"""Money objects are scoped like stays: a caller limited to hotel A cannot read or change a
folio, payment, entry, invoice, rate plan or city-ledger account of hotel B by its id. The
caller here is an admin of hotel A, so only the property scope can refuse."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support.hotel import Hotel, book
from support.money import charge, pay, rate_plan, stay_money

HOTEL_B_MONEY = """query($stay: ID!, $plan: ID!, $account: ID!) {
  stay(id: $stay) { balance { amount } folios { status entries { kind amount { amount } } } }
  ratePlan(id: $plan) { active }
  cityLedgerAccount(id: $account) { balance { amount } entries { amount { amount } } } }"""


@pytest.fixture
async def money_of_b(gql, hotel_b: Hotel) -> dict[str, str]:
    """Ids of hotel B's money objects: a settled folio with its invoice, charge and payment,
    an open folio, a rate plan and a city-ledger account."""
    day = hotel_b.business_date
    stay = (await book(gql, hotel_b, day, day + timedelta(days=1)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    folio = (await stay_money(gql, stay))["folios"][0]["id"]
    charged = (await charge(gql, {"folioId": folio}, "MINIBAR", "20.00"))["entry"]["id"]
    paid = (await pay(gql, folio, "20.00"))["entry"]["id"]
    settled = await gql.ok("settleFolio", {"folioId": folio}, "folio { invoice { id } }")
    extras = await gql.ok("openFolio", {"stayId": stay, "name": "Extras"}, "folio { id }")
    account = await gql.ok(
        "createCityLedgerAccount",
        {"propertyId": hotel_b.property_id, "code": "ACME", "name": "Acme", "creditLimit": "900"},
        "account { id }",
    )
    return {
        "stay": stay,
        "folio": folio,
        "charge": charged,
        "payment": paid,
        "invoice": settled["folio"]["invoice"]["id"],
        "openFolio": extras["folio"]["id"],
        "account": account["account"]["id"],
        "plan": await rate_plan(gql, hotel_b, "FLEX"),
    }


async def test_money_of_another_hotel_reads_as_if_it_did_not_exist(client_for, hotel_a, money_of_b):
    admin_of_a = await client_for("admin", properties=[hotel_a.property_id])
    data = await admin_of_a.execute(
        """query($folio: ID!, $invoice: ID!, $plan: ID!, $account: ID!) {
          folio(id: $folio) { id } invoice(id: $invoice) { id } ratePlan(id: $plan) { id }
          cityLedgerAccount(id: $account) { id } }""",
        {k: money_of_b[k] for k in ("folio", "invoice", "plan", "account")},
    )
    assert data == {"folio": None, "invoice": None, "ratePlan": None, "cityLedgerAccount": None}
    quote = await admin_of_a.execute(
        """query($p: ID!, $t: ID!, $plan: ID!) { quote(propertyId: $p, roomTypeId: $t,
          arrival: "2026-11-23", departure: "2026-11-24", ratePlanId: $plan) {
          quote { total { amount } } errors { code field } } }""",
        {"p": hotel_a.property_id, "t": hotel_a.room_types["DBL"], "plan": money_of_b["plan"]},
    )
    assert quote["quote"] == {
        "quote": None,
        "errors": [{"code": "NOT_FOUND", "field": "ratePlanId"}],
    }


async def test_money_of_another_hotel_cannot_be_changed_and_nothing_is_written(
    gql, client_for, hotel_a, money_of_b
):
    day = hotel_a.business_date
    own_stay = (await book(gql, hotel_a, day, day + timedelta(days=1)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": own_stay}, "stay { id }")
    await charge(gql, {"stayId": own_stay}, "MINIBAR", "10.00")
    own_folio = (await stay_money(gql, own_stay))["folios"][0]["id"]
    b = money_of_b
    variables = {"stay": b["stay"], "plan": b["plan"], "account": b["account"]}
    before = await gql.execute(HOTEL_B_MONEY, variables)
    payment = {"amount": "5.00", "currency": "EUR", "method": "CASH"}
    attempts = [
        (
            "postCharge",
            "folioId",
            {
                "folioId": b["openFolio"],
                "category": "MINIBAR",
                "description": "x",
                "unitPrice": "5.00",
            },
        ),
        ("recordPayment", "folioId", {"folioId": b["openFolio"], **payment}),
        ("routeCharges", "folioId", {"folioId": b["openFolio"], "categories": ["SPA"]}),
        ("settleFolio", "folioId", {"folioId": b["openFolio"]}),
        (
            "refundPayment",
            "paymentId",
            {"paymentId": b["payment"], "amount": "1.00", "currency": "EUR"},
        ),
        ("correctEntry", "entryId", {"entryId": b["charge"], "reason": "x"}),
        ("setRatePlanActive", "ratePlanId", {"ratePlanId": b["plan"], "active": False}),
        ("recordCityLedgerPayment", "accountId", {"accountId": b["account"], **payment}),
        (
            "transferFolioToCityLedger",
            "accountId",
            {"folioId": own_folio, "accountId": b["account"]},
        ),
        ("openFolio", "accountId", {"stayId": own_stay, "name": "x", "accountId": b["account"]}),
        (
            "bookStay",
            "ratePlanId",
            {
                "propertyId": hotel_a.property_id,
                "roomTypeId": hotel_a.room_types["DBL"],
                "guestId": hotel_a.guests[1],
                "arrival": day.isoformat(),
                "departure": (day + timedelta(days=1)).isoformat(),
                "ratePlanId": b["plan"],
            },
        ),
    ]
    admin_of_a = await client_for("admin", properties=[hotel_a.property_id])
    answers = {}
    for mutation, _field, values in attempts:
        payload = await admin_of_a.mutate(mutation, values, "__typename")
        answers[mutation] = [(e["code"], e["field"]) for e in payload["errors"]]
    assert answers == {mutation: [("NOT_FOUND", field)] for mutation, field, _ in attempts}
    assert await gql.execute(HOTEL_B_MONEY, variables) == before
    own = await stay_money(gql, own_stay)
    assert [f["status"] for f in own["folios"]] == ["OPEN"]
    assert own["balance"]["amount"] == "10.00"
