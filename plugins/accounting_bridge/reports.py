"""Reading the journal: trial balance, reconciliation with core, and exports.

Reconciliation compares the journal with core's own books, folio by folio and account by
account, so a difference points at the entries behind it:

* guest side: for every folio, the journal's guest ledger (1200) plus deposits received
  (2100) equals the folio's balance in core (the sum of its entries' amounts); their total
  is the sum of open folio balances, as closed folios are at zero on both sides;
* city ledger: for every city-ledger account, the journal's 1210 equals core's balance.

Both are taken "as of" a business date (inclusive), since journal entries and folio entries
carry the same business date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from frontdesk.api.tables import CityLedgerEntry, FolioEntry, Property

from . import default_chart as dc
from . import exports, invoices
from .chart import ChartLine, chart_of
from .ledger_model import Account, JournalEntry, Posting
from .tables import JournalEntryRow, JournalPosting

ZERO = Decimal(0)
FORMATS = ("hledger", "beancount", "csv", "json")


@dataclass(frozen=True)
class BalanceLine:
    account: Account
    external_code: str | None
    currency: str
    debit: Decimal
    credit: Decimal

    @property
    def balance(self) -> Decimal:
        return self.debit - self.credit


def _range(column, start: date | None, end: date | None):
    condition = column.is_not_null()
    if start is not None:
        condition &= column >= start
    if end is not None:
        condition &= column <= end
    return condition


async def trial_balance(
    property_id: int, start: date | None, end: date | None
) -> list[BalanceLine]:
    """Debits and credits per account and currency of the entries dated in the range."""
    rows = await JournalPosting.select(
        JournalPosting.account_code, JournalPosting.currency, JournalPosting.amount
    ).where(
        (JournalPosting.property == property_id) & _range(JournalPosting.business_date, start, end)
    )
    sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for row in rows:
        amount = Decimal(row["amount"])
        bucket = sums[(row["account_code"], row["currency"])]
        bucket[0 if amount > 0 else 1] += abs(amount)
    chart = {line.account.code: line for line in await chart_of(property_id)}
    return [
        BalanceLine(chart[code].account, chart[code].external_code, currency, d, c)
        for (code, currency), (d, c) in sorted(sums.items())
    ]


@dataclass
class Difference:
    """A folio or city-ledger account whose journal and core balances differ."""

    subject: str
    subject_id: int
    journal: Decimal
    core: Decimal
    entry_ids: list[int] = field(default_factory=list)


@dataclass
class LedgerCheck:
    journal: Decimal
    core: Decimal
    differences: list[Difference]

    @property
    def difference(self) -> Decimal:
        return self.journal - self.core


async def _journal_by(
    property_id: int, codes: tuple[str, ...], link: str, as_of: date | None
) -> tuple[dict[int, Decimal], dict[int, list[int]]]:
    entries = await JournalEntryRow.select(
        JournalEntryRow.id, getattr(JournalEntryRow, link)
    ).where(
        (JournalEntryRow.property == property_id)
        & _range(JournalEntryRow.business_date, None, as_of)
    )
    owner = {e["id"]: e[link] for e in entries}
    postings = await JournalPosting.select(JournalPosting.entry, JournalPosting.amount).where(
        (JournalPosting.property == property_id)
        & JournalPosting.account_code.is_in(list(codes))
        & _range(JournalPosting.business_date, None, as_of)
    )
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    behind: dict[int, list[int]] = defaultdict(list)
    for p in postings:
        key = owner.get(p["entry"]) or 0
        totals[key] += Decimal(p["amount"])
        behind[key].append(p["entry"])
    return totals, behind


def _compare(
    subject: str,
    journal: dict[int, Decimal],
    core: dict[int, Decimal],
    behind: dict[int, list[int]],
) -> LedgerCheck:
    differences = [
        Difference(
            subject,
            key,
            journal.get(key, ZERO),
            core.get(key, ZERO),
            sorted(set(behind.get(key, []))),
        )
        for key in sorted(set(journal) | set(core))
        if journal.get(key, ZERO) != core.get(key, ZERO)
    ]
    return LedgerCheck(sum(journal.values(), ZERO), sum(core.values(), ZERO), differences)


async def reconcile(property_id: int, as_of: date | None) -> tuple[LedgerCheck, LedgerCheck]:
    """(guest ledger check, city ledger check); see the module docstring."""
    guest_journal, guest_behind = await _journal_by(
        property_id, (dc.GUEST_LEDGER, dc.DEPOSITS_RECEIVED), "folio", as_of
    )
    folio_rows = await FolioEntry.select(FolioEntry.folio, FolioEntry.amount).where(
        (FolioEntry.property == property_id) & _range(FolioEntry.business_date, None, as_of)
    )
    guest_core: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in folio_rows:
        guest_core[row["folio"]] += Decimal(row["amount"])
    city_journal, city_behind = await _journal_by(
        property_id, (dc.CITY_LEDGER,), "city_ledger_account", as_of
    )
    ledger_rows = await CityLedgerEntry.select(
        CityLedgerEntry.account, CityLedgerEntry.amount
    ).where(
        (CityLedgerEntry.property == property_id)
        & _range(CityLedgerEntry.business_date, None, as_of)
    )
    city_core: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in ledger_rows:
        city_core[row["account"]] += Decimal(row["amount"])
    return (
        _compare("folio", guest_journal, guest_core, guest_behind),
        _compare("cityLedgerAccount", city_journal, city_core, city_behind),
    )


async def ledger_entries(
    property_id: int, start: date | None, end: date | None
) -> tuple[list[JournalEntry], list[ChartLine]]:
    """The journal of a range as ledger_model entries, posting to the hotel's own codes."""
    chart = await chart_of(property_id)
    codes = {line.account.code: line.export_code for line in chart}
    prop = await Property.select(Property.code).where(Property.id == property_id).first()
    rows = (
        await JournalEntryRow.objects()
        .where(
            (JournalEntryRow.property == property_id)
            & _range(JournalEntryRow.business_date, start, end)
        )
        .order_by(JournalEntryRow.id)
    )
    postings = (
        await JournalPosting.objects()
        .where(
            (JournalPosting.property == property_id)
            & _range(JournalPosting.business_date, start, end)
        )
        .order_by(JournalPosting.entry, JournalPosting.line)
    )
    by_entry: dict[int, list[Posting]] = defaultdict(list)
    for p in postings:
        by_entry[p.entry].append(
            Posting(codes.get(p.account_code, p.account_code), Decimal(p.amount), p.currency)
        )
    links = await invoices.links_of(rows)
    entries = [
        JournalEntry(
            r.id,
            prop["code"],
            r.business_date,
            r.description,
            r.source_type,
            r.source_key,
            tuple(by_entry[r.id]),
            r.reverses,
            str(links[r.id].number) if r.id in links else None,
        )
        for r in rows
    ]
    return entries, chart


async def render_export(property_id: int, start: date | None, end: date | None, fmt: str) -> str:
    """The journal of a range in one of ``FORMATS`` (accounts under the hotel's codes)."""
    entries, chart = await ledger_entries(property_id, start, end)
    accounts = [Account(line.export_code, line.account.name, line.account.kind) for line in chart]
    if fmt == "hledger":
        return exports.render_hledger(entries, accounts)
    if fmt == "beancount":
        return exports.render_beancount(entries, accounts)
    if fmt == "csv":
        return exports.render_csv(entries, accounts)
    return exports.render_json(entries, accounts)
