"""The shared rate-limit buckets say how many tokens a statement took: a busy caller's tokens
are taken several at a time (graphql/security/rate_limit_stores.py, leases)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T19:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "rate-limit buckets: tokens taken"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="auth", description=DESCRIPTION)

    async def add() -> None:
        await engine_finder().run_ddl(
            "ALTER TABLE auth_rate_bucket ADD COLUMN taken INTEGER NOT NULL DEFAULT 0"
        )

    async def drop() -> None:
        await engine_finder().run_ddl("ALTER TABLE auth_rate_bucket DROP COLUMN taken")

    manager.add_raw(add)
    manager.add_raw_backwards(drop)
    return manager
