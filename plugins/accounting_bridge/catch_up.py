"""Catching up when the bridge comes on for a property that has history (issue #23).

While the bridge is off, core's money hooks have no one to journal them, so movements happen
without journal entries. When it comes on again (``frontdesk_plugin_enabled``), the bridge
finds what it missed by *difference*, not by time: every folio entry and city-ledger payment
of the property that no journal entry records (``source_key`` unique), journaled now, dated on
the current business date and marked late (``LateEntry``). Then the deposits of folios
whose stay checked in or whose folio closed meanwhile move from 2100 to 1200, as the
check-in and closing hooks would have done.

A property with history and no journal at all (the bridge never on for it) first gets an
opening balance (``OpeningBalance``, one per property): one entry per folio and per
city-ledger account against opening balance equity (3000), summing the movements dated
before ``as_of`` (the current business date, or the hotel's ``history_from``); movements from
``as_of`` on are journaled one by one. Opening entries are per folio and per account because
the reconciliation compares the journal with core folio by folio and account by account.

Each batch runs in its own write transaction and re-reads what is still missing, so a crash
midway loses nothing and a re-run finishes without duplicates (the unique ``source_key``
guards a race with the live hooks too).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

from frontdesk.api import InvalidInput, run_write
from frontdesk.api.outbox import OutboxMessage
from frontdesk.api.tables import (
    CityLedgerAccount,
    CityLedgerEntry,
    Folio,
    FolioEntry,
    Invoice,
    NightAuditRun,
    Property,
    Stay,
)

from . import default_chart as dc
from . import journal, outbox
from .tables import (
    ConnectorSetting,
    JournalEntryRow,
    JournalPosting,
    OpeningBalance,
    SealedDay,
)

BATCH = 200
ZERO = Decimal(0)
CONFLICT = "The journal changed while catching up; run the catch-up again."


async def catch_up(
    property: Property,
    disabled_since: datetime | None,
    history_from: date | None,
    actor: str | None,
) -> str:
    """The bridge's ``frontdesk_plugin_enabled``: opening balance when due, then every missed
    movement, then the deposits; returns a one-line summary."""
    opening, note = await _opening(property.id, disabled_since, history_from, actor)
    opened = await _write_openings(property.id, opening, actor) if opening else 0
    since = opening.as_of if opening else None
    late, cursor = 0, (0, 0)
    while True:
        written, after = await run_write(
            lambda cursor=cursor: _journal_missing(property.id, since, cursor, actor),
            conflict_message=CONFLICT,
        )
        if after == cursor:
            break
        late, cursor = late + written, after
    applied = await run_write(
        lambda: _apply_pending_deposits(property.id, actor), conflict_message=CONFLICT
    )
    invoiced = await _queue_missed_invoices(property.id, disabled_since)
    sealed = await _seal_missed_days(property, disabled_since, actor)
    parts = []
    if opening is not None:
        parts.append(f"{opened} opening entries as of {opening.as_of}")
    parts.append(f"{late} movements journaled late")
    if applied:
        parts.append(f"{applied} folios' deposits applied late")
    if invoiced:
        parts.append(f"{invoiced} invoices sent to the connectors late")
    if sealed:
        parts.append(f"{sealed} days audited while off sealed")
    return f"accounting_bridge, {property.code}: " + ", ".join(parts) + note


async def _opening(
    property_id: int, disabled_since: datetime | None, history_from: date | None, actor: str | None
) -> tuple[OpeningBalance | None, str]:
    """The property's opening balance: the one it has, else a new one when the journal is
    empty and either the bridge was never on for it or the hotel chose ``history_from``."""
    existing = await OpeningBalance.objects().where(OpeningBalance.property == property_id).first()
    if existing is not None:
        return existing, ""
    wanted = disabled_since is None or history_from is not None
    if not wanted or await JournalEntryRow.exists().where(JournalEntryRow.property == property_id):
        ignored = " (history_from ignored: the journal already has entries)"
        return None, ignored if history_from is not None else ""
    today = await journal.current_business_date(property_id)
    if history_from is not None and history_from > today:
        raise InvalidInput(
            f"history_from {history_from} is after the business date {today}.",
            field="historyFrom",
        )

    async def change() -> OpeningBalance:
        found = await OpeningBalance.objects().where(OpeningBalance.property == property_id).first()
        if found is not None:
            return found
        row = OpeningBalance(property=property_id, as_of=history_from or today, created_by=actor)
        await row.save()
        return row

    return await run_write(change, conflict_message=CONFLICT), ""


async def _balances_before(table, owner, property_id: int, as_of: date) -> dict[int, Decimal]:
    rows = await table.select(owner, table.amount).where(
        (table.property == property_id) & (table.business_date < as_of)
    )
    sums: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        sums[row[owner._meta.name]] += Decimal(row["amount"])
    return {key: value for key, value in sums.items() if value != ZERO}


async def _write_openings(property_id: int, opening: OpeningBalance, actor: str | None) -> int:
    """One entry per folio and city-ledger account with a balance before ``as_of`` (the
    movements before it never change: business dates only move forward)."""
    folios = await _balances_before(FolioEntry, FolioEntry.folio, property_id, opening.as_of)
    accounts = await _balances_before(
        CityLedgerEntry, CityLedgerEntry.account, property_id, opening.as_of
    )
    todo = [("folio", k, v) for k, v in sorted(folios.items())]
    todo += [("city_ledger_account", k, v) for k, v in sorted(accounts.items())]
    written = 0
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]

        async def change(chunk=chunk) -> int:
            return sum([await _opening_entry(opening, *item, actor) for item in chunk])

        written += await run_write(change, conflict_message=CONFLICT)
    return written


async def _opening_entry(
    opening: OpeningBalance, subject: str, subject_id: int, balance: Decimal, actor: str | None
) -> int:
    key = f"opening:{subject}:{subject_id}"
    if await journal.entry_for_source(key) is not None:
        return 0
    if subject == "folio":
        folio = await Folio.objects().where(Folio.id == subject_id).first()
        stay = await Stay.select(Stay.status).where(Stay.id == folio.stay).first()
        booked = stay is not None and stay["status"] == "booked"
        side = dc.DEPOSITS_RECEIVED if booked and balance < ZERO else dc.GUEST_LEDGER
        name, currency = f"folio {folio.number} (stay {folio.stay})", folio.currency
        links = {"folio": folio.id, "stay": folio.stay}
    else:
        account = (
            await CityLedgerAccount.objects().where(CityLedgerAccount.id == subject_id).first()
        )
        side, name, currency = dc.CITY_LEDGER, f"city ledger {account.code}", account.currency
        links = {"city_ledger_account": account.id}
    await journal.write_entry(
        property_id=opening.property,
        currency=currency,
        description=f"Opening balance of {name} before {opening.as_of}",
        source_type="opening_balance",
        source_key=key,
        lines=[(side, balance), (dc.OPENING_BALANCE_EQUITY, -balance)],
        actor=actor,
        **links,
    )
    return 1


def _not_journaled(column):
    """Ids of ``column`` that no journal entry records (NULLs left out: NOT IN a set holding
    NULL matches nothing)."""
    return JournalEntryRow.select(column).where(column.is_not_null())


async def _missing(
    property_id: int, since: date | None, cursor: tuple[int, int]
) -> tuple[list[FolioEntry], list[CityLedgerEntry]]:
    """Up to ``BATCH`` folio entries and city-ledger payments each of the property with no
    journal entry, past ``cursor`` (ids already tried in this run: a movement that nets to
    zero gets no entry and must not be tried forever)."""
    folio_where = (
        (FolioEntry.property == property_id)
        & (FolioEntry.id > cursor[0])
        & FolioEntry.id.not_in(_not_journaled(JournalEntryRow.folio_entry))
    )
    ledger_where = (
        (CityLedgerEntry.property == property_id)
        & (CityLedgerEntry.kind == "payment")
        & (CityLedgerEntry.id > cursor[1])
        & CityLedgerEntry.id.not_in(_not_journaled(JournalEntryRow.city_ledger_entry))
    )
    if since is not None:
        folio_where &= FolioEntry.business_date >= since
        ledger_where &= CityLedgerEntry.business_date >= since
    folio = await FolioEntry.objects().where(folio_where).order_by(FolioEntry.id).limit(BATCH)
    ledger = (
        await CityLedgerEntry.objects()
        .where(ledger_where)
        .order_by(CityLedgerEntry.id)
        .limit(BATCH)
    )
    return folio, ledger


async def _journal_missing(
    property_id: int, since: date | None, cursor: tuple[int, int], actor: str | None
) -> tuple[int, tuple[int, int]]:
    """One batch, in the caller's write transaction, in the order the movements were made:
    how many entries it wrote, and the cursor past the movements it tried."""
    folio, ledger = await _missing(property_id, since, cursor)
    batch: list[FolioEntry | CityLedgerEntry] = [*folio, *ledger]
    batch.sort(key=lambda m: (m.posted_at, isinstance(m, CityLedgerEntry), m.id))
    written = 0
    token = journal.LATE.set(True)
    try:
        for movement in batch:
            written += await journal_movement(movement, actor) is not None
    finally:
        journal.LATE.reset(token)
    after = (
        max((m.id for m in folio), default=cursor[0]),
        max((m.id for m in ledger), default=cursor[1]),
    )
    return written, after


async def journal_movement(
    movement: FolioEntry | CityLedgerEntry, actor: str | None
) -> JournalEntryRow | None:
    """Journal one missed movement as its live hook would have (None: it nets to zero)."""
    if isinstance(movement, CityLedgerEntry):
        account = (
            await CityLedgerAccount.objects()
            .where(CityLedgerAccount.id == movement.account)
            .first()
        )
        return await journal.record_city_ledger_payment(account, movement, actor)
    folio = await Folio.objects().where(Folio.id == movement.folio).first()
    if movement.kind == "transfer":
        ledger = await CityLedgerEntry.objects().where(CityLedgerEntry.folio == folio.id).first()
        account = (
            await CityLedgerAccount.objects().where(CityLedgerAccount.id == ledger.account).first()
        )
        invoice = await Invoice.objects().where(Invoice.id == ledger.invoice).first()
        return await journal.record_transfer(folio, movement, account, ledger, invoice, actor)
    original = None
    if movement.corrected_entry is not None:
        original = (
            await FolioEntry.objects().where(FolioEntry.id == movement.corrected_entry).first()
        )
    return await journal.record_folio_entry(folio, movement, actor, reverses=original)


async def _apply_pending_deposits(property_id: int, actor: str | None) -> int:
    """Deposits still held in 2100 for folios whose stay checked in or whose folio closed
    while the bridge was off move to the guest ledger, as those hooks would have done."""
    postings = await JournalPosting.select(JournalPosting.entry, JournalPosting.amount).where(
        (JournalPosting.property == property_id)
        & (JournalPosting.account_code == dc.DEPOSITS_RECEIVED)
    )
    if not postings:
        return 0
    entry_ids = sorted({p["entry"] for p in postings})
    owners = await JournalEntryRow.select(JournalEntryRow.id, JournalEntryRow.folio).where(
        JournalEntryRow.id.is_in(entry_ids)
    )
    folio_of = {row["id"]: row["folio"] for row in owners}
    held: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for p in postings:
        held[folio_of[p["entry"]]] += Decimal(p["amount"])
    applied = 0
    token = journal.LATE.set(True)
    try:
        for folio_id in sorted(k for k, v in held.items() if v != ZERO and k is not None):
            folio = await Folio.objects().where(Folio.id == folio_id).first()
            stay = await Stay.select(Stay.status).where(Stay.id == folio.stay).first()
            if folio.status == "open" and stay["status"] not in ("checked_in", "checked_out"):
                continue
            invoice = await Invoice.objects().where(Invoice.folio == folio.id).first()
            applied += await journal.apply_deposits(folio, actor, invoice) is not None
    finally:
        journal.LATE.reset(token)
    return applied


async def _queue_missed_invoices(property_id: int, disabled_since: datetime | None) -> int:
    """Invoices issued while off, for the connectors that receive each entry (behind the
    late entries of their folios); one message per invoice and connector, never twice."""
    connectors = await ConnectorSetting.select(ConnectorSetting.connector).where(
        (ConnectorSetting.property == property_id)
        & (ConnectorSetting.enabled == True)  # noqa: E712
        & (ConnectorSetting.deliver == "entry")
    )
    if disabled_since is None or not connectors:
        return 0
    issued = (
        await Invoice.objects()
        .where((Invoice.property == property_id) & (Invoice.issued_at >= disabled_since))
        .order_by(Invoice.id)
    )
    queued = 0
    for invoice in issued:
        keys = [
            outbox.message_key(property_id, c["connector"], f"invoice-{invoice.id}")
            for c in connectors
        ]
        if await OutboxMessage.exists().where(OutboxMessage.message_id.is_in(keys)):
            continue

        async def change(invoice: Invoice = invoice) -> None:
            folio = await Folio.objects().where(Folio.id == invoice.folio).first()
            await outbox.queue_invoice(invoice, folio)

        await run_write(change, conflict_message=CONFLICT)
        queued += 1
    return queued


async def _seal_missed_days(
    prop: Property, disabled_since: datetime | None, actor: str | None
) -> int:
    """Seal the business dates whose night audit completed while off, in date order, as
    ``frontdesk_night_audit_completed`` would have (their late movements are dated today)."""
    if disabled_since is None:
        return 0
    runs = await NightAuditRun.select(NightAuditRun.business_date).where(
        (NightAuditRun.property == prop.id)
        & (NightAuditRun.status == "completed")
        & (NightAuditRun.completed_at >= disabled_since)
    )
    done = await SealedDay.select(SealedDay.business_date).where(SealedDay.property == prop.id)
    sealed = {row["business_date"] for row in done}
    missed = sorted({row["business_date"] for row in runs} - sealed)
    for day in missed:
        await run_write(
            lambda day=day: journal.seal_day(prop, day, actor), conflict_message=CONFLICT
        )
    return len(missed)
