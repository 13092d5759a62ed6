"""Composite unique keys: one stay per room per night, one inventory slot per room type per
night, unique room numbers and room-type codes per property."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.core.migration_support import add_indexes
from frontdesk.core.stays.tables import INDEXES, UNIQUE_INDEXES

ID = "2026-11-23T09:37:15:000000"
VERSION = "1.38.0"
DESCRIPTION = "core composite keys"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    return add_indexes(manager, unique=UNIQUE_INDEXES, plain=INDEXES)
