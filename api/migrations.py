"""Helpers for a plugin's Piccolo migrations: indexes, money columns (exact, never REAL) and
RESTRICT foreign keys added to existing tables on both SQLite and PostgreSQL."""

from __future__ import annotations

from frontdesk.core.migration_support import add_indexes
from frontdesk.core.money_columns import MoneyColumn
from frontdesk.core.money_migration import TableChange, add_money_and_restrict

__all__ = ["MoneyColumn", "TableChange", "add_indexes", "add_money_and_restrict"]
