"""Folio, city ledger, invoice and night audit tables (the ``folios`` Piccolo app).

Nothing here is edited or deleted once written: a mistake is corrected by a new entry that
points to the original (``corrected_entry``), and a closed folio takes no more entries.

``FolioEntry`` columns, the contract the accounting bridge reads:

* ``kind``: ``charge``, ``payment``, ``refund``, ``correction`` or ``transfer`` (the folio's
  balance moved to a city-ledger account).
* ``amount``: the entry's effect on the folio balance in ``currency``; positive means the
  payer owes more. charge: +gross; payment: -amount paid; refund: +amount given back;
  transfer: -balance moved to the city ledger; correction: minus the ``amount`` of the entry
  it reverses. The folio balance is the sum of ``amount`` over its entries.
* ``net``, ``tax``, ``gross``: the revenue side, signed: a charge has net + tax = gross, all
  >= 0, except a goodwill credit (``service.post_credit``), which is a charge with all three
  < 0; a correction of a charge carries the negated values; every other entry has 0 in all
  three. Rounding: per line, half-up to the currency's minor unit (``core.money``).
  With tax-inclusive prices gross = quantity x unit price and tax = gross x r / (100 + r);
  otherwise net = quantity x unit price and tax = net x r / 100.
* ``category`` (charges and their corrections): room, food_beverage, minibar, spa, city_tax,
  fee, other; ``quantity``, ``unit_price``, ``tax_rate`` (percent) as posted.
* ``method`` (payments, refunds and their corrections): cash, card, bank_transfer, voucher,
  city_ledger; ``reference``: free text such as a card slip number.
* ``refunded_entry``: the payment a refund gives back (refunds never exceed it);
  ``corrected_entry``: the entry a correction reverses (unique: reversed at most once).
* ``business_date``: the property's business date when posted; ``posted_at``: timestamp;
  ``posted_by``: the actor; ``night``: the night a room or city-tax charge is for.
* ``seq``: 1, 2, 3... per folio (unique), so two concurrent postings on one folio serialize;
  ``source_key``: unique idempotency key of automatic postings (night audit, fees).
"""

from __future__ import annotations

from decimal import Decimal

from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from ..guests.tables import Guest
from ..money_columns import MoneyColumn
from ..properties.tables import Property
from ..rates.tables import MONEY, PERCENT, RatePlan
from ..stays.tables import Stay

#: Financial rows are never deleted by a cascade: deleting a property, guest, stay or folio
#: that money refers to is refused by the database (docs/money.md "Storage").
RESTRICT = OnDelete.restrict

ENTRY_KINDS = ("charge", "payment", "refund", "correction", "transfer")
PAYMENT_METHODS = ("cash", "card", "bank_transfer", "voucher", "city_ledger")
FOLIO_STATUSES = ("open", "settled", "transferred")
ACCOUNT_KINDS = ("company", "travel_agent")


class StayTerms(Table, tablename="folios_stay_terms"):
    """The commercial terms a stay was booked on: rate plan and business-travel flag."""

    stay = ForeignKey(references=Stay, on_delete=RESTRICT, unique=True)
    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    rate_plan = ForeignKey(references=RatePlan, on_delete=RESTRICT, null=True, default=None)
    business_travel = Boolean(default=False)
    currency = Varchar(length=3)


class StayNightRate(Table, tablename="folios_stay_night_rate"):
    """The price one night of a stay was sold at (kept when rates change later)."""

    stay = ForeignKey(references=Stay, on_delete=RESTRICT, index=True)
    night = Date()
    amount = MoneyColumn(digits=MONEY)
    currency = Varchar(length=3)


class CityLedgerAccount(Table, tablename="folios_city_ledger_account"):
    """A company or travel agent the hotel invoices (accounts receivable), with a credit
    limit on the open balance."""

    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    code = Varchar(length=20)
    name = Varchar(length=200)
    kind = Varchar(length=20, default="company")
    credit_limit = MoneyColumn(digits=MONEY)
    currency = Varchar(length=3)
    address = Text(default="")
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class Folio(Table, tablename="folios_folio"):
    """A bill of a stay. Number 1 is the guest folio, opened at booking; more can be opened
    (e.g. the company pays the room). ``status``: open, settled (balance 0, closed) or
    transferred (balance moved to ``city_ledger_account``)."""

    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    stay = ForeignKey(references=Stay, on_delete=RESTRICT, index=True)
    number = Integer()
    name = Varchar(length=200)
    guest = ForeignKey(references=Guest, on_delete=RESTRICT, null=True, default=None)
    city_ledger_account = ForeignKey(
        references=CityLedgerAccount, on_delete=RESTRICT, null=True, default=None
    )
    currency = Varchar(length=3)
    status = Varchar(length=20, default="open")
    closed_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class FolioEntry(Table, tablename="folios_entry"):
    """One immutable line of a folio; see the module docstring for every column."""

    folio = ForeignKey(references=Folio, on_delete=RESTRICT, index=True)
    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    stay = ForeignKey(references=Stay, on_delete=RESTRICT, index=True)
    seq = Integer()
    kind = Varchar(length=20)
    category = Varchar(length=20, null=True, default=None)
    description = Varchar(length=200, default="")
    quantity = Integer(default=1)
    unit_price = MoneyColumn(digits=MONEY, default=Decimal(0))
    tax_rate = Numeric(digits=PERCENT, default=Decimal(0))
    net = MoneyColumn(digits=MONEY, default=Decimal(0))
    tax = MoneyColumn(digits=MONEY, default=Decimal(0))
    gross = MoneyColumn(digits=MONEY, default=Decimal(0))
    amount = MoneyColumn(digits=MONEY)
    currency = Varchar(length=3)
    method = Varchar(length=20, null=True, default=None)
    reference = Varchar(length=100, null=True, default=None)
    refunded_entry = ForeignKey(references="self", on_delete=RESTRICT, null=True, default=None)
    corrected_entry = ForeignKey(
        references="self", on_delete=RESTRICT, null=True, default=None, unique=True
    )
    night = Date(null=True, default=None)
    business_date = Date(index=True)
    posted_at = Timestamptz(default=TimestamptzNow())
    posted_by = Varchar(length=120, null=True, default=None)
    source_key = Varchar(length=120, null=True, default=None, unique=True)


