"""Prices and goodwill amounts exact on SQLite: text instead of binary floating point
(a price of 79.00 read back as 79; docs/money.md "Storage")."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.api.migrations import TableChange, add_money_and_restrict

ID = "2026-12-03T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "exact money on SQLite"

CHANGES = [
    TableChange("concierge_request", money=("goodwill_amount",)),
    TableChange("concierge_resource", money=("price",)),
    TableChange("concierge_booking", money=("price",)),
]


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="concierge", description=DESCRIPTION, wrap_in_transaction=False
    )
    return add_money_and_restrict(manager, CHANGES)
