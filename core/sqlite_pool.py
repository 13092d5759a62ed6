"""A SQLite engine that reuses its connections.

Piccolo's SQLiteEngine opens a new aiosqlite connection, and with it a new thread, for every
statement outside a transaction and for every transaction. On the front desk's busiest
requests (an authenticated board, an availability search, a booking) that was three to five
connections per request, each a thread start, a ``sqlite3.connect`` and its pragmas: more
than the queries themselves. This engine keeps idle connections and hands them out again.

A connection goes back to the pool only in a clean state (no open transaction); one that
failed or is mid-transaction is closed instead. Worker threads are daemons, so idle pooled
connections never keep a finishing process (CLI, tests) alive. Reads outside a transaction
run in autocommit, as before, so each sees the latest committed data under WAL. Rows and
values are read by core/sqlite_values.py (piccolo's results, fewer Python calls).
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiosqlite
from piccolo.engine.sqlite import SQLiteEngine

from . import sqlite_values
from .sqlite_values import dict_row

#: Idle connections kept per engine; busier moments open more and close the surplus.
MAX_IDLE_CONNECTIONS = 8


class PooledConnection:
    """An aiosqlite connection whose ``close()`` returns it to the pool."""

    __slots__ = ("_connection", "_engine")

    def __init__(self, connection: aiosqlite.Connection, engine: PooledSQLiteEngine) -> None:
        object.__setattr__(self, "_connection", connection)
        object.__setattr__(self, "_engine", engine)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._connection, name, value)

    async def close(self) -> None:
        await self._engine.release(self._connection)


class PooledSQLiteEngine(SQLiteEngine):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sqlite_values.install()  # piccolo's values with fewer Python calls (sqlite_values.py)
        self._idle: list[aiosqlite.Connection] = []

    async def acquire(self) -> aiosqlite.Connection:
        while True:
            try:
                connection = self._idle.pop()
            except IndexError:  # none idle (the test client serves from a second thread)
                break
            if connection._connection is not None:  # not closed meanwhile
                return connection
        connection = aiosqlite.connect(**self.connection_kwargs)
        thread = getattr(connection, "_thread", None)
        if thread is not None:
            thread.daemon = True
        connection = await connection
        await connection.execute("PRAGMA foreign_keys = 1")
        return connection

    async def release(self, connection: aiosqlite.Connection) -> None:
        raw = connection._connection
        if raw is None:
            return
        if raw.in_transaction or len(self._idle) >= MAX_IDLE_CONNECTIONS:
            await connection.close()
            return
        connection.row_factory = dict_row
        self._idle.append(connection)

    async def close_idle(self) -> None:
        idle, self._idle = self._idle, []
        await asyncio.gather(*(connection.close() for connection in idle))

    async def get_connection(self) -> PooledConnection:  # type: ignore[override]
        """The connection a transaction runs on (Piccolo calls ``close()`` when it ends)."""
        connection = await self.acquire()
        connection.row_factory = dict_row
        return PooledConnection(connection, self)

    async def _run_in_new_connection(
        self,
        query: str,
        args: list[Any] | None = None,
        query_type: str = "generic",
        table: Any = None,
    ):
        """A statement outside any transaction, on a pooled connection (Piccolo's own
        version opens and closes a connection for it)."""
        connection = await self.acquire()
        try:
            connection.row_factory = dict_row
            if query_type == "insert" and self.get_version_sync() < 3.35:
                async with connection.execute(query, args or []) as cursor:
                    await connection.commit()
                    assert table is not None
                    pk = await self._get_inserted_pk(cursor, table)
                    result = [{table._meta.primary_key._meta.db_column_name: pk}]
            else:
                result = await _execute_fetchall(connection, query, args)
                if connection.in_transaction:  # a write opened one implicitly
                    await connection.commit()
        except BaseException:
            await connection.close()
            raise
        await self.release(connection)
        return result

    async def _run_in_existing_connection(
        self,
        connection: Any,
        query: str,
        args: list[Any] | None = None,
        query_type: str = "generic",
        table: Any = None,
    ):
        """A statement inside a transaction. Piccolo's version sets ``PRAGMA foreign_keys``
        again and executes, fetches and closes in three more trips to the connection's
        thread; a pooled connection has the pragma already, and one trip does the rest."""
        if not isinstance(connection, PooledConnection) or (
            query_type == "insert" and self.get_version_sync() < 3.35
        ):
            return await super()._run_in_existing_connection(
                connection, query, args, query_type, table
            )
        connection.row_factory = dict_row
        return await _execute_fetchall(connection, query, args)


async def _execute_fetchall(connection: Any, query: str, args: list[Any] | None) -> list:
    """Execute and fetch every row in one trip to the connection's thread (aiosqlite's
    ``execute`` and ``fetchall`` are a trip each, and closing the cursor a third)."""
    return list(await connection.execute_fetchall(query, args or []))
