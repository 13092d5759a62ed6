"""The bridge's part of the GraphQL schema, its permissions, and which field needs which.

Queries never raise on bad arguments: an unknown property, an unreadable id or an inverted
date range answer null or an empty list. Mutations take one ``input`` and report mistakes
as UserErrors, writing nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry
from strawberry.types import Info

from frontdesk.api import clamp, paginate
from frontdesk.api.graphql import (
    Connection,
    GraphQLContribution,
    connection,
    maybe_id,
    money,
    secure_field,
)
from frontdesk.api.tables import Invoice, OutboxMessage, Property

from . import chart, invoices, outbox, reports
from .schema_mutations import AccountingMutation
from .schema_types import (
    AccountingAccount,
    AccountingConnector,
    AccountingDifference,
    AccountingExport,
    AccountingExportFormat,
    AccountingFolioFields,
    AccountingJournalEntry,
    AccountingLedgerCheck,
    AccountingOutboxMessage,
    AccountingOutboxStatus,
    AccountingReconciliation,
    AccountingSealedDay,
    AccountingTrialBalance,
    AccountingTrialBalanceLine,
    account_of,
)
from .tables import ConnectorSetting, JournalEntryRow, JournalPosting, SealedDay
from .web_panel import DOCUMENTS as PANEL_DOCUMENTS

DEFAULT_PAGE = 50
MAX_RANGE_DAYS = 3660


async def _property(property_id: strawberry.ID) -> Property | None:
    found = maybe_id(property_id)
    if found is None:
        return None
    return await Property.objects().where(Property.id == found).first()


def _range_ok(start: date | None, end: date | None) -> bool:
    if start is not None and end is not None:
        return start <= end and (end - start).days <= MAX_RANGE_DAYS
    return True


def _check(check: reports.LedgerCheck, currency: str) -> AccountingLedgerCheck:
    return AccountingLedgerCheck(
        journal=money(check.journal, currency),
        core=money(check.core, currency),
        difference=money(check.difference, currency),
        reconciled=not check.differences and check.difference == 0,
        differences=[
            AccountingDifference(
                subject=d.subject,
                subject_id=strawberry.ID(str(d.subject_id)),
                journal=money(d.journal, currency),
                core=money(d.core, currency),
                entry_ids=[strawberry.ID(str(i)) for i in d.entry_ids],
            )
            for d in check.differences
        ],
    )


@strawberry.type
class AccountingQuery:
    @secure_field(
        permission="accounting.journal.read",
        description="The property's chart of accounts with its own codes.",
    )
    async def accounting_accounts(self, property_id: strawberry.ID) -> list[AccountingAccount]:
        prop = await _property(property_id)
        return [] if prop is None else [account_of(x) for x in await chart.chart_of(prop.id)]

    @secure_field(
        permission="accounting.journal.read",
        description="Journal entries, newest last; filter by dates (inclusive), "
        "account, source type, folio, stay or the invoice they belong to (by id or number).",
    )
    async def accounting_journal_entries(
        self,
        info: Info,
        property_id: strawberry.ID,
        start: date | None = None,
        end: date | None = None,
        account_code: str | None = None,
        source_type: str | None = None,
        folio_id: strawberry.ID | None = None,
        stay_id: strawberry.ID | None = None,
        invoice_id: strawberry.ID | None = None,
        invoice_number: int | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AccountingJournalEntry]:
        prop = await _property(property_id)
        size = clamp(first, default=DEFAULT_PAGE, maximum=info.context.settings.max_page_size)
        condition = JournalEntryRow.property == (prop.id if prop else -1)
        if not _range_ok(start, end):
            condition &= JournalEntryRow.id == -1
        if start is not None:
            condition &= JournalEntryRow.business_date >= start
        if end is not None:
            condition &= JournalEntryRow.business_date <= end
        if source_type is not None:
            condition &= JournalEntryRow.source_type == source_type
        if folio_id is not None:
            condition &= JournalEntryRow.folio == (maybe_id(folio_id) or -1)
        if stay_id is not None:
            condition &= JournalEntryRow.stay == (maybe_id(stay_id) or -1)
        if invoice_id is not None:
            condition &= invoices.covering_condition([maybe_id(invoice_id) or -1])
        if invoice_number is not None:
            condition &= invoices.covering_condition(
                Invoice.select(Invoice.id).where(
                    (Invoice.property == (prop.id if prop else -1))
                    & (Invoice.number == invoice_number)
                )
            )
        if account_code is not None:
            condition &= JournalEntryRow.id.is_in(
                JournalPosting.select(JournalPosting.entry).where(
                    JournalPosting.account_code == account_code[:40]
                )
            )
        return connection(await paginate(JournalEntryRow, condition, first=size, after=after))

    @secure_field(
        permission="accounting.journal.read",
        description="Debits and credits per account of entries in the range.",
    )
    async def accounting_trial_balance(
        self, property_id: strawberry.ID, start: date | None = None, end: date | None = None
    ) -> AccountingTrialBalance | None:
        prop = await _property(property_id)
        if prop is None or not _range_ok(start, end):
            return None
        lines = await reports.trial_balance(prop.id, start, end)
        own = [x for x in lines if x.currency == prop.currency]
        per_currency: dict[str, Decimal] = {}
        for line in lines:
            per_currency[line.currency] = per_currency.get(line.currency, Decimal(0)) + line.balance
        return AccountingTrialBalance(
            start=start,
            end=end,
            lines=[
                AccountingTrialBalanceLine(
                    account_code=x.account.code,
                    external_code=x.external_code,
                    account_name=x.account.name,
                    kind=x.account.kind,
                    currency=x.currency,
                    debit=money(x.debit, x.currency),
                    credit=money(x.credit, x.currency),
                    balance=money(x.balance, x.currency),
                )
                for x in lines
            ],
            total_debit=money(sum((x.debit for x in own), Decimal(0)), prop.currency),
            total_credit=money(sum((x.credit for x in own), Decimal(0)), prop.currency),
            balanced=all(v == 0 for v in per_currency.values()),
        )

    @secure_field(
        permission="accounting.journal.read",
        description="The journal against core's folio and city-ledger balances "
        "as of a business date (default: everything).",
    )
    async def accounting_reconciliation(
        self, property_id: strawberry.ID, as_of: date | None = None
    ) -> AccountingReconciliation | None:
        prop = await _property(property_id)
        if prop is None:
            return None
        guest, city = await reports.reconcile(prop.id, as_of)
        return AccountingReconciliation(
            as_of=as_of,
            guest_ledger=_check(guest, prop.currency),
            city_ledger=_check(city, prop.currency),
        )

    @secure_field(
        permission="accounting.exports.read",
        description="The journal of a date range as a file's text.",
    )
    async def accounting_export(
        self,
        property_id: strawberry.ID,
        format: AccountingExportFormat,
        start: date | None = None,
        end: date | None = None,
    ) -> AccountingExport | None:
        prop = await _property(property_id)
        if prop is None or not _range_ok(start, end):
            return None
        text = await reports.render_export(prop.id, start, end, format.value)
        extension, content_type = {
            "hledger": ("journal", "text/plain"),
            "beancount": ("beancount", "text/plain"),
            "csv": ("csv", "text/csv"),
            "json": ("json", "application/json"),
        }[format.value]
        span = f"{start or 'start'}_{end or 'end'}"
        return AccountingExport(
            format=format,
            filename=f"{prop.code}_{span}.{extension}",
            content_type=content_type,
            text=text,
        )

    @secure_field(
        permission="accounting.journal.read",
        description="Outbox messages (the delivery backlog), oldest first.",
    )
    async def accounting_outbox(
        self,
        info: Info,
        property_id: strawberry.ID,
        status: AccountingOutboxStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AccountingOutboxMessage]:
        size = clamp(first, default=DEFAULT_PAGE, maximum=info.context.settings.max_page_size)
        condition = (OutboxMessage.property == (maybe_id(property_id) or -1)) & (
            OutboxMessage.channel == outbox.CHANNEL
        )
        if status is not None:
            condition &= OutboxMessage.status == status.value
        return connection(await paginate(OutboxMessage, condition, first=size, after=after))

    @secure_field(
        permission="accounting.journal.read",
        description="The property's connectors (secrets are never shown here).",
    )
    async def accounting_connectors(self, property_id: strawberry.ID) -> list[AccountingConnector]:
        return (
            await ConnectorSetting.objects()
            .where(ConnectorSetting.property == (maybe_id(property_id) or -1))
            .order_by(ConnectorSetting.connector)
        )

    @secure_field(
        permission="accounting.journal.read",
        description="Business dates whose journal the night audit sealed.",
    )
    async def accounting_sealed_days(self, property_id: strawberry.ID) -> list[AccountingSealedDay]:
        return (
            await SealedDay.objects()
            .where(SealedDay.property == (maybe_id(property_id) or -1))
            .order_by(SealedDay.business_date)
        )


def contribution() -> GraphQLContribution:
    return GraphQLContribution(
        trusted_documents=PANEL_DOCUMENTS.registered(),
        queries=[AccountingQuery],
        mutations=[AccountingMutation],
        type_extensions={"Folio": [AccountingFolioFields]},
        scoped_arguments={"messageIds": OutboxMessage},
    )
