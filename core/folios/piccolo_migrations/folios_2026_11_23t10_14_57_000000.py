"""Composite unique keys of the money area: one price per stay night, one entry per folio
sequence number (postings on a folio serialize), gapless invoice numbers per property, one
night audit per property and business date."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.core.folios.tables import INDEXES, UNIQUE_INDEXES
from frontdesk.core.migration_support import add_indexes
from frontdesk.core.rates.tables import UNIQUE_INDEXES as RATE_UNIQUE_INDEXES

ID = "2026-11-23T10:14:57:000000"
VERSION = "1.38.0"
DESCRIPTION = "money composite keys"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="folios", description=DESCRIPTION)
    return add_indexes(manager, unique=[*RATE_UNIQUE_INDEXES, *UNIQUE_INDEXES], plain=INDEXES)
