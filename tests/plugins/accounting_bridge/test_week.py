"""Done when: a realistic week at a small hotel produces a journal whose trial balance is
zero, whose guest and city ledgers reconcile with core, and which hledger and Beancount
accept with the same totals as the trial balance query."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

from accounting_books import (
    balances,
    entries,
    export,
    reconciliation,
    run_tool,
    tool,
    trial_balance,
)
from support.hotel import book, build_hotel
from support.money import charge, night_audit, pay, set_up_rates, stay_money

from frontdesk.plugins.accounting_bridge.exports import (
    beancount_account_name,
    hledger_account_name,
)
from frontdesk.plugins.accounting_bridge.ledger_model import Account

D = Decimal


async def _folio_of(gql, stay_id: str) -> dict:
    return (await stay_money(gql, stay_id))["folios"][0]


async def _settle_balance(gql, stay_id: str, method: str = "CARD") -> None:
    folio = await _folio_of(gql, stay_id)
    owed = D(folio["balance"]["amount"])
    if owed > 0:
        await pay(gql, folio["id"], str(owed), method=method)


async def run_week(gql):
    """Five business days: deposits, stays, extras, a correction, a refund, a cancellation,
    a company paying through the city ledger, and a night audit every night."""
    hotel = await build_hotel(gql, doubles=3, suites=1, guests=4)
    await set_up_rates(gql, hotel)
    await gql.ok(
        "setCityTaxRule",
        {"propertyId": hotel.property_id, "kind": "PER_PERSON_NIGHT", "amount": "2.50"},
        "cityTaxRule { amount }",
    )
    day = hotel.business_date
    a = (await book(gql, hotel, day, day + timedelta(days=3), adults=2))["stay"]["id"]
    b = await book(gql, hotel, day, day + timedelta(days=2), room_type="STE", guest=1)
    b = b["stay"]["id"]
    c = await book(gql, hotel, day + timedelta(days=2), day + timedelta(days=4), guest=2)
    c = c["stay"]["id"]
    d = await book(gql, hotel, day + timedelta(days=5), day + timedelta(days=6), guest=3)
    d = d["stay"]["id"]
    await pay(gql, (await _folio_of(gql, a))["id"], "100.00", method="CARD")  # deposit
    await pay(gql, (await _folio_of(gql, c))["id"], "50.00", method="BANK_TRANSFER")
    d_deposit = await pay(gql, (await _folio_of(gql, d))["id"], "80.00", method="CASH")
    # day 1
    await gql.ok("checkIn", {"stayId": a}, "stay { id }")
    await gql.ok("checkIn", {"stayId": b}, "stay { id }")
    await charge(gql, {"stayId": a}, "FOOD_BEVERAGE", "3.35", quantity=3)
    await night_audit(gql, hotel)
    # day 2
    wrong = await charge(gql, {"stayId": a}, "MINIBAR", "12.00")
    await gql.ok(
        "correctEntry", {"entryId": wrong["entry"]["id"], "reason": "not consumed"}, "entry { id }"
    )
    await charge(gql, {"stayId": b}, "SPA", "89.00")
    await night_audit(gql, hotel)
    # day 3
    acme = await gql.ok(
        "createCityLedgerAccount",
        {
            "propertyId": hotel.property_id,
            "code": "ACME",
            "name": "ACME GmbH",
            "creditLimit": "5000.00",
        },
        "account { id }",
    )
    acme_id = acme["account"]["id"]
    await gql.ok(
        "transferFolioToCityLedger",
        {"folioId": (await _folio_of(gql, b))["id"], "accountId": acme_id},
        "folio { id }",
    )
    await gql.ok("checkOut", {"stayId": b}, "stay { id }")
    await gql.ok("checkIn", {"stayId": c}, "stay { id }")
    await gql.ok("cancelStay", {"stayId": d, "reason": "plans changed"}, "stay { id }")
    await gql.ok(
        "refundPayment",
        {"paymentId": d_deposit["entry"]["id"], "amount": "80.00", "currency": "EUR"},
        "entry { id }",
    )
    await gql.ok("settleFolio", {"folioId": (await _folio_of(gql, d))["id"]}, "folio { id }")
    await night_audit(gql, hotel)
    # day 4
    folio_a = await _folio_of(gql, a)
    over = D(folio_a["balance"]["amount"]) + D("10.00")
    paid = await pay(gql, folio_a["id"], str(over), method="CASH")
    await gql.ok(
        "refundPayment",
        {"paymentId": paid["entry"]["id"], "amount": "10.00", "currency": "EUR"},
        "entry { id }",
    )
    await gql.ok("checkOut", {"stayId": a}, "stay { id }")
    await gql.ok(
        "recordCityLedgerPayment",
        {"accountId": acme_id, "amount": "150.00", "currency": "EUR", "method": "BANK_TRANSFER"},
        "entry { id }",
    )
    await night_audit(gql, hotel)
    # day 5
    await _settle_balance(gql, c, "CASH")
    await gql.ok("checkOut", {"stayId": c}, "stay { id }")
    await night_audit(gql, hotel)
    return hotel, {"a": a, "b": b, "c": c, "d": d, "acme": acme_id}


async def _chart(gql, property_id: str) -> list[Account]:
    data = await gql.execute(
        "query($p: ID!) { accountingAccounts(propertyId: $p) { code name kind externalCode } }",
        {"p": property_id},
    )
    return [
        Account(a["externalCode"] or a["code"], a["name"], a["kind"])
        for a in data["accountingAccounts"]
    ]


def _nonzero(values: dict) -> dict:
    return {k: v for k, v in values.items() if v}


async def test_a_week_balances_reconciles_and_is_accepted_by_hledger_and_beancount(gql, tmp_path):
    hotel, ids = await run_week(gql)
    trial = await trial_balance(gql, hotel.property_id)
    assert trial["balanced"] is True
    assert D(trial["totalDebit"]["amount"]) == D(trial["totalCredit"]["amount"]) > 0
    by_code = balances(trial)
    assert by_code["1200"] == 0 and by_code["2100"] == 0  # every folio closed
    assert (
        by_code["1210"]
        == D(
            (
                await gql.execute(
                    "query($id: ID!) { cityLedgerAccount(id: $id) { balance { amount } } }",
                    {"id": ids["acme"]},
                )
            )["cityLedgerAccount"]["balance"]["amount"]
        )
        > 0
    )
    assert by_code["2300"] < 0 and by_code["4000"] < 0 and by_code["2200-7"] < 0

    recon = await reconciliation(gql, hotel.property_id)
    for side in ("guestLedger", "cityLedger"):
        assert recon[side]["reconciled"] is True, recon[side]
        assert D(recon[side]["difference"]["amount"]) == 0
    sealed = await gql.execute(
        "query($p: ID!) { accountingSealedDays(propertyId: $p) { businessDate entryCount } }",
        {"p": hotel.property_id},
    )
    assert len(sealed["accountingSealedDays"]) == 5

    chart = await _chart(gql, hotel.property_id)
    expected = {(code, "EUR"): amount for code, amount in _nonzero(by_code).items()}
    journal = tmp_path / "week.journal"
    journal.write_text((await export(gql, hotel.property_id, "HLEDGER"))["text"])
    run_tool(tool("hledger"), "-f", str(journal), "check", "--strict")
    output = run_tool(
        tool("hledger"),
        "-f",
        str(journal),
        "balance",
        "--flat",
        "-N",
        "-O",
        "csv",
        "--layout=bare",
    )
    names = {hledger_account_name(a): a.code for a in chart}
    reported = {
        (names[r["account"]], r["commodity"]): D(r["balance"])
        for r in csv.DictReader(io.StringIO(output))
    }
    assert reported == expected

    ledger = tmp_path / "week.beancount"
    ledger.write_text((await export(gql, hotel.property_id, "BEANCOUNT"))["text"])
    run_tool(tool("bean-check"), str(ledger))
    from beancount import loader
    from beancount.core import realization

    loaded, errors, _options = loader.load_file(str(ledger))
    assert errors == []
    names = {beancount_account_name(a): a.code for a in chart}
    reported = {}
    for real in realization.iter_children(realization.realize(loaded)):
        for position in real.balance:
            reported[(names[real.account], position.units.currency)] = position.units.number
    assert _nonzero(reported) == expected


async def test_reconciliation_holds_on_every_day_of_the_week(gql):
    hotel, _ids = await run_week(gql)
    for offset in range(5):
        as_of = hotel.business_date + timedelta(days=offset)
        recon = await reconciliation(gql, hotel.property_id, as_of)
        assert recon["guestLedger"]["reconciled"], (as_of, recon["guestLedger"])
        assert recon["cityLedger"]["reconciled"], (as_of, recon["cityLedger"])
        assert (await trial_balance(gql, hotel.property_id, end=as_of))["balanced"]


async def test_every_entry_keeps_its_source(gql):
    hotel, ids = await run_week(gql)
    found = await entries(gql, hotel.property_id)
    kinds = {e["sourceType"] for e in found}
    assert kinds == {
        "folio_charge",
        "folio_payment",
        "folio_refund",
        "folio_correction",
        "deposit_applied",
        "city_ledger_transfer",
        "city_ledger_payment",
    }
    transfer = next(e for e in found if e["sourceType"] == "city_ledger_transfer")
    assert transfer["invoiceId"] is not None and transfer["stayId"] == ids["b"]
    correction = next(e for e in found if e["sourceType"] == "folio_correction")
    reversed_entry = next(e for e in found if e["id"] == correction["reversesId"])
    assert {p["accountCode"]: D(p["amount"]["amount"]) for p in correction["postings"]} == {
        p["accountCode"]: -D(p["amount"]["amount"]) for p in reversed_entry["postings"]
    }
