"""Leases (background work that must run once across server processes) and the night audit's
schedule per property. Both are read and written by hand-written statements only
(core/leases.py, core/night_audit/schedule.py), not Piccolo tables."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T14:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "leases and night audit schedules"

CREATE = [
    """CREATE TABLE IF NOT EXISTS core_lease (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at DOUBLE PRECISION NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS core_night_audit_schedule (
  property_id INTEGER PRIMARY KEY REFERENCES core_property (id) ON DELETE CASCADE,
  local_time TEXT NOT NULL
)""",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)

    async def create() -> None:
        for statement in CREATE:
            await engine_finder().run_ddl(statement)

    async def drop() -> None:
        for table in ("core_night_audit_schedule", "core_lease"):
            await engine_finder().run_ddl(f"DROP TABLE IF EXISTS {table}")

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
