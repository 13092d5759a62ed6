"""Complaints close with a resolution note; a goodwill credit must reach the folio (and, with
the accounting bridge, the journal) in the same transaction or the complaint stays open."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from support.hotel import book, build_hotel
from support.money import charge, eur, pay, set_up_rates, stay_money

from frontdesk.plugins.concierge import billing

SELECTION = (
    "request { id status resolutionNote goodwillAmount { amount currency } history { kind note } }"
)
JOURNAL = """query($p: ID!, $f: ID) { accountingJournalEntries(propertyId: $p, folioId: $f) {
  nodes { folioEntryId postings { accountCode amount { amount } } } } }"""
TRIAL = "query($p: ID!) { accountingTrialBalance(propertyId: $p) { balanced } }"


async def _complaint(gql) -> tuple[str, str]:
    hotel = await build_hotel(gql)
    day = hotel.business_date
    stay_id = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay_id}, "stay { id }")
    created = await gql.ok(
        "createConciergeRequest",
        {
            "propertyId": hotel.property_id,
            "stayId": stay_id,
            "type": "COMPLAINT",
            "description": "Noisy air conditioning",
            "priority": "HIGH",
        },
        "request { id }",
    )
    return stay_id, created["request"]["id"]


async def test_a_complaint_is_closed_by_its_resolution(gql):
    _stay, complaint = await _complaint(gql)
    closing = await gql.mutate(
        "setConciergeRequestStatus",
        {"requestId": complaint, "status": "IN_PROGRESS"},
        "request { status }",
    )
    assert closing["errors"] == []
    resolved = await gql.ok(
        "resolveConciergeComplaint",
        {"requestId": complaint, "resolutionNote": "Unit replaced"},
        SELECTION,
    )
    request = resolved["request"]
    assert (request["status"], request["resolutionNote"]) == ("DONE", "Unit replaced")
    assert request["history"][-1] == {"kind": "resolution", "note": "Unit replaced"}


async def test_a_complaint_cannot_be_marked_done_without_a_resolution(gql):
    _stay, complaint = await _complaint(gql)
    await gql.ok(
        "setConciergeRequestStatus",
        {"requestId": complaint, "status": "IN_PROGRESS"},
        "request { id }",
    )
    refused = await gql.mutate(
        "setConciergeRequestStatus", {"requestId": complaint, "status": "DONE"}, "request { id }"
    )
    assert refused["errors"][0]["field"] == "status"


@pytest.mark.parametrize("amount", ["0", "-5", "12.345", "1e9"])
async def test_a_goodwill_amount_must_be_a_positive_sum_of_money(gql, amount):
    _stay, complaint = await _complaint(gql)
    refused = await gql.mutate(
        "resolveConciergeComplaint",
        {"requestId": complaint, "resolutionNote": "Sorry", "goodwillAmount": amount},
        SELECTION,
    )
    assert refused["errors"][0]["field"] == "goodwillAmount"


async def _charged_complaint(gql, food: str = "50.00") -> tuple[str, str, str]:
    """A complaint on an in-house stay whose guest folio holds ``food`` of food and drink;
    VAT as in Germany (19 % on food and on other), prices include tax."""
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    stay_id = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay_id}, "stay { id }")
    posted = await charge(gql, {"stayId": stay_id}, "FOOD_BEVERAGE", food, description="Dinner")
    assert posted["errors"] == []
    created = await gql.ok(
        "createConciergeRequest",
        {"propertyId": hotel.property_id, "stayId": stay_id, "type": "COMPLAINT"},
        "request { id }",
    )
    return hotel.property_id, stay_id, created["request"]["id"]


def _guest_folio(money: dict) -> dict:
    return next(f for f in money["folios"] if f["number"] == 1)


async def test_a_goodwill_credit_lowers_the_guest_folio_with_the_resolution(gql, enabled_plugins):
    property_id, stay_id, complaint = await _charged_complaint(gql)
    resolved = await gql.ok(
        "resolveConciergeComplaint",
        {"requestId": complaint, "resolutionNote": "Cold soup", "goodwillAmount": "20.00"},
        SELECTION,
    )
    request = resolved["request"]
    assert (request["status"], request["goodwillAmount"]) == ("DONE", eur("20.00"))
    assert request["history"][-2]["kind"] == "goodwill"
    folio = _guest_folio(await stay_money(gql, stay_id))
    credit = folio["entries"][-1]
    assert (credit["kind"], credit["category"]) == ("CHARGE", "OTHER")
    assert credit["description"] == f"Goodwill credit (complaint #{complaint})"
    assert (credit["net"], credit["tax"], credit["gross"], credit["amount"]) == (
        eur("-16.81"),
        eur("-3.19"),
        eur("-20.00"),
        eur("-20.00"),
    )
    assert folio["balance"]["amount"] == "30.00"
    if (
        "accounting_bridge" in enabled_plugins
    ):  # the accounting bridge journals it in the same transaction
        journal = await gql.execute(JOURNAL, {"p": property_id, "f": folio["id"]})
        [entry] = [
            e
            for e in journal["accountingJournalEntries"]["nodes"]
            if e["folioEntryId"] == credit["id"]
        ]
        lines = {p["accountCode"]: Decimal(p["amount"]["amount"]) for p in entry["postings"]}
        assert lines == {
            "1200": Decimal("-20.00"),
            "4800": Decimal("16.81"),
            "2200-19": Decimal("3.19"),
        }
        trial = await gql.execute(TRIAL, {"p": property_id})
        assert trial["accountingTrialBalance"]["balanced"] is True


async def test_a_goodwill_credit_above_what_the_folio_charged_leaves_everything_as_it_was(gql):
    _property, stay_id, complaint = await _charged_complaint(gql, food="15.00")
    refused = await gql.mutate(
        "resolveConciergeComplaint",
        {"requestId": complaint, "resolutionNote": "Sorry", "goodwillAmount": "15.01"},
        SELECTION,
    )
    assert refused["request"] is None
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("INVALID_INPUT", "goodwillAmount")
    assert "exceeds the 15.00 EUR charged" in error["message"]
    data = await gql.execute(
        "query($id: ID!) { conciergeRequest(id: $id) { status goodwillAmount { amount } "
        "history { kind } } }",
        {"id": complaint},
    )
    assert data["conciergeRequest"]["status"] == "OPEN"
    assert data["conciergeRequest"]["goodwillAmount"] is None
    assert [h["kind"] for h in data["conciergeRequest"]["history"]] == ["created"]
    folio = _guest_folio(await stay_money(gql, stay_id))
    assert [e["description"] for e in folio["entries"]] == ["Dinner"]


async def test_a_goodwill_credit_after_check_out_is_refused(gql):
    property_id, stay_id, _open = await _charged_complaint(gql)
    money = await stay_money(gql, stay_id)
    # Dinner and the day use: leaving on the arrival date costs the first night (100.00).
    await pay(gql, _guest_folio(money)["id"], "150.00")
    await gql.ok("checkOut", {"stayId": stay_id}, "stay { id }")
    logged = await gql.ok(
        "createConciergeRequest",
        {"propertyId": property_id, "stayId": stay_id, "type": "COMPLAINT"},
        "request { id }",
    )
    complaint = logged["request"]["id"]
    refused = await gql.mutate(
        "resolveConciergeComplaint",
        {"requestId": complaint, "resolutionNote": "Sorry", "goodwillAmount": "5.00"},
        SELECTION,
    )
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("INVALID_TRANSITION", "goodwillAmount")
    assert "checked_out" in error["message"]


async def test_without_the_folio_feature_a_goodwill_credit_leaves_the_complaint_open(
    gql, monkeypatch
):
    _stay, complaint = await _complaint(gql)
    monkeypatch.setattr(billing, "FOLIO_SERVICE", "frontdesk.core.folios.not_installed")
    refused = await gql.mutate(
        "resolveConciergeComplaint",
        {"requestId": complaint, "resolutionNote": "Night refunded", "goodwillAmount": "50.00"},
        SELECTION,
    )
    assert refused["errors"][0]["code"] == "FEATURE_UNAVAILABLE"
    data = await gql.execute(
        "query($id: ID!) { conciergeRequest(id: $id) { status resolutionNote "
        "goodwillAmount { amount } } }",
        {"id": complaint},
    )
    assert data["conciergeRequest"] == {
        "status": "OPEN",
        "resolutionNote": None,
        "goodwillAmount": None,
    }


async def test_only_a_complaint_has_a_resolution(gql):
    hotel = await build_hotel(gql)
    other = await gql.ok(
        "createConciergeRequest",
        {"propertyId": hotel.property_id, "type": "INFORMATION"},
        "request { id }",
    )
    refused = await gql.mutate(
        "resolveConciergeComplaint",
        {"requestId": other["request"]["id"], "resolutionNote": "x"},
        SELECTION,
    )
    assert refused["errors"][0]["field"] == "requestId"
