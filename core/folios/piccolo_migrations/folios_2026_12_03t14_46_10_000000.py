"""One credit note of a number per property (the series is gapless: see credit_notes.py)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.core.folios.credit_note_tables import CREDIT_NOTE_UNIQUE_INDEXES
from frontdesk.core.migration_support import add_indexes

ID = "2026-12-03T14:46:10:000000"
VERSION = "1.38.0"
DESCRIPTION = "credit note numbers"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="folios", description=DESCRIPTION)
    return add_indexes(manager, unique=CREDIT_NOTE_UNIQUE_INDEXES)
