"""Indexes of the shared outbox: due messages by channel, a property's log by channel."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.core.migration_support import add_indexes
from frontdesk.core.outbox.tables import INDEXES

ID = "2026-12-03T14:30:39:000000"
VERSION = "1.38.0"
DESCRIPTION = "outbox indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="outbox", description=DESCRIPTION)
    return add_indexes(manager, plain=INDEXES)
