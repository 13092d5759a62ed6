"""The shared rate-limit buckets (graphql/rate_limit_stores.py): one row per caller, so that
several server processes on one PostgreSQL database enforce one limit. Not a Piccolo table:
it is read and written by a single hand-written statement only."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "shared rate-limit buckets"

CREATE = """CREATE TABLE IF NOT EXISTS auth_rate_bucket (
  key TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  updated TIMESTAMPTZ NOT NULL,
  allowed BOOLEAN NOT NULL
)"""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="auth", description=DESCRIPTION)

    async def create() -> None:
        await engine_finder().run_ddl(CREATE)

    async def drop() -> None:
        await engine_finder().run_ddl("DROP TABLE IF EXISTS auth_rate_bucket")

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
