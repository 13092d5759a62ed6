"""Credit notes: the correction of an issued invoice, which itself never changes.

A credit note cancels its invoice in full (the hotel then corrects the folio and issues a
new invoice). Its ``number`` is gapless per property in a series of its own, taken from
``CreditNoteSequence`` inside the issuing transaction: a rolled-back issue gives its number
back, and the unique (property, number) key refuses a duplicate; one credit note per invoice
(unique ``invoice``). Amounts are the invoice's, negated; neither row is ever cascaded away.
"""

from __future__ import annotations

from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from ..money_columns import MoneyColumn
from ..properties.tables import Property
from ..rates.tables import MONEY
from .tables import Invoice


class CreditNote(Table, tablename="folios_credit_note"):
    property = ForeignKey(references=Property, index=True, on_delete=OnDelete.restrict)
    invoice = ForeignKey(references=Invoice, unique=True, on_delete=OnDelete.restrict)
    number = Integer()
    reason = Varchar(length=500)
    currency = Varchar(length=3)
    net = MoneyColumn(digits=MONEY)
    tax = MoneyColumn(digits=MONEY)
    gross = MoneyColumn(digits=MONEY)
    tax_breakdown = Text(default="[]")
    business_date = Date()
    issued_at = Timestamptz(default=TimestamptzNow())
    issued_by = Varchar(length=120, null=True, default=None)


class CreditNoteSequence(Table, tablename="folios_credit_note_sequence"):
    property = ForeignKey(references=Property, unique=True, on_delete=OnDelete.restrict)
    last_number = Integer(default=0)


CREDIT_NOTE_TABLES = [CreditNote, CreditNoteSequence]
CREDIT_NOTE_UNIQUE_INDEXES = [
    ("folios_credit_note_property_number", "folios_credit_note", ("property", "number")),
]
