"""Invoices in the journal: an invoice books no amount; every entry of its folio names it (in
the API, the filters, the exports hledger and Beancount accept, and the deliveries)."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

from accounting_books import entries, export, run_tool, tool, trial_balance
from support.hotel import book, build_hotel
from support.money import charge, night_audit, pay, set_up_rates, stay_money

OUTBOX = """query($p: ID!) { accountingOutbox(propertyId: $p, first: 100) {
  nodes { kind idempotencyKey payload } } }"""


async def _closed_and_open_stays(gql, deliver: str = "ENTRY"):
    """A stay with a deposit, charges and payment that checks out (its folio closes with an
    invoice) and a second stay still in house; a webhook connector receives ``deliver``."""
    hotel = await build_hotel(gql, guests=2)
    await set_up_rates(gql, hotel)
    await gql.ok(
        "accountingConfigureConnector",
        {
            "propertyId": hotel.property_id,
            "connector": "webhook",
            "url": "http://127.0.0.1:9/hooks",
            "deliver": deliver,
        },
        "secret",
    )
    day = hotel.business_date
    closed = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]["id"]
    other = (await book(gql, hotel, day, day + timedelta(days=2), guest=1))["stay"]["id"]
    folio_id = (await stay_money(gql, closed))["folios"][0]["id"]
    await pay(gql, folio_id, "50.00", method="BANK_TRANSFER")  # a deposit before arrival
    for stay in (closed, other):
        await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
        await charge(gql, {"stayId": stay}, "FOOD_BEVERAGE", "80.00")
    await pay(gql, folio_id, "30.00")
    # Leaving on the arrival date is a day use: asking to check out posts the first night
    # (docs/money.md) and is refused until that is paid too.
    refused = await gql.mutate("checkOut", {"stayId": closed}, "stay { id }")
    assert refused["errors"][0]["code"] == "CONFLICT"
    await pay(gql, folio_id, "100.00")
    return hotel, closed, other, folio_id


async def test_an_invoice_books_nothing_and_every_entry_of_its_folio_names_it(gql):
    hotel, closed, other, folio_id = await _closed_and_open_stays(gql)
    before = await entries(gql, hotel.property_id)
    trial_before = await trial_balance(gql, hotel.property_id)
    await gql.ok("checkOut", {"stayId": closed}, "stay { id }")
    invoice = (await stay_money(gql, closed))["folios"][0]["invoice"]

    after = await entries(gql, hotel.property_id)
    assert [e["id"] for e in after] == [e["id"] for e in before]
    assert await trial_balance(gql, hotel.property_id) == trial_before
    covered = [e for e in after if e["folioId"] == folio_id]
    assert {e["sourceType"] for e in covered} == {
        "folio_payment",
        "deposit_applied",
        "folio_charge",
    }
    for entry in after:
        expected = invoice["number"] if entry in covered else None
        assert entry["invoiceNumber"] == expected
        assert entry["invoiceId"] == (invoice["id"] if entry in covered else None)
        assert entry["stayId"] in (closed, other)
    by_number = await entries(gql, hotel.property_id, n=invoice["number"])
    assert by_number == covered == await entries(gql, hotel.property_id, i=invoice["id"])
    assert await entries(gql, hotel.property_id, n=invoice["number"] + 1) == []


async def test_exports_name_the_invoice_and_the_tools_still_accept_them(gql, tmp_path):
    hotel, closed, _other, folio_id = await _closed_and_open_stays(gql)
    await gql.ok("checkOut", {"stayId": closed}, "stay { id }")
    number = (await stay_money(gql, closed))["folios"][0]["invoice"]["number"]
    covered = {e["id"] for e in await entries(gql, hotel.property_id, f=folio_id)}

    journal = tmp_path / "books.journal"
    journal.write_text((await export(gql, hotel.property_id, "HLEDGER"))["text"])
    hledger = tool("hledger")
    run_tool(hledger, "-f", str(journal), "check", "--strict")
    printed = json.loads(
        run_tool(hledger, "-f", str(journal), "print", f"tag:invoice={number}", "-O", "json")
    )
    assert {int(t["tcode"]) for t in printed} == {int(i) for i in covered}

    ledger = tmp_path / "books.beancount"
    ledger.write_text((await export(gql, hotel.property_id, "BEANCOUNT"))["text"])
    run_tool(tool("bean-check"), str(ledger))
    from beancount import loader
    from beancount.core.data import Transaction

    loaded, errors, _options = loader.load_file(str(ledger))
    assert errors == []
    named = {
        int(t.meta["entry-id"]): t.meta.get("invoice-number")
        for t in loaded
        if isinstance(t, Transaction)
    }
    assert {k for k, v in named.items() if v == str(number)} == {int(i) for i in covered}
    assert {v for k, v in named.items() if str(k) not in covered} == {None}

    rows = list(csv.DictReader(io.StringIO((await export(gql, hotel.property_id, "CSV"))["text"])))
    assert {r["invoice_number"] for r in rows if r["entry_id"] in covered} == {str(number)}
    assert {r["invoice_number"] for r in rows if r["entry_id"] not in covered} == {""}
    document = json.loads((await export(gql, hotel.property_id, "JSON"))["text"])
    assert {str(e["id"]) for e in document["entries"] if e["invoice_number"]} == covered


async def test_entry_connectors_receive_the_invoice_after_the_folios_entries(gql):
    hotel, closed, _other, folio_id = await _closed_and_open_stays(gql)
    await gql.ok("checkOut", {"stayId": closed}, "stay { id }")
    invoice = (await stay_money(gql, closed))["folios"][0]["invoice"]
    messages = (await gql.execute(OUTBOX, {"p": hotel.property_id}))["accountingOutbox"]["nodes"]
    last = messages[-1]
    assert last["kind"] == "invoice" and last["idempotencyKey"].endswith(
        f"-invoice-{invoice['id']}"
    )
    body = json.loads(last["payload"])
    assert body["type"] == "accounting.invoice"
    assert body["invoice"]["number"] == invoice["number"]
    assert body["invoice"]["folioId"] == int(folio_id)
    assert invoice["recipient"] and invoice["recipient"] not in last["payload"]
    assert [m["kind"] for m in messages[:-1]] == ["entry"] * (len(messages) - 1)


async def test_a_sealed_day_lists_the_invoices_issued_on_it(gql):
    hotel, closed, _other, folio_id = await _closed_and_open_stays(gql, deliver="DAY")
    await gql.ok("checkOut", {"stayId": closed}, "stay { id }")
    invoice = (await stay_money(gql, closed))["folios"][0]["invoice"]
    await night_audit(gql, hotel)
    [message] = (await gql.execute(OUTBOX, {"p": hotel.property_id}))["accountingOutbox"]["nodes"]
    body = json.loads(message["payload"])
    assert [i["number"] for i in body["invoices"]] == [invoice["number"]]
    numbers = {e["folioId"]: e["invoiceNumber"] for e in body["entries"]}
    assert numbers[int(folio_id)] == invoice["number"]
    assert Decimal(0) == sum(
        (Decimal(p["amount"]) for e in body["entries"] for p in e["postings"]), Decimal(0)
    )
