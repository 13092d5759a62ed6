"""Inventory holds take nights through core_stay_night like stays: one row per hold and
night (the room and slot keys already refuse a night held twice)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.core.migration_support import add_indexes
from frontdesk.core.stays.tables import HOLD_UNIQUE_INDEXES

ID = "2026-12-03T13:38:21:000000"
VERSION = "1.38.0"
DESCRIPTION = "inventory hold keys"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    return add_indexes(manager, unique=HOLD_UNIQUE_INDEXES)
