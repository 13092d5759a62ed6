"""Bulk inserts straight into the tables (synthetic data only): executemany on SQLite, COPY on
PostgreSQL. Values are Python objects; on SQLite Piccolo's own adapters store them, so what
the server reads back is exactly what Piccolo would have written."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Sequence
from typing import Any

import asyncpg
import piccolo.engine.sqlite  # noqa: F401  (registers the sqlite3 adapters Piccolo uses)

from frontdesk.core.db import sqlite_path

log = logging.getLogger("benchmarks")


class BulkWriter:
    """One connection for a data-generation phase; ids are handed out here, not by the DB."""

    def __init__(self, database_url: str) -> None:
        self.url = database_url
        self.path = sqlite_path(database_url)
        self.sqlite: sqlite3.Connection | None = None
        self.pg: asyncpg.Connection | None = None
        self.next_ids: dict[str, int] = {}
        self.written: set[str] = set()

    async def __aenter__(self) -> BulkWriter:
        if self.path is not None:
            self.sqlite = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.sqlite.execute("PRAGMA synchronous=OFF")
        else:
            self.pg = await asyncpg.connect(self.url)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.sqlite is not None:
            if exc[0] is None:
                self._checkpoint_sqlite()
            self.sqlite.close()
        if self.pg is not None:
            if exc[0] is None:
                for table in self.next_ids:
                    await self.pg.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                    )
                # What autovacuum and the checkpointer would do a minute after such a
                # load, done now instead of during the next measurement.
                for table in sorted(self.written):
                    await self.pg.execute(f"VACUUM ANALYZE {table}")
                with contextlib.suppress(asyncpg.InsufficientPrivilegeError):
                    await self.pg.execute("CHECKPOINT")
            await self.pg.close()

    def _checkpoint_sqlite(self) -> None:
        """The write-ahead log moved into the database and emptied, as PostgreSQL's
        ``CHECKPOINT`` above. SQLite checkpoints by itself only when no reader holds an older
        snapshot, and the OS writes the pages out when it chooses: after a load of a million
        past stays (about a gigabyte in 96 s) either could fall into the history curve's next
        point, on the server's side or the floor's (docs/performance.md, "Session 14")."""
        assert self.sqlite is not None and self.path is not None
        wal = f"{self.path}-wal"
        size = os.path.getsize(wal) if os.path.exists(wal) else 0
        began = time.perf_counter()
        busy, _frames, _moved = self.sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        # Written with synchronous=OFF, the pages sit in the OS's cache; the kernel would
        # write them out during the next measurement, so they are written out now.
        with open(self.path, "rb+") as database:
            os.fsync(database.fileno())
        log.info(
            "    write-ahead log of %.0f MB checkpointed%s, the file synced: %.1f s",
            size / 1e6,
            " (busy)" * busy,
            time.perf_counter() - began,
        )

    async def fetch(self, sql: str) -> list[tuple[Any, ...]]:
        if self.sqlite is not None:
            return self.sqlite.execute(sql).fetchall()
        assert self.pg is not None
        return [tuple(r) for r in await self.pg.fetch(sql)]

    async def ids(self, table: str, count: int) -> range:
        """``count`` fresh primary keys for ``table``."""
        if table not in self.next_ids:
            rows = await self.fetch(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            self.next_ids[table] = int(rows[0][0]) + 1
        first = self.next_ids[table]
        self.next_ids[table] = first + count
        return range(first, first + count)

    async def insert(self, table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        if not rows:
            return
        self.written.add(table)
        if self.sqlite is not None:
            marks = ", ".join("?" for _ in columns)
            self.sqlite.execute("BEGIN IMMEDIATE")  # one short write per batch: services
            self.sqlite.executemany(  # write between batches through their own connection
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
            )
            self.sqlite.execute("COMMIT")
            return
        assert self.pg is not None
        await self.pg.copy_records_to_table(table, records=rows, columns=list(columns))
