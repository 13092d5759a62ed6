"""GDPR: a guest's export holds their journal entries; anonymizing replaces the free text of
those entries (and of the outbox copies) and keeps amounts, accounts, dates and invoices."""

from __future__ import annotations

import json
from datetime import timedelta

from accounting_books import entries, trial_balance
from support.hotel import book, build_hotel
from support.money import charge, pay, set_up_rates, stay_money

EXPORT = "query($id: ID!) { exportGuestData(guestId: $id) }"
OUTBOX = """query($p: ID!) { accountingOutbox(propertyId: $p, first: 100) {
  nodes { idempotencyKey status payload } } }"""
REDACTED = """query($p: ID!) { accountingJournalEntries(propertyId: $p, first: 100) {
  nodes { id redactedAt } } }"""


async def _departed_and_staying(gql):
    """Guest 0 stayed, was charged with their name in the text, paid and left; guest 1 is
    in house. A webhook connector (never reachable here) keeps every message pending."""
    hotel = await build_hotel(gql, guests=2)
    await set_up_rates(gql, hotel)
    await gql.ok(
        "accountingConfigureConnector",
        {"propertyId": hotel.property_id, "connector": "webhook", "url": "http://127.0.0.1:9/h"},
        "secret",
    )
    day = hotel.business_date
    left = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]["id"]
    staying = (await book(gql, hotel, day, day + timedelta(days=2), guest=1))["stay"]["id"]
    for stay, name in ((left, "Guest0 Family0"), (staying, "Guest1 Family1")):
        await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
        description = f"Dinner for {name} (table 4)"
        await charge(gql, {"stayId": stay}, "FOOD_BEVERAGE", "42.00", description=description)
    folio_id = (await stay_money(gql, left))["folios"][0]["id"]
    await pay(gql, folio_id, "142.00")  # dinner and the day use (the first night, 100.00)
    await gql.ok("checkOut", {"stayId": left}, "stay { id }")
    return hotel, left, staying, folio_id


async def test_the_guests_export_holds_their_journal_entries(gql):
    hotel, left, _staying, folio_id = await _departed_and_staying(gql)
    document = (await gql.execute(EXPORT, {"id": hotel.guests[0]}))["exportGuestData"]
    if isinstance(document, str):
        document = json.loads(document)
    section = document["plugins"]["accounting_bridge"]["journal_entries"]
    mine = await entries(gql, hotel.property_id, f=folio_id)
    assert [str(e["id"]) for e in section] == [e["id"] for e in mine]
    assert {e["stayId"] for e in section} == {int(left)}
    charged = next(e for e in section if e["sourceType"] == "folio_charge")
    assert charged["description"] == "Dinner for Guest0 Family0 (table 4)"
    assert {p["amount"] for p in charged["postings"]} == {"42.00", "-35.29", "-6.71"}
    assert charged["invoiceNumber"] == 1


async def test_anonymizing_replaces_the_text_and_keeps_the_books(gql):
    hotel, _left, _staying, folio_id = await _departed_and_staying(gql)
    before = await entries(gql, hotel.property_id)
    trial = await trial_balance(gql, hotel.property_id)
    await gql.ok("anonymizeGuest", {"guestId": hotel.guests[0]}, "guest { id }")

    after = await entries(gql, hotel.property_id)
    assert await trial_balance(gql, hotel.property_id) == trial
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        assert {k: v for k, v in new.items() if k != "description"} == {
            k: v for k, v in old.items() if k != "description"
        }
    texts = {e["description"] for e in after if e["folioId"] == folio_id}
    assert texts == {"Charge, folio 1", "Payment, folio 1"}
    assert "Dinner for Guest1 Family1 (table 4)" in {e["description"] for e in after}
    redacted = await gql.execute(REDACTED, {"p": hotel.property_id})
    stamped = {n["id"] for n in redacted["accountingJournalEntries"]["nodes"] if n["redactedAt"]}
    assert stamped == {e["id"] for e in after if e["folioId"] == folio_id}

    messages = (await gql.execute(OUTBOX, {"p": hotel.property_id}))["accountingOutbox"]["nodes"]
    assert messages and {m["status"] for m in messages} == {"PENDING"}
    payloads = " ".join(m["payload"] for m in messages)
    assert "Guest0" not in payloads and "Family0" not in payloads
    assert "Guest1 Family1" in payloads  # the other guest's entry is untouched
