from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-23T12:20:35:441311"
VERSION = "1.38.0"
DESCRIPTION = "journal entry redaction (GDPR)"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="accounting_bridge", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="JournalEntryRow",
        tablename="accounting_bridge_journal_entry",
        column_name="redacted_at",
        db_column_name="redacted_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="JournalEntryRow",
        tablename="accounting_bridge_journal_entry",
        column_name="redacted_by",
        db_column_name="redacted_by",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 120,
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
