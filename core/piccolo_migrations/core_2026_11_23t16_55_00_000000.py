"""Availability reads sold nights per room type from a covering index (property, night,
room_type), which replaces the index on (property, night)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

from frontdesk.core.stays.tables import AVAILABILITY_INDEX, INDEXES

ID = "2026-11-23T16:55:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "covering index for availability"


def _create(name: str, table: str, columns: tuple[str, ...]) -> str:
    listed = ", ".join(f'"{c}"' for c in columns)
    return f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({listed})'


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    [(replaced, _table, _columns)] = INDEXES

    async def create_covering_index() -> None:
        engine = engine_finder()
        await engine.run_ddl(_create(*AVAILABILITY_INDEX))
        await engine.run_ddl(f'DROP INDEX IF EXISTS "{replaced}"')

    async def restore_previous_index() -> None:
        engine = engine_finder()
        await engine.run_ddl(_create(*INDEXES[0]))
        await engine.run_ddl(f'DROP INDEX IF EXISTS "{AVAILABILITY_INDEX[0]}"')

    manager.add_raw(create_covering_index)
    manager.add_raw_backwards(restore_previous_index)
    return manager
