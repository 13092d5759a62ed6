"""Composite keys of concierge: one seat per person per resource slot and per event, one
attendance per guest and event, one description per language, one tag per recommendation."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.api.migrations import add_indexes
from frontdesk.plugins.concierge.tables import INDEXES, UNIQUE_INDEXES

ID = "2026-11-23T09:59:03:000000"
VERSION = "1.38.0"
DESCRIPTION = "concierge composite keys"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="concierge", description=DESCRIPTION)
    return add_indexes(manager, unique=UNIQUE_INDEXES, plain=INDEXES)
