"""Writing the journal: one balanced entry per folio movement, inside its transaction.

Every function here runs inside the write transaction core opened for the movement (the
hook implementations in ``__init__`` return these coroutines), so the journal entry and the
movement commit together or not at all. ``source_key`` is unique in the database, so a
movement can never be booked twice.

Postings (debit positive, credit negative), with ``a`` the folio entry's ``amount``:

* charge, and the correction of one: guest ledger ``+gross``, revenue of the category
  ``-net``, VAT payable of the rate ``-tax`` (city tax credits the liability 2300).
* payment, refund, and their corrections: guest side ``+a``, the method's account ``-a``.
  The guest side is *deposits received* (2100) while the stay is still booked (a deposit
  before arrival) and the guest ledger (1200) afterwards. At check-in, or when the folio
  closes, the folio's deposits move from 2100 to 1200 in an entry of their own.
* transfer to the city ledger: city ledger (1210) ``+balance``, guest ledger ``-balance``.
* city-ledger payment: the method's account ``+paid``, city ledger ``-paid``.

A correction keeps a pointer to the entry of the movement it reverses (``reverses``).
Entries are dated on the property's *current* business date, read under a share lock on
PostgreSQL: a sealed day never takes another entry, later movements land on the next day.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from frontdesk.api import Conflict, find_rows, is_sqlite, lock_row, round_money
from frontdesk.api.tables import (
    CityLedgerAccount,
    CityLedgerEntry,
    Folio,
    FolioEntry,
    Invoice,
    Property,
    Stay,
)

from . import default_chart as dc
from .chart import method_code, revenue_code
from .ledger_model import JournalEntry, Posting, assert_balanced
from .tables import JournalEntryRow, JournalPosting, LateEntry, SealedDay

ZERO = Decimal(0)
# Set by catch_up.py while it journals movements made when the bridge was off: every entry
# written meanwhile (deposits applied on the way included) is marked ``late``.
LATE: contextvars.ContextVar[bool] = contextvars.ContextVar("accounting_late", default=False)


async def current_business_date(property_id: int) -> date:
    """The property's business date, share-locked on PostgreSQL until commit so the night
    audit cannot seal the day between this read and the entry's insert."""
    lock = "" if is_sqlite() else " FOR SHARE"
    rows = await Property.raw(
        f"SELECT business_date FROM core_property WHERE id = {{}}{lock}", property_id
    )
    value = rows[0]["business_date"]
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _merge(lines: Iterable[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    totals: dict[str, Decimal] = {}
    for code, amount in lines:
        totals[code] = totals.get(code, ZERO) + Decimal(amount)
    return [(code, amount) for code, amount in totals.items() if amount != ZERO]


async def write_entry(
    *,
    property_id: int,
    currency: str,
    description: str,
    source_type: str,
    source_key: str,
    lines: Iterable[tuple[str, Decimal]],
    actor: str | None,
    **links: int | None,
) -> JournalEntryRow | None:
    """Insert one balanced entry and its postings (None when every line nets to zero) and
    queue it for the connectors that deliver each entry."""
    merged = _merge(lines)
    if not merged:
        return None
    day = await current_business_date(property_id)
    if await SealedDay.exists().where(
        (SealedDay.property == property_id) & (SealedDay.business_date == day)
    ):
        raise Conflict(f"The journal of {day} is sealed.", field="businessDate")
    postings = tuple(Posting(code, amount, currency) for code, amount in merged)
    assert_balanced(JournalEntry(0, "", day, description, source_type, None, postings))
    row = JournalEntryRow(
        property=property_id,
        business_date=day,
        description=description[:250],
        source_type=source_type,
        source_key=source_key,
        currency=currency,
        actor=actor,
        **links,
    )
    await row.save()
    await JournalPosting.insert(
        *[
            JournalPosting(
                entry=row.id,
                property=property_id,
                business_date=day,
                line=i,
                account_code=p.account_code,
                amount=p.amount,
                currency=currency,
            )
            for i, p in enumerate(postings, start=1)
        ]
    )
    if LATE.get():
        await LateEntry(entry=row.id, property=property_id).save()
    from .outbox import queue_entry

    await queue_entry(row)
    return row


async def entry_for_source(source_key: str) -> JournalEntryRow | None:
    return await JournalEntryRow.objects().where(JournalEntryRow.source_key == source_key).first()


async def _guest_side(folio: Folio) -> str:
    rows = await Stay.raw("SELECT status FROM core_stay WHERE id = {}", folio.stay)
    return dc.DEPOSITS_RECEIVED if rows and rows[0]["status"] == "booked" else dc.GUEST_LEDGER


def folio_entry_lines(entry: FolioEntry, guest_side: str) -> list[tuple[str, Decimal]]:
    """The postings of one folio entry (see the module docstring)."""
    amount = Decimal(entry.amount)
    if entry.kind == "charge" or (entry.kind == "correction" and entry.category):
        net, tax, gross = Decimal(entry.net), Decimal(entry.tax), Decimal(entry.gross)
        lines = [(dc.GUEST_LEDGER, gross), (revenue_code(entry.category), -net)]
        rate = Decimal(entry.tax_rate)
        if tax != ZERO:
            lines.append((dc.vat_account_code(rate) if 0 < rate < 100 else dc.ROUNDING, -tax))
        if net + tax != gross:
            lines.append((dc.ROUNDING, net + tax - gross))
        return lines
    if entry.kind == "transfer":
        return [(dc.CITY_LEDGER, -amount), (dc.GUEST_LEDGER, amount)]
    return [(guest_side, amount), (method_code(entry.method), -amount)]


SOURCE_TYPES = {
    "charge": "folio_charge",
    "payment": "folio_payment",
    "refund": "folio_refund",
    "correction": "folio_correction",
    "transfer": "city_ledger_transfer",
}


async def record_folio_entry(
    folio: Folio,
    entry: FolioEntry,
    actor: str | None,
    *,
    reverses: FolioEntry | None = None,
    invoice: Invoice | None = None,
    account: CityLedgerAccount | None = None,
    ledger_entry: CityLedgerEntry | None = None,
) -> JournalEntryRow | None:
    guest_side = await _guest_side(folio)
    original = None
    if reverses is not None:
        original = await entry_for_source(f"folio_entry:{reverses.id}")
    return await write_entry(
        property_id=folio.property,
        currency=entry.currency,
        description=entry.description or entry.kind,
        source_type=SOURCE_TYPES[entry.kind],
        source_key=f"folio_entry:{entry.id}",
        lines=folio_entry_lines(entry, guest_side),
        actor=actor,
        folio_entry=entry.id,
        folio=folio.id,
        stay=folio.stay,
        reverses=original.id if original else None,
        invoice=invoice.id if invoice else None,
        city_ledger_account=account.id if account else None,
        city_ledger_entry=ledger_entry.id if ledger_entry else None,
    )


async def deposits_held(folio_id: int) -> Decimal:
    """What the folio's deposits still hold in 2100 (a credit, so returned positive)."""
    rows = await JournalPosting.select(JournalPosting.amount).where(
        (JournalPosting.account_code == dc.DEPOSITS_RECEIVED)
        & JournalPosting.entry.is_in(
            JournalEntryRow.select(JournalEntryRow.id).where(JournalEntryRow.folio == folio_id)
        )
    )
    return -sum((Decimal(r["amount"]) for r in rows), ZERO)


async def apply_deposits(
    folio: Folio, actor: str | None, invoice: Invoice | None = None
) -> JournalEntryRow | None:
    """Move the folio's deposits from deposits received to the guest ledger (at check-in or
    when the folio closes), once."""
    held = await deposits_held(folio.id)
    if held == ZERO or await entry_for_source(f"deposit_applied:folio:{folio.id}"):
        return None
    return await write_entry(
        property_id=folio.property,
        currency=folio.currency,
        description=f"Deposits applied to folio {folio.number}",
        source_type="deposit_applied",
        source_key=f"deposit_applied:folio:{folio.id}",
        lines=[(dc.DEPOSITS_RECEIVED, held), (dc.GUEST_LEDGER, -held)],
        actor=actor,
        folio=folio.id,
        stay=folio.stay,
        invoice=invoice.id if invoice else None,
    )


async def apply_stay_deposits(stay: Stay, actor: str | None) -> None:
    for folio in await find_rows(Folio, Folio.stay == stay.id, order_by=Folio.number):
        await apply_deposits(folio, actor)


async def record_transfer(
    folio: Folio,
    entry: FolioEntry,
    account: CityLedgerAccount,
    ledger_entry: CityLedgerEntry,
    invoice: Invoice | None,
    actor: str | None,
) -> JournalEntryRow | None:
    """The folio's deposits reach the guest ledger first, then its balance moves to 1210."""
    await apply_deposits(folio, actor, invoice)
    return await record_folio_entry(
        folio, entry, actor, invoice=invoice, account=account, ledger_entry=ledger_entry
    )


async def record_city_ledger_payment(
    account: CityLedgerAccount, ledger_entry: CityLedgerEntry, actor: str | None
) -> JournalEntryRow | None:
    paid = -Decimal(ledger_entry.amount)
    return await write_entry(
        property_id=account.property,
        currency=ledger_entry.currency,
        description=f"Payment from {account.code} ({ledger_entry.method})",
        source_type="city_ledger_payment",
        source_key=f"city_ledger_entry:{ledger_entry.id}",
        lines=[(method_code(ledger_entry.method), paid), (dc.CITY_LEDGER, -paid)],
        actor=actor,
        city_ledger_entry=ledger_entry.id,
        city_ledger_account=account.id,
    )


async def seal_day(prop: Property, business_date: date, actor: str | None) -> SealedDay:
    """Close ``business_date``'s journal (night audit completed) and queue the day for the
    connectors that deliver sealed days. The property row is locked first so no posting can
    still be dating an entry on this day."""
    await lock_row(Property, prop.id)
    existing = (
        await SealedDay.objects()
        .where((SealedDay.property == prop.id) & (SealedDay.business_date == business_date))
        .first()
    )
    if existing is not None:
        return existing
    count = await JournalEntryRow.count().where(
        (JournalEntryRow.property == prop.id) & (JournalEntryRow.business_date == business_date)
    )
    sealed = SealedDay(
        property=prop.id, business_date=business_date, entry_count=count, sealed_by=actor
    )
    await sealed.save()
    from .outbox import queue_day

    await queue_day(sealed)
    return sealed


async def record_payroll(
    *,
    staff,
    entries,
    period_start: date,
    period_end: date,
    minutes: int,
    amount: Decimal | None,
    currency: str,
    actor: str | None,
) -> JournalEntryRow | None:
    """Book approved hours as labour cost against accrued wages (nothing without a wage)."""
    if amount is None or Decimal(amount) == ZERO:
        return None
    ids = ",".join(str(e.id) for e in sorted(entries, key=lambda e: e.id))
    digest = hashlib.sha256(ids.encode()).hexdigest()[:32]
    value = round_money(amount, currency)
    return await write_entry(
        property_id=staff.property,
        currency=currency,
        description=f"Labour {staff.id} {period_start}..{period_end} ({minutes} min)",
        source_type="payroll_accrual",
        source_key=f"payroll:{staff.id}:{digest}",
        lines=[(dc.LABOUR_COST, value), (dc.ACCRUED_WAGES, -value)],
        actor=actor,
    )
