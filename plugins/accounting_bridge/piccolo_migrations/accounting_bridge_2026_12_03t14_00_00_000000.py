"""Journal amounts exact on SQLite (text instead of binary floating point) and no cascading
deletes of the journal: its foreign keys RESTRICT (docs/money.md "Storage")."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.api.migrations import TableChange, add_money_and_restrict

ID = "2026-12-03T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "exact money on SQLite, RESTRICT on journal foreign keys"

CHANGES = [
    TableChange("accounting_bridge_journal_entry", restrict=True),
    TableChange("accounting_bridge_journal_posting", money=("amount",), restrict=True),
    TableChange("accounting_bridge_sealed_day", restrict=True),
    TableChange("accounting_bridge_outbox", restrict=True),
]


async def forwards():
    manager = MigrationManager(
        migration_id=ID,
        app_name="accounting_bridge",
        description=DESCRIPTION,
        wrap_in_transaction=False,
    )
    return add_money_and_restrict(manager, CHANGES)
