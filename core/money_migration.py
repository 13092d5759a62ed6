"""The migration step that moves an existing database to exact money columns and to
foreign keys that RESTRICT deletes (docs/money.md "Storage").

SQLite can change neither a column's type nor a foreign key's action in place: each table
is rebuilt (SQLite's documented twelve-step procedure: foreign keys off, create the new
table, copy, drop, rename, recreate the indexes, ``foreign_key_check``, commit) on a
connection of its own, in one transaction, with the old float values converted to exact
decimal text. PostgreSQL keeps its exact NUMERIC columns; only the foreign keys change
(``DROP CONSTRAINT`` / ``ADD CONSTRAINT`` in one transaction).

A migration using this must be created with ``wrap_in_transaction=False``: SQLite ignores
``PRAGMA foreign_keys`` inside a transaction, so the step opens its own.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

from .money_columns import SQLITE_MONEY_TYPE, decimal_text

#: Old SQLite money values were floats of Decimals with at most 3 decimals.
MONEY_QUANTUM = Decimal("0.001")


@dataclass(frozen=True)
class TableChange:
    """One table: its money columns, and whether its foreign keys become RESTRICT."""

    table: str
    money: tuple[str, ...] = ()
    restrict: bool = False


def money_text(value: Any) -> str | None:
    """An old stored amount as exact decimal text.

    A float read from SQLite is the image of a Decimal with at most 3 decimals and under
    15 significant digits, so its shortest repr is that Decimal; text is kept as it is."""
    if value is None:
        return None
    if isinstance(value, float):
        exact = Decimal(repr(value)).quantize(MONEY_QUANTUM).normalize()
        return decimal_text(exact if exact != 0 else Decimal(0))
    return decimal_text(Decimal(str(value)))


def add_money_and_restrict(
    manager: MigrationManager, changes: Iterable[TableChange]
) -> MigrationManager:
    """Register the raw step converting ``changes`` on whichever engine runs it."""
    specs = list(changes)

    async def forwards() -> None:
        engine = engine_finder()
        if engine.engine_type == "sqlite":
            await asyncio.to_thread(rebuild_sqlite_tables, engine.path, specs)
        else:
            async with engine.transaction():
                for spec in specs:
                    if spec.restrict:
                        await _restrict_postgres(engine, spec.table)

    manager.add_raw(forwards)
    return manager


def rebuild_sqlite_tables(path: str, changes: list[TableChange]) -> None:
    """Rebuild every table of ``changes`` in one transaction with foreign keys off."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        conn.create_function("money_text", 1, money_text, deterministic=True)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for change in changes:
                _rebuild(conn, change)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"Foreign keys broken after the rebuild: {broken[:5]}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()


def new_table_sql(sql: str, change: TableChange) -> str:
    """The CREATE TABLE statement of ``change.table`` with money as text and RESTRICT."""
    for column in change.money:
        sql, found = re.subn(
            rf'"{column}" (NUMERIC(\(\d+, ?\d+\))?|{SQLITE_MONEY_TYPE})',
            f'"{column}" {SQLITE_MONEY_TYPE}',
            sql,
        )
        if found != 1:
            raise RuntimeError(f"{change.table}.{column} is not a money column: {sql}")
    if change.restrict:
        sql = sql.replace("ON DELETE CASCADE", "ON DELETE RESTRICT")
    return sql


def _rebuild(conn: sqlite3.Connection, change: TableChange) -> None:
    table, temp = change.table, f"{change.table}__rebuild"
    (sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    indexes = [
        row[0]
        for row in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        )
    ]
    columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    created = new_table_sql(sql, change).replace(f'"{table}"', f'"{temp}"', 1)
    conn.execute(created)
    select = ", ".join(f'money_text("{c}")' if c in change.money else f'"{c}"' for c in columns)
    conn.execute(f'INSERT INTO "{temp}" SELECT {select} FROM "{table}"')
    conn.execute(f'DROP TABLE "{table}"')
    conn.execute(f'ALTER TABLE "{temp}" RENAME TO "{table}"')
    for index in indexes:
        conn.execute(index)


async def _restrict_postgres(engine: Any, table: str) -> None:
    rows = await engine.run_ddl(
        "SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint "
        f"WHERE conrelid = '\"{table}\"'::regclass AND contype = 'f' AND confdeltype <> 'r'"
    )
    for row in rows:
        definition = re.sub(
            r"ON DELETE (CASCADE|SET NULL|SET DEFAULT|NO ACTION)", "", row["definition"]
        )
        await engine.run_ddl(
            f'ALTER TABLE "{table}" DROP CONSTRAINT "{row["conname"]}", '
            f'ADD CONSTRAINT "{row["conname"]}" {definition.strip()} ON DELETE RESTRICT'
        )
