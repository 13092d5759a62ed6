"""Composite keys of hr_shifts: template codes unique per property, and one assignment per
person, template and day in a roster (so a double-booked shift cannot be written twice)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.api.migrations import add_indexes
from frontdesk.plugins.hr_shifts.tables import INDEXES, UNIQUE_INDEXES

ID = "2026-11-23T09:53:35:000000"
VERSION = "1.38.0"
DESCRIPTION = "hr_shifts composite keys"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="hr_shifts", description=DESCRIPTION)
    return add_indexes(manager, unique=UNIQUE_INDEXES, plain=INDEXES)
