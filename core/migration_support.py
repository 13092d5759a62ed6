"""Helpers for hand-written migration steps Piccolo's auto migrations cannot express, such as
composite unique keys (the database-level guarantees for inventory and money)."""

from __future__ import annotations

from collections.abc import Iterable

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

IndexSpec = tuple[str, str, tuple[str, ...]]


def add_indexes(
    manager: MigrationManager,
    unique: Iterable[IndexSpec] = (),
    plain: Iterable[IndexSpec] = (),
) -> MigrationManager:
    """Register CREATE INDEX steps (and DROP INDEX for backwards) on a migration manager.

    Piccolo runs raw steps before table changes, so put these in a migration of their own that
    follows the one creating the tables.
    """
    specs = [(name, table, cols, True) for name, table, cols in unique]
    specs += [(name, table, cols, False) for name, table, cols in plain]

    async def forwards() -> None:
        engine = engine_finder()
        for name, table, cols, is_unique in specs:
            kind = "UNIQUE INDEX" if is_unique else "INDEX"
            columns = ", ".join(f'"{c}"' for c in cols)
            await engine.run_ddl(f'CREATE {kind} IF NOT EXISTS "{name}" ON "{table}" ({columns})')

    async def backwards() -> None:
        engine = engine_finder()
        for name, _table, _cols, _unique in specs:
            await engine.run_ddl(f'DROP INDEX IF EXISTS "{name}"')

    manager.add_raw(forwards)
    manager.add_raw_backwards(backwards)
    return manager
