"""Catching up after the bridge was off (issue #23): a mark on each entry journaled late, and
a property's opening balance, where its journal starts."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import Date, ForeignKey, Timestamptz, Varchar
from piccolo.columns.defaults.date import DateNow
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-04T01:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "late journal entries and opening balances"


class Property(Table, tablename="core_property", schema=None):
    pass


class JournalEntryRow(Table, tablename="accounting_bridge_journal_entry", schema=None):
    pass


def _params(**values):
    base = {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    }
    return {**base, **values}


def _reference(table: type[Table], *, unique: bool, index: bool = False) -> dict:
    return _params(
        references=table,
        on_delete=OnDelete.restrict,
        on_update=OnUpdate.cascade,
        target_column=None,
        null=True,
        unique=unique,
        index=index,
    )


LATE_COLUMNS = [
    ("entry", "ForeignKey", ForeignKey, _reference(JournalEntryRow, unique=True)),
    ("property", "ForeignKey", ForeignKey, _reference(Property, unique=False, index=True)),
    ("created_at", "Timestamptz", Timestamptz, _params(default=TimestamptzNow())),
]
OPENING_COLUMNS = [
    ("property", "ForeignKey", ForeignKey, _reference(Property, unique=True)),
    ("as_of", "Date", Date, _params(default=DateNow())),
    ("created_at", "Timestamptz", Timestamptz, _params(default=TimestamptzNow())),
    ("created_by", "Varchar", Varchar, _params(length=120, default=None, null=True)),
]


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="accounting_bridge", description=DESCRIPTION
    )
    for class_name, tablename, columns in (
        ("LateEntry", "accounting_bridge_late_entry", LATE_COLUMNS),
        ("OpeningBalance", "accounting_bridge_opening", OPENING_COLUMNS),
    ):
        manager.add_table(class_name=class_name, tablename=tablename, schema=None)
        for name, column_class_name, column_class, params in columns:
            manager.add_column(
                table_class_name=class_name,
                tablename=tablename,
                column_name=name,
                db_column_name=name,
                column_class_name=column_class_name,
                column_class=column_class,
                params=params,
                schema=None,
            )
    return manager
