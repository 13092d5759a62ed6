"""GraphQL types of the accounting bridge (prefixed Accounting…). Amounts are Money
(``{amount currency}``, the amount with the currency's minor units)."""

from __future__ import annotations

import enum
from datetime import date, datetime

import strawberry
from strawberry.types import Info

from frontdesk.api.graphql import Money, money, secure_field
from frontdesk.api.tables import Invoice

from . import chart
from .tables import JournalEntryRow, JournalPosting, LateEntry


@strawberry.enum
class AccountingExportFormat(enum.Enum):
    HLEDGER = "hledger"
    BEANCOUNT = "beancount"
    CSV = "csv"
    JSON = "json"


@strawberry.enum
class AccountingOutboxStatus(enum.Enum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


@strawberry.enum
class AccountingDeliveryMode(enum.Enum):
    ENTRY = "entry"
    DAY = "day"


@strawberry.type(description="An account of the property's chart and the hotel's own code.")
class AccountingAccount:
    code: str
    name: str
    kind: str
    external_code: str | None


@strawberry.type
class AccountingPosting:
    line: int
    account_code: str
    amount: Money = strawberry.field(description="Debit positive, credit negative.")
    currency: str


@strawberry.type(description="A balanced, immutable journal entry and its source.")
class AccountingJournalEntry:
    id: strawberry.ID
    business_date: date
    description: str
    source_type: str
    source_key: str
    currency: str
    actor: str | None
    created_at: datetime
    redacted_at: datetime | None = strawberry.field(
        description="When the description was replaced because its guest was anonymized "
        "(GDPR); amounts, accounts, dates and links never change."
    )

    @strawberry.field
    def folio_entry_id(self) -> strawberry.ID | None:
        return _id(self.folio_entry)

    @strawberry.field
    def folio_id(self) -> strawberry.ID | None:
        return _id(self.folio)

    @strawberry.field
    def stay_id(self) -> strawberry.ID | None:
        return _id(self.stay)

    @strawberry.field(
        description="The invoice the entry belongs to: the one it names, else its folio's "
        "once the folio closed. A document reference; the invoice books no amount."
    )
    async def invoice_id(self, info: Info) -> strawberry.ID | None:
        invoice = await _invoice_of(self, info)
        return None if invoice is None else _id(invoice.id)

    @strawberry.field(description="The number of that invoice (gapless per property).")
    async def invoice_number(self, info: Info) -> int | None:
        invoice = await _invoice_of(self, info)
        return None if invoice is None else invoice.number

    @strawberry.field
    def city_ledger_account_id(self) -> strawberry.ID | None:
        return _id(self.city_ledger_account)

    @strawberry.field(
        description="Journaled on catch-up, after the movement was made while the bridge "
        "was off for the property; dated on the day it was journaled."
    )
    async def late(self, info: Info) -> bool:
        marks = await info.context.loaders.many_by(
            LateEntry, "entry", namespace="accounting_bridge"
        ).load(self.id)
        return bool(marks)

    @strawberry.field(description="The entry this one reverses (a correction).")
    def reverses_id(self) -> strawberry.ID | None:
        return _id(self.reverses)

    @strawberry.field
    async def postings(self, info: Info) -> list[AccountingPosting]:
        rows = await info.context.loaders.many_by(
            JournalPosting, "entry", namespace="accounting_bridge"
        ).load(self.id)
        return [
            AccountingPosting(
                line=p.line,
                account_code=p.account_code,
                amount=money(p.amount, p.currency),
                currency=p.currency,
            )
            for p in sorted(rows, key=lambda p: p.line)
        ]


async def _invoice_of(entry: JournalEntryRow, info: Info) -> Invoice | None:
    loaders = info.context.loaders
    if entry.invoice is not None:
        return await loaders.by_id(Invoice, namespace="folios").load(entry.invoice)
    if entry.folio is None:
        return None
    rows = await loaders.many_by(Invoice, "folio", namespace="folios").load(entry.folio)
    return rows[0] if rows else None


def _id(value: int | None) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(str(value))


@strawberry.type
class AccountingTrialBalanceLine:
    account_code: str
    external_code: str | None
    account_name: str
    kind: str
    currency: str
    debit: Money
    credit: Money
    balance: Money = strawberry.field(description="Debit minus credit.")


@strawberry.type
class AccountingTrialBalance:
    start: date | None
    end: date | None
    lines: list[AccountingTrialBalanceLine]
    total_debit: Money = strawberry.field(description="Of the lines in the property's currency.")
    total_credit: Money = strawberry.field(description="Of the lines in the property's currency.")
    balanced: bool = strawberry.field(description="Debits equal credits in every currency.")


@strawberry.type(description="A folio or city-ledger account whose journal and core differ.")
class AccountingDifference:
    subject: str
    subject_id: strawberry.ID
    journal: Money
    core: Money
    entry_ids: list[strawberry.ID]


@strawberry.type
class AccountingLedgerCheck:
    journal: Money = strawberry.field(description="In the property's currency.")
    core: Money
    difference: Money
    reconciled: bool
    differences: list[AccountingDifference]


@strawberry.type
class AccountingReconciliation:
    as_of: date | None
    guest_ledger: AccountingLedgerCheck = strawberry.field(
        description="Guest ledger plus deposits received against the folio balances in core."
    )
    city_ledger: AccountingLedgerCheck = strawberry.field(
        description="City ledger against the city-ledger accounts' balances in core."
    )


@strawberry.type
class AccountingExport:
    format: AccountingExportFormat
    filename: str
    content_type: str
    text: str


def _connector(root) -> str:
    return root.target


def _kind(root) -> str:
    return root.event_type


def _idempotency_key(root) -> str:
    return root.message_id


@strawberry.type
class AccountingOutboxMessage:
    """A message for a connector: a row of core's shared outbox (channel ``accounting``):
    ``connector`` is its ``target``, ``kind`` its ``event_type``, ``idempotencyKey`` its
    ``message_id`` (the ``webhook-id``)."""

    id: strawberry.ID
    connector: str = strawberry.field(resolver=_connector)
    kind: str = strawberry.field(resolver=_kind)
    idempotency_key: str = strawberry.field(resolver=_idempotency_key)
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime
    payload: str

    @strawberry.field
    def status(self) -> AccountingOutboxStatus:
        return AccountingOutboxStatus(self.status)


@strawberry.type(description="A property's connector; its secret is shown only when set.")
class AccountingConnector:
    id: strawberry.ID
    connector: str
    url: str
    enabled: bool
    disabled_reason: str | None

    @strawberry.field
    def deliver(self) -> AccountingDeliveryMode:
        return AccountingDeliveryMode(self.deliver)


@strawberry.type
class AccountingSealedDay:
    business_date: date
    entry_count: int
    sealed_at: datetime


@strawberry.type
class AccountingFolioFields:
    """Fields the bridge adds to the money area's Folio (``self`` is the Folio row)."""

    @secure_field(
        permission="accounting.journal.read",
        description="The journal entries booked for this folio, oldest first.",
    )
    async def journal_entries(self) -> list[AccountingJournalEntry]:
        return (
            await JournalEntryRow.objects()
            .where(JournalEntryRow.folio == self.id)
            .order_by(JournalEntryRow.id)
        )


def account_of(line: chart.ChartLine) -> AccountingAccount:
    a = line.account
    return AccountingAccount(
        code=a.code, name=a.name, kind=a.kind, external_code=line.external_code
    )
