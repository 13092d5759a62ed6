"""Piccolo tables of the accounting_bridge plugin (names prefixed accounting_bridge_).

Nothing in the journal is edited or deleted: an entry and its postings are written once, in
the transaction of the folio movement they record, and a mistake is reversed by a new entry
(``reverses``). The database holds the invariants money depends on:

* one journal entry per source (``source_key`` unique: ``folio_entry:12``,
  ``city_ledger_entry:3``, ``deposit_applied:folio:7``, ``payroll:…``), so a retried or
  concurrent hook can never book a movement twice;
* an entry is reversed at most once (``reverses`` unique);
* one sealed row per property and business date;
* a late entry is marked once (``LateEntry.entry`` unique);
* one opening balance per property (``OpeningBalance``): movements dated before its
  ``as_of`` are in the journal only through the opening entries, never one by one;
* one connector of a name per property (the messages for connectors wait in core's shared
  outbox, ``outbox_message``, channel ``accounting``, unique per idempotency key).
"""

from __future__ import annotations

from decimal import Decimal

from piccolo.columns import Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from frontdesk.api.migrations import MoneyColumn
from frontdesk.api.tables import (
    MONEY,
    RESTRICT,
    CityLedgerAccount,
    CityLedgerEntry,
    Folio,
    FolioEntry,
    Invoice,
    Property,
    Stay,
)

DELIVERY_MODES = ("entry", "day")


class AccountMapping(Table, tablename="accounting_bridge_account_mapping"):
    """A property's own code (and optionally name) for one account of the chart; exports
    and deliveries use ``external_code`` while the journal keeps the stable chart code."""

    property = ForeignKey(references=Property, index=True)
    code = Varchar(length=40)
    external_code = Varchar(length=40)
    name = Varchar(length=120, null=True, default=None)
    updated_at = Timestamptz(default=TimestamptzNow())


class JournalEntryRow(Table, tablename="accounting_bridge_journal_entry"):
    """One balanced journal entry and the hotel object it records. ``redacted_at``/``_by``:
    when and by whom the free-text description was replaced because its guest was anonymized
    (GDPR); amounts, accounts, dates and links never change."""

    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    business_date = Date()
    description = Varchar(length=250)
    source_type = Varchar(length=40)
    source_key = Varchar(length=160, unique=True)
    folio_entry = ForeignKey(references=FolioEntry, on_delete=RESTRICT, null=True, default=None)
    city_ledger_entry = ForeignKey(
        references=CityLedgerEntry, on_delete=RESTRICT, null=True, default=None
    )
    folio = ForeignKey(references=Folio, on_delete=RESTRICT, null=True, default=None, index=True)
    stay = ForeignKey(references=Stay, on_delete=RESTRICT, null=True, default=None, index=True)
    invoice = ForeignKey(references=Invoice, on_delete=RESTRICT, null=True, default=None)
    city_ledger_account = ForeignKey(
        references=CityLedgerAccount, on_delete=RESTRICT, null=True, default=None
    )
    reverses = ForeignKey(
        references="self", on_delete=RESTRICT, null=True, default=None, unique=True
    )
    currency = Varchar(length=3)
    actor = Varchar(length=120, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    redacted_at = Timestamptz(null=True, default=None)
    redacted_by = Varchar(length=120, null=True, default=None)


class JournalPosting(Table, tablename="accounting_bridge_journal_posting"):
    """One line of an entry: debit positive, credit negative. ``property`` and
    ``business_date`` repeat the entry's so balances are one indexed query."""

    entry = ForeignKey(references=JournalEntryRow, on_delete=RESTRICT, index=True)
    property = ForeignKey(references=Property, on_delete=RESTRICT)
    business_date = Date()
    line = Integer()
    account_code = Varchar(length=40)
    amount = MoneyColumn(digits=MONEY, default=Decimal(0))
    currency = Varchar(length=3)


class SealedDay(Table, tablename="accounting_bridge_sealed_day"):
    """A business date whose journal the night audit closed: no entry is dated on it again."""

    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    business_date = Date()
    entry_count = Integer(default=0)
    sealed_at = Timestamptz(default=TimestamptzNow())
    sealed_by = Varchar(length=120, null=True, default=None)


class LateEntry(Table, tablename="accounting_bridge_late_entry"):
    """Marks a journal entry written on catch-up (catch_up.py): its movement was made while
    the bridge was off for the property. A row of its own rather than a column, so entries
    written the usual way never touch it."""

    entry = ForeignKey(references=JournalEntryRow, on_delete=RESTRICT, unique=True)
    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    created_at = Timestamptz(default=TimestamptzNow())


class OpeningBalance(Table, tablename="accounting_bridge_opening"):
    """Where a property's journal starts when the bridge came on with history: movements
    dated before ``as_of`` are summed into one opening entry per folio and city-ledger
    account; those from ``as_of`` on are journaled one by one (catch_up.py)."""

    property = ForeignKey(references=Property, on_delete=RESTRICT, unique=True)
    as_of = Date()
    created_at = Timestamptz(default=TimestamptzNow())
    created_by = Varchar(length=120, null=True, default=None)


class ConnectorSetting(Table, tablename="accounting_bridge_connector"):
    """Where and how a property's journal is delivered. ``connector``: a registered
    connector name (``webhook`` is built in); ``deliver``: ``entry`` (each journal entry) or
    ``day`` (each sealed day); ``options``: JSON for third-party connectors."""

    property = ForeignKey(references=Property, index=True)
    connector = Varchar(length=40)
    deliver = Varchar(length=10, default="entry")
    url = Varchar(length=500, default="")
    secret = Varchar(length=120, default="")
    options = Text(default="{}")
    enabled = Boolean(default=True)
    disabled_reason = Varchar(length=250, null=True, default=None)
    updated_at = Timestamptz(default=TimestamptzNow())


TABLES: list = [
    AccountMapping,
    JournalEntryRow,
    JournalPosting,
    SealedDay,
    LateEntry,
    OpeningBalance,
    ConnectorSetting,
]

UNIQUE_INDEXES = [
    (
        "accounting_bridge_mapping_property_code",
        "accounting_bridge_account_mapping",
        ("property", "code"),
    ),
    (
        "accounting_bridge_mapping_property_external",
        "accounting_bridge_account_mapping",
        ("property", "external_code"),
    ),
    (
        "accounting_bridge_posting_entry_line",
        "accounting_bridge_journal_posting",
        ("entry", "line"),
    ),
    (
        "accounting_bridge_sealed_property_date",
        "accounting_bridge_sealed_day",
        ("property", "business_date"),
    ),
    (
        "accounting_bridge_connector_property_name",
        "accounting_bridge_connector",
        ("property", "connector"),
    ),
]
INDEXES = [
    (
        "accounting_bridge_posting_property_date",
        "accounting_bridge_journal_posting",
        ("property", "business_date"),
    ),
    (
        "accounting_bridge_entry_property_date",
        "accounting_bridge_journal_entry",
        ("property", "business_date"),
    ),
]
