"""Money columns that hold amounts exactly on SQLite as well as on PostgreSQL.

SQLite has no decimal type: a ``NUMERIC`` column stores 380.50 as a binary float (and
Piccolo hands SQLite every Decimal as a float), so it read back as 380.5, and 79.00 as 79.
A money column is therefore declared ``MONEY_TEXT`` on SQLite: TEXT affinity keeps the
decimal string exactly as written, and the converter registered here under that declared
type reads it back as a Decimal. PostgreSQL keeps ``NUMERIC(p, s)``, which is exact.

Text rather than integer minor units: a read needs no currency to scale it back (rates,
wages and prices carry no currency column of their own), every engine reads the same
Decimal, and no code sums money in SQL (sums are Decimal arithmetic in Python, where
per-line rounding lives). See docs/money.md "Storage".
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import piccolo.engine.sqlite  # noqa: F401  (its float adapter must be registered before ours)
from piccolo.columns import Numeric

#: The declared type of a money column on SQLite (TEXT affinity: the name contains "TEXT").
SQLITE_MONEY_TYPE = "MONEY_TEXT"
#: Precision and scale of money on PostgreSQL: 3 decimals hold every ISO 4217 minor unit.
MONEY_DIGITS = (18, 3)


class MoneyColumn(Numeric):
    """An amount of money: exact Decimal on both engines (``MONEY_TEXT`` on SQLite)."""

    @property
    def column_type(self) -> str:
        if self._meta.engine_type == "sqlite":
            return SQLITE_MONEY_TYPE
        return super().column_type


def decimal_text(value: Decimal) -> str:
    """A Decimal as the plain text SQLite stores (never a float, never an exponent)."""
    return format(value, "f")


def _money_out(value: bytes) -> Decimal:
    return Decimal(value.decode("ascii"))


def install_sqlite_codecs() -> None:
    """Decimals go to SQLite as exact text; ``MONEY_TEXT`` columns come back as Decimal.

    Replaces Piccolo's float adapter for Decimal: a percentage in a NUMERIC column is then
    written as text and converted by the column's affinity exactly as before."""
    sqlite3.register_adapter(Decimal, decimal_text)
    sqlite3.register_converter(SQLITE_MONEY_TYPE, _money_out)


install_sqlite_codecs()
