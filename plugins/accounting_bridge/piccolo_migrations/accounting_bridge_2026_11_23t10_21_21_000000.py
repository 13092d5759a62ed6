"""Composite keys of the accounting bridge: one mapping per chart code and per external code
of a property, one line number per entry, one sealed row per property and business date,
one connector of a name per property."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.api.migrations import add_indexes
from frontdesk.plugins.accounting_bridge.tables import INDEXES, UNIQUE_INDEXES

ID = "2026-11-23T10:21:21:000000"
VERSION = "1.38.0"
DESCRIPTION = "accounting_bridge composite keys"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="accounting_bridge", description=DESCRIPTION
    )
    return add_indexes(manager, unique=UNIQUE_INDEXES, plain=INDEXES)
