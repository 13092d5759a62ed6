"""Render journal entries as hledger, Beancount, CSV or JSON text.

Every renderer takes the entries and the chart of accounts, refuses entries that
do not balance or that use an account missing from the chart (the bookkeeping
tools would reject the file anyway, later and less clearly), and writes entries
ordered by (business_date, id) so exports are reproducible.

Account naming scheme (code first, so leaf names are unique and sort by code):

* hledger: ``<root>:<code>-<slug>`` with roots assets, liabilities, equity,
  revenues, expenses and a lowercase ASCII slug of the name, for example
  ``assets:1200-guest-ledger``. Account directives carry ``type:`` tags.
* Beancount: ``<Root>:<code>-<CamelName>`` with roots Assets, Liabilities,
  Equity, Income, Expenses, for example ``Assets:1200-GuestLedger``.

Amounts are written with a fixed number of decimals per currency (two unless
``currency_decimals`` says otherwise). An amount with more decimals than that is
an error instead of being rounded: rounding would make the export disagree with
the ledger.

Descriptions come from hotel staff and may contain anything. hledger and
Beancount get a sanitised copy (hledger: a single line with ``;`` replaced by
``,`` because ``;`` starts a comment; Beancount: an escaped string literal in
which U+2028/U+2029 become ``\\n``);
CSV and JSON keep the full text, minus control characters CSV cannot carry.

CSV columns, one row per posting: entry_id, business_date (ISO 8601), property,
account_code, account_name, debit, credit (both non-negative, one of them
empty), currency, description, source_type, source_id, reverses_entry_id,
invoice_number (the document the entry belongs to, empty if none). Text
cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab
or carriage return) are prefixed with ``'`` unless ``neutralize_formulas=False``.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from .export_text import (
    ACCOUNT_ROOTS,
    beancount_account_name,
    beancount_string,
    csv_text,
    hledger_account_name,
    hledger_tag_value,
    one_line,
    valid_unicode,
)
from .ledger_model import Account, JournalEntry, assert_balanced

DEFAULT_DECIMALS = 2


CSV_COLUMNS: tuple[str, ...] = (
    "entry_id",
    "business_date",
    "property",
    "account_code",
    "account_name",
    "debit",
    "credit",
    "currency",
    "description",
    "source_type",
    "source_id",
    "reverses_entry_id",
    "invoice_number",
)

# --- shared preparation -----------------------------------------------------------------------


class _AmountFormatter:
    """Fixed-decimal amount strings; refuses amounts that would need rounding."""

    def __init__(self, currency_decimals: Mapping[str, int] | None) -> None:
        self._decimals = dict(currency_decimals or {})

    def decimals(self, currency: str) -> int:
        return self._decimals.get(currency, DEFAULT_DECIMALS)

    def __call__(self, amount: Decimal, currency: str) -> str:
        quantum = Decimal(1).scaleb(-self.decimals(currency))
        quantized = amount.quantize(quantum)
        if quantized != amount:
            raise ValueError(
                f"amount {amount} {currency} has more than {self.decimals(currency)} decimals"
            )
        if not quantized:
            quantized = abs(quantized)  # never print "-0.00"
        return format(quantized, "f")


def _prepare(
    entries: Iterable[JournalEntry], accounts: Iterable[Account]
) -> tuple[list[JournalEntry], dict[str, Account]]:
    """Validate entries against the chart and return them sorted, plus the chart by code."""
    chart: dict[str, Account] = {}
    for account in accounts:
        if account.code in chart:
            raise ValueError(f"account code {account.code} appears twice in the chart")
        chart[account.code] = account
    ordered = sorted(entries, key=lambda entry: (entry.business_date, entry.id))
    seen_ids: set[int] = set()
    for entry in ordered:
        if entry.id in seen_ids:
            raise ValueError(f"journal entry id {entry.id} appears twice")
        seen_ids.add(entry.id)
        assert_balanced(entry)
        for posting in entry.postings:
            if posting.account_code not in chart:
                raise ValueError(
                    f"journal entry {entry.id} posts to unknown account {posting.account_code}"
                )
    return ordered, dict(sorted(chart.items()))


def _currencies(entries: Sequence[JournalEntry]) -> list[str]:
    return sorted({posting.currency for entry in entries for posting in entry.postings})


# --- renderers ---------------------------------------------------------------------------------


def render_hledger(
    entries: Iterable[JournalEntry],
    accounts: Iterable[Account],
    *,
    currency_decimals: Mapping[str, int] | None = None,
) -> str:
    """An hledger journal that passes ``hledger check`` with accounts and commodities.

    Every chart account gets an ``account`` directive (with a ``type:`` tag) and
    every currency a ``commodity`` directive, so strict checks pass and amounts
    display with the currency's decimals.
    """
    ordered, chart = _prepare(entries, accounts)
    fmt = _AmountFormatter(currency_decimals)
    lines = [
        "; Frontdesk accounting_bridge export (hledger journal)",
        "; account names: <root>:<code>-<slug>",
        "",
    ]
    lines += [f"commodity {fmt(Decimal(1000), cur)} {cur}" for cur in _currencies(ordered)]
    lines.append("")
    lines += [
        f"account {hledger_account_name(account)}  ; type:{ACCOUNT_ROOTS[account.kind][1]}"
        for account in chart.values()
    ]
    for entry in ordered:
        tags = [
            f"entry:{entry.id}",
            f"property:{hledger_tag_value(entry.property_code)}",
            f"source:{hledger_tag_value(entry.source_type)}",
        ]
        if entry.source_id is not None:
            tags.append(f"source-id:{hledger_tag_value(entry.source_id)}")
        if entry.reverses_entry_id is not None:
            tags.append(f"reverses:{entry.reverses_entry_id}")
        if entry.invoice_number is not None:
            tags.append(f"invoice:{hledger_tag_value(entry.invoice_number)}")
        # ";" would start a comment; the "(id)" code keeps a leading "(" in the description.
        description = one_line(entry.description).replace(";", ",")
        header = f"{entry.business_date.isoformat()} * ({entry.id}) {description}".rstrip()
        lines += ["", header, "    ; " + ", ".join(tags)]
        for posting in entry.postings:
            name = hledger_account_name(chart[posting.account_code])
            amount = fmt(posting.amount, posting.currency)
            lines.append(f"    {name}    {amount} {posting.currency}")
    return "\n".join(lines) + "\n"


def render_beancount(
    entries: Iterable[JournalEntry],
    accounts: Iterable[Account],
    *,
    operating_currency: str | None = None,
    open_date: date | None = None,
    currency_decimals: Mapping[str, int] | None = None,
    title: str = "Frontdesk accounting_bridge export",
) -> str:
    """A Beancount ledger that passes ``bean-check``.

    Accounts and commodities are opened on `open_date`, by default the first
    entry's business date, so no posting precedes its ``open``. The operating
    currency defaults to the currency used by most postings.
    """
    ordered, chart = _prepare(entries, accounts)
    fmt = _AmountFormatter(currency_decimals)
    if open_date is None:
        open_date = ordered[0].business_date if ordered else date(1970, 1, 1)
    if ordered and open_date > ordered[0].business_date:
        raise ValueError(f"open_date {open_date} is after the first entry")
    if operating_currency is None:
        usage = Counter(posting.currency for entry in ordered for posting in entry.postings)
        if usage:
            operating_currency = min(usage, key=lambda currency: (-usage[currency], currency))
    lines = [
        "; Frontdesk accounting_bridge export (Beancount)",
        "; account names: <Root>:<code>-<CamelName>",
        f'option "title" {beancount_string(title)}',
    ]
    if operating_currency is not None:
        lines.append(f'option "operating_currency" {beancount_string(operating_currency)}')
    lines.append("")
    lines += [f"{open_date.isoformat()} commodity {cur}" for cur in _currencies(ordered)]
    lines += [f"{open_date.isoformat()} open {beancount_account_name(a)}" for a in chart.values()]
    for entry in ordered:
        reverses = entry.reverses_entry_id
        metadata = {
            "entry-id": str(entry.id),
            "property": entry.property_code,
            "source-type": entry.source_type,
            "source-id": entry.source_id,
            "reverses-entry-id": None if reverses is None else str(reverses),
            "invoice-number": entry.invoice_number,
        }
        lines += ["", f"{entry.business_date.isoformat()} * {beancount_string(entry.description)}"]
        lines += [
            f"  {key}: {beancount_string(value)}"
            for key, value in metadata.items()
            if value is not None
        ]
        for posting in entry.postings:
            name = beancount_account_name(chart[posting.account_code])
            amount = fmt(posting.amount, posting.currency)
            lines.append(f"  {name}  {amount} {posting.currency}")
    return "\n".join(lines) + "\n"


def render_csv(
    entries: Iterable[JournalEntry],
    accounts: Iterable[Account],
    *,
    currency_decimals: Mapping[str, int] | None = None,
    neutralize_formulas: bool = True,
) -> str:
    """One CSV row per posting with the columns listed in the module docstring."""
    ordered, chart = _prepare(entries, accounts)
    fmt = _AmountFormatter(currency_decimals)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for entry in ordered:
        for posting in entry.postings:
            amount = fmt(abs(posting.amount), posting.currency)
            is_credit = posting.amount < 0
            writer.writerow(
                {
                    "entry_id": entry.id,
                    "business_date": entry.business_date.isoformat(),
                    "property": csv_text(entry.property_code, neutralize_formulas),
                    "account_code": posting.account_code,
                    "account_name": csv_text(chart[posting.account_code].name, neutralize_formulas),
                    "debit": "" if is_credit else amount,
                    "credit": amount if is_credit else "",
                    "currency": posting.currency,
                    "description": csv_text(entry.description, neutralize_formulas),
                    "source_type": csv_text(entry.source_type, neutralize_formulas),
                    "source_id": csv_text(entry.source_id, neutralize_formulas),
                    "reverses_entry_id": (
                        "" if entry.reverses_entry_id is None else entry.reverses_entry_id
                    ),
                    "invoice_number": csv_text(entry.invoice_number, neutralize_formulas),
                }
            )
    return buffer.getvalue()


def render_json(
    entries: Iterable[JournalEntry],
    accounts: Iterable[Account],
    *,
    currency_decimals: Mapping[str, int] | None = None,
) -> str:
    """A JSON document with the chart and the entries; amounts are decimal strings.

    Strings, not numbers, because JSON numbers are parsed as binary floats by
    most consumers and money must not be.
    """
    ordered, chart = _prepare(entries, accounts)
    fmt = _AmountFormatter(currency_decimals)
    document = {
        "format": "frontdesk.accounting_bridge.journal",
        "version": 1,
        "accounts": [
            {"code": account.code, "name": account.name, "kind": account.kind}
            for account in chart.values()
        ],
        "entries": [
            {
                "id": entry.id,
                "property_code": entry.property_code,
                "business_date": entry.business_date.isoformat(),
                "description": entry.description,
                "source_type": entry.source_type,
                "source_id": entry.source_id,
                "reverses_entry_id": entry.reverses_entry_id,
                "invoice_number": entry.invoice_number,
                "postings": [
                    {
                        "account_code": posting.account_code,
                        "amount": fmt(posting.amount, posting.currency),
                        "currency": posting.currency,
                    }
                    for posting in entry.postings
                ],
            }
            for entry in ordered
        ],
    }
    # Lone surrogates in staff text would make the document unwritable as UTF-8.
    return valid_unicode(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
