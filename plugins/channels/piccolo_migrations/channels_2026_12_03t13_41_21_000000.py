"""Composite keys of channels: one reservation per channel and external id (pulling it again
changes nothing), one answer per property and Idempotency-Key."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.api.migrations import add_indexes
from frontdesk.plugins.channels.tables import UNIQUE_INDEXES

ID = "2026-12-03T13:41:21:000000"
VERSION = "1.38.0"
DESCRIPTION = "channels composite keys"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="channels", description=DESCRIPTION)
    return add_indexes(manager, unique=UNIQUE_INDEXES)
