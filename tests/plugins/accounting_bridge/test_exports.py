"""Specifications for the ledger model, the default chart and the exports.

The hledger and Beancount exports are checked with the real tools: a file that
only looks right is worthless to an accountant. Both tools must be installed
(the project's Makefile installs them); a missing tool fails the test loudly.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from frontdesk.plugins.accounting_bridge import default_chart as chart_module
from frontdesk.plugins.accounting_bridge.default_chart import (
    default_chart,
    revenue_account_code,
    vat_account_code,
)
from frontdesk.plugins.accounting_bridge.exports import (
    CSV_COLUMNS,
    beancount_account_name,
    hledger_account_name,
    render_beancount,
    render_csv,
    render_hledger,
    render_json,
)
from frontdesk.plugins.accounting_bridge.ledger_model import (
    JournalEntry,
    Posting,
    assert_balanced,
    trial_balance,
)

CHART = default_chart()
VAT7 = vat_account_code(Decimal("7"))
VAT19 = vat_account_code(Decimal("19"))


def _postings(spec: str) -> tuple[Posting, ...]:
    """Parse "1200 107.00, 4000 -100.00 EUR" (currency defaults to EUR) into postings."""
    postings = []
    for part in spec.split(","):
        code, amount, *currency = part.split()
        postings.append(Posting(code, Decimal(amount), currency[0] if currency else "EUR"))
    return tuple(postings)


def _entry(entry_id, day, source_type, source_id, postings, description, reverses=None):
    return JournalEntry(
        id=entry_id,
        property_code="BER1",
        business_date=date.fromisoformat(day),
        description=description,
        source_type=source_type,
        source_id=source_id,
        postings=_postings(postings),
        reverses_entry_id=reverses,
    )


CHARGE = "folio_charge"
SPA = "1200 59.50, 4300 -50.00, 2200-19 -9.50"
SPA_REVERSED = "1200 -59.50, 4300 50.00, 2200-19 9.50"


def _sample_entries() -> list[JournalEntry]:
    """A realistic fortnight at one property, with descriptions that break naive exporters."""
    # fmt: off
    return [
        _entry(1, "2024-03-01", CHARGE, "chg-1001", "1200 107.00, 4000 -100.00, 2200-7 -7.00",
               'Room 204 night 1 "Superior"; rate BAR'),
        _entry(2, "2024-03-01", CHARGE, "chg-1002", "1200 23.80, 4100 -20.00, 2200-19 -3.80",
               "Restaurant: 2× Wiener Schnitzel; 1 Spätzle\nTable 12"),
        _entry(3, "2024-03-01", CHARGE, "chg-1003", "1200 5.00, 2300 -5.00",
               "City tax (Übernachtungsteuer) 5 %"),
        _entry(4, "2024-03-02", "payment", "pay-1", "1010 135.80, 1200 -135.80",
               "Visa •••• 4242 — Frau Müller's card"),
        _entry(5, "2024-03-02", CHARGE, "chg-1004", "1200 11.90, 4200 -10.00, 2200-19 -1.90",
               'Minibar C:\\fridge\\"cola" x2'),
        _entry(6, "2024-03-02", "payment", "pay-2", "1000 11.90, 1200 -11.90",
               "=SUM(A1:A9) cash at desk"),
        _entry(7, "2024-03-03", "deposit", "dep-77", "1020 200.00, 2100 -200.00",
               "Deposit booking #77 'Schmidt', 2 nights"),
        _entry(8, "2024-03-04", "refund", "ref-1", "2100 50.00, 1010 -50.00",
               "Refund; guest cancelled 1 night"),
        _entry(9, "2024-03-04", CHARGE, "chg-1005", SPA, "(*) Spa: hot stone 60'"),
        _entry(10, "2024-03-05", "correction", "chg-1005", SPA_REVERSED,
               "Storno: spa booked on wrong room\r\nsorry!", reverses=9),
        _entry(11, "2024-03-06", CHARGE, "chg-1006", "1200 214.00, 4000 -200.00, 2200-7 -14.00",
               "Room 310, ACME GmbH; 2 nights"),
        _entry(12, "2024-03-07", "folio_transfer", "inv-R-2024-0042", "1210 214.00, 1200 -214.00",
               "Transfer to city ledger: ACME GmbH"),
        _entry(13, "2024-04-15", "bank_payment", "stmt-9, line 3", "1020 214.00, 1210 -214.00",
               'ACME GmbH pays R-2024-0042 "net 30"'),
        _entry(14, "2024-03-31", "shift_batch", "2024-03", "6000 1234.56, 2400 -1234.56",
               "Wages March\t🙂\u2028accrual\x00"),
        _entry(15, "2024-03-08", CHARGE, None, "1010 25.00 USD, 4400 -25.00 USD",
               "Late check-out fee (USD card)"),
    ]
    # fmt: on


def _tool(name: str) -> str:
    """Path of a command line tool; fails (never skips) when it is missing."""
    beside_python = Path(sys.executable).parent / name
    path = str(beside_python) if beside_python.exists() else shutil.which(name)
    if path is None:
        pytest.fail(f"{name!r} is not installed; the project's Makefile installs it")
    return path


def _run(*args: str) -> str:
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _nonzero(balances):
    return {key: amount for key, amount in balances.items() if amount}


def _expected_text(description: str) -> str:
    """What a lossless export keeps of a description: everything but control characters."""
    return "".join(c for c in description if c in "\n\r\t" or unicodedata.category(c) != "Cc")


def _expected_beancount_text(description: str) -> str:
    """Beancount has no escape for U+2028/U+2029, so the exporter writes them as line feeds."""
    return _expected_text(description).replace("\u2028", "\n").replace("\u2029", "\n")


@pytest.fixture()
def entries() -> list[JournalEntry]:
    return _sample_entries()


@pytest.fixture()
def hledger_file(tmp_path, entries) -> Path:
    path = tmp_path / "export.journal"
    path.write_text(render_hledger(entries, CHART), encoding="utf-8")
    return path


@pytest.fixture()
def beancount_file(tmp_path, entries) -> Path:
    path = tmp_path / "export.beancount"
    path.write_text(render_beancount(entries, CHART), encoding="utf-8")
    return path


def test_sample_entries_are_balanced(entries):
    for entry in entries:
        assert_balanced(entry)


def test_assert_balanced_rejects_an_unbalanced_entry():
    entry = _entry(1, "2024-03-01", "manual", None, "1200 107.00, 4000 -100.00", "typo")
    with pytest.raises(ValueError, match="7.00 EUR"):
        assert_balanced(entry)


def test_assert_balanced_does_not_net_different_currencies():
    entry = _entry(1, "2024-03-01", "manual", None, "1000 10.00 EUR, 4000 -10.00 USD", "fx")
    with pytest.raises(ValueError, match="not balanced"):
        assert_balanced(entry)


def test_posting_refuses_float_amounts():
    with pytest.raises(TypeError):
        Posting("1000", 10.0, "EUR")  # type: ignore[arg-type]


def test_trial_balance_sums_per_account_and_currency(entries):
    balances = trial_balance(entries)
    assert balances[("1200", "EUR")] == Decimal("0.00")  # every folio was settled
    assert balances[("1020", "EUR")] == Decimal("414.00")
    assert balances[(VAT19, "EUR")] == Decimal("-5.70")
    assert balances[("4300", "EUR")] == Decimal("0.00")  # spa charge and its reversal
    assert balances[("1010", "USD")] == Decimal("25.00")
    assert sum(balances.values()) == 0


def test_vat_account_codes_follow_the_documented_scheme():
    assert vat_account_code(Decimal("19.00")) == "2200-19"
    assert vat_account_code(Decimal("7")) == "2200-7"
    assert vat_account_code(Decimal("5.5")) == "2200-5p5"


def test_city_tax_is_a_liability_not_revenue():
    assert revenue_account_code("city_tax") == chart_module.CITY_TAX_PAYABLE
    assert revenue_account_code("room") == chart_module.ROOM_REVENUE


def test_hledger_export_passes_hledger_checks(hledger_file):
    hledger = _tool("hledger")
    _run(hledger, "-f", str(hledger_file), "check")
    _run(
        hledger,
        "-f",
        str(hledger_file),
        "check",
        "--strict",
        "accounts",
        "commodities",
        "ordereddates",
        "uniqueleafnames",
    )


def test_hledger_reports_the_trial_balance(hledger_file, entries):
    by_name = {hledger_account_name(account): account.code for account in CHART}
    output = _run(
        _tool("hledger"),
        "-f",
        str(hledger_file),
        "balance",
        "--flat",
        "-N",
        "-O",
        "csv",
        "--layout=bare",
    )
    reported = {
        (by_name[row["account"]], row["commodity"]): Decimal(row["balance"])
        for row in csv.DictReader(io.StringIO(output))
    }
    assert reported == _nonzero(trial_balance(entries))


def test_hledger_keeps_each_awkward_description_on_its_transaction(hledger_file, entries):
    output = _run(_tool("hledger"), "-f", str(hledger_file), "print", "-O", "csv")
    descriptions = {row["code"]: row["description"] for row in csv.DictReader(io.StringIO(output))}
    assert len(descriptions) == len(entries)
    assert descriptions["1"] == 'Room 204 night 1 "Superior", rate BAR'
    assert descriptions["2"] == "Restaurant: 2× Wiener Schnitzel, 1 Spätzle Table 12"
    assert descriptions["9"] == "(*) Spa: hot stone 60'"


def test_hledger_transactions_carry_source_tags(hledger_file):
    output = _run(_tool("hledger"), "-f", str(hledger_file), "print", "tag:reverses=9")
    assert "(10) Storno: spa booked on wrong room sorry!" in output
    assert "source:correction" in output


def test_beancount_export_passes_bean_check(beancount_file):
    _run(_tool("bean-check"), str(beancount_file))


def test_beancount_reports_the_trial_balance(beancount_file, entries):
    from beancount import loader
    from beancount.core import realization

    loaded, errors, _options = loader.load_file(str(beancount_file))
    assert errors == []
    by_name = {beancount_account_name(account): account.code for account in CHART}
    reported = {}
    for real_account in realization.iter_children(realization.realize(loaded)):
        for position in real_account.balance:
            key = (by_name[real_account.account], position.units.currency)
            reported[key] = position.units.number
    assert _nonzero(reported) == _nonzero(trial_balance(entries))


def test_beancount_round_trips_descriptions_and_source_metadata(beancount_file, entries):
    from beancount import loader
    from beancount.core import data

    loaded, errors, _options = loader.load_file(str(beancount_file))
    assert errors == []
    transactions = {t.meta["entry-id"]: t for t in loaded if isinstance(t, data.Transaction)}
    assert {key: t.narration for key, t in transactions.items()} == {
        str(entry.id): _expected_beancount_text(entry.description) for entry in entries
    }
    assert transactions["10"].meta["reverses-entry-id"] == "9"
    assert transactions["13"].meta["source-id"] == "stmt-9, line 3"


def test_csv_has_one_row_per_posting_and_debits_equal_credits(entries):
    rows = list(csv.DictReader(io.StringIO(render_csv(entries, CHART))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(len(entry.postings) for entry in entries)
    for currency in ("EUR", "USD"):
        in_currency = [row for row in rows if row["currency"] == currency]
        debits = sum(Decimal(row["debit"] or 0) for row in in_currency)
        credits = sum(Decimal(row["credit"] or 0) for row in in_currency)
        assert debits == credits > 0


def test_csv_keeps_multiline_descriptions_and_neutralizes_formulas(entries):
    rows = list(csv.DictReader(io.StringIO(render_csv(entries, CHART))))
    descriptions = {row["entry_id"]: row["description"] for row in rows}
    assert descriptions["2"] == "Restaurant: 2× Wiener Schnitzel; 1 Spätzle\nTable 12"
    assert descriptions["6"] == "'=SUM(A1:A9) cash at desk"


def test_json_amounts_are_decimal_strings_that_balance(entries):
    document = json.loads(render_json(entries, CHART))
    by_date = sorted(entries, key=lambda entry: (entry.business_date, entry.id))
    assert [entry["id"] for entry in document["entries"]] == [entry.id for entry in by_date]
    for entry in document["entries"]:
        amounts = [posting["amount"] for posting in entry["postings"]]
        assert all(isinstance(amount, str) for amount in amounts)
        assert sum(Decimal(amount) for amount in amounts) == 0


def test_exports_refuse_a_posting_to_an_account_outside_the_chart():
    entry = _entry(1, "2024-03-01", "manual", None, "1000 1.00, 9999 -1.00", "x")
    with pytest.raises(ValueError, match="unknown account 9999"):
        render_hledger([entry], CHART)


def test_exports_refuse_amounts_that_would_need_rounding():
    entry = _entry(1, "2024-03-01", "manual", None, "1000 1.005, 4800 -1.005", "x")
    with pytest.raises(ValueError, match="decimals"):
        render_beancount([entry], CHART)
