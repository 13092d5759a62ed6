"""Hourly wages exact on SQLite: text instead of binary floating point (docs/money.md
"Storage")."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.api.migrations import TableChange, add_money_and_restrict

ID = "2026-12-03T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "exact money on SQLite"

CHANGES = [TableChange("hr_shifts_staff", money=("hourly_wage",))]


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="hr_shifts", description=DESCRIPTION, wrap_in_transaction=False
    )
    return add_money_and_restrict(manager, CHANGES)
