"""One template of a kind and language per property."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.api.migrations import add_indexes
from frontdesk.plugins.guest_mail.tables import UNIQUE_INDEXES

ID = "2026-12-03T14:43:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "guest_mail template key"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="guest_mail", description=DESCRIPTION)
    return add_indexes(manager, unique=UNIQUE_INDEXES)
