"""Message ids up to 160 characters: the accounting bridge's idempotency keys
(``frontdesk-<property>-<connector>-…``, its connector names up to 40 characters) move into
the shared outbox with them. SQLite does not enforce a VARCHAR length, so only PostgreSQL
changes (Piccolo's ``alter_column`` would send SQLite an ALTER COLUMN it cannot run)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T18:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "outbox message ids up to 160 characters"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="outbox", description=DESCRIPTION)

    async def widen() -> None:
        engine = engine_finder()
        if engine.engine_type != "sqlite":
            await engine.run_ddl(
                "ALTER TABLE outbox_message ALTER COLUMN message_id TYPE VARCHAR(160)"
            )

    manager.add_raw(widen)
    return manager
