"""One channel reservation per stay at most: a reservation pulled twice, even by two syncs at
once, can never be booked as two stays (the (channel, external id) key makes the second pull
find the first's row; this key makes a stay belong to one reservation)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.api.migrations import add_indexes
from frontdesk.plugins.channels.tables import STAY_UNIQUE_INDEXES

ID = "2026-12-03T18:40:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "channels: one reservation per stay"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="channels", description=DESCRIPTION)
    return add_indexes(manager, unique=STAY_UNIQUE_INDEXES)