class RoutingRule(Table, tablename="folios_routing_rule"):
    """Charges of ``category`` posted to the stay go to ``folio`` instead of the guest folio."""

    stay = ForeignKey(references=Stay, on_delete=RESTRICT, index=True)
    category = Varchar(length=20)
    folio = ForeignKey(references=Folio, on_delete=RESTRICT)


class Invoice(Table, tablename="folios_invoice"):
    """The invoice of a closed folio. ``number`` is gapless per property (taken from
    ``InvoiceSequence`` in the closing transaction); totals are the sums of the folio's
    charge lines; ``tax_breakdown`` is JSON ``[{"rate", "net", "tax", "gross"}]``."""

    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    folio = ForeignKey(references=Folio, on_delete=RESTRICT, unique=True)
    number = Integer()
    recipient = Text(default="")
    currency = Varchar(length=3)
    net = MoneyColumn(digits=MONEY)
    tax = MoneyColumn(digits=MONEY)
    gross = MoneyColumn(digits=MONEY)
    paid = MoneyColumn(digits=MONEY)
    tax_breakdown = Text(default="[]")
    business_date = Date()
    issued_at = Timestamptz(default=TimestamptzNow())
    issued_by = Varchar(length=120, null=True, default=None)


class InvoiceSequence(Table, tablename="folios_invoice_sequence"):
    property = ForeignKey(references=Property, on_delete=RESTRICT, unique=True)
    last_number = Integer(default=0)


class CityLedgerEntry(Table, tablename="folios_city_ledger_entry"):
    """A movement on a city-ledger account; ``amount`` > 0 raises what the account owes
    (a folio transferred at check-out), < 0 lowers it (a payment)."""

    account = ForeignKey(references=CityLedgerAccount, on_delete=RESTRICT, index=True)
    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    seq = Integer()
    kind = Varchar(length=20)
    amount = MoneyColumn(digits=MONEY)
    currency = Varchar(length=3)
    folio = ForeignKey(references=Folio, on_delete=RESTRICT, null=True, default=None, unique=True)
    invoice = ForeignKey(references=Invoice, on_delete=RESTRICT, null=True, default=None)
    method = Varchar(length=20, null=True, default=None)
    reference = Varchar(length=100, null=True, default=None)
    business_date = Date()
    posted_at = Timestamptz(default=TimestamptzNow())
    posted_by = Varchar(length=120, null=True, default=None)


class NightAuditRun(Table, tablename="folios_night_audit_run"):
    """One night audit of a property's business date; ``status`` started or completed;
    ``report`` is the JSON summary written on completion."""

    property = ForeignKey(references=Property, on_delete=RESTRICT, index=True)
    business_date = Date()
    status = Varchar(length=20, default="started")
    started_at = Timestamptz(default=TimestamptzNow())
    completed_at = Timestamptz(null=True, default=None)
    started_by = Varchar(length=120, null=True, default=None)
    report = Text(default="{}")


FOLIO_TABLES = [
    StayTerms,
    StayNightRate,
    CityLedgerAccount,
    Folio,
    FolioEntry,
    RoutingRule,
    Invoice,
    InvoiceSequence,
    CityLedgerEntry,
    NightAuditRun,
]

UNIQUE_INDEXES = [
    ("folios_stay_night_rate_stay_night", "folios_stay_night_rate", ("stay", "night")),
    ("folios_cl_account_property_code", "folios_city_ledger_account", ("property", "code")),
    ("folios_folio_stay_number", "folios_folio", ("stay", "number")),
    ("folios_entry_folio_seq", "folios_entry", ("folio", "seq")),
    ("folios_routing_rule_stay_category", "folios_routing_rule", ("stay", "category")),
    ("folios_invoice_property_number", "folios_invoice", ("property", "number")),
    ("folios_cl_entry_account_seq", "folios_city_ledger_entry", ("account", "seq")),
    ("folios_night_audit_property_date", "folios_night_audit_run", ("property", "business_date")),
]
INDEXES = [
    ("folios_entry_property_date", "folios_entry", ("property", "business_date")),
]
