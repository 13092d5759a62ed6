"""Database engines and the one helper that opens write transactions.

SQLite is the embedded default (WAL, a busy timeout, every write transaction IMMEDIATE so a
transaction that reads and then writes never fails with "database is locked"); PostgreSQL is
the production engine. Nothing else in the code base opens a write transaction.
"""

from __future__ import annotations

import contextvars
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from . import (
    money_columns,  # noqa: F401  (exact Decimal codecs for SQLite)
    runtime,
)
from .sqlite_pool import PooledSQLiteEngine

SQLITE_BUSY_TIMEOUT_SECONDS = 30


def sqlite_path(database_url: str) -> str | None:
    """The file path of a SQLite URL (sqlite:///rel.db, sqlite:////abs.db) or a bare path."""
    if database_url.startswith("sqlite:///"):
        return database_url[len("sqlite:///") :]
    if "://" not in database_url:
        return database_url
    return None


def make_engine(database_url: str) -> Engine:
    """An engine for a database URL: sqlite:///path.db or postgresql://user@host:port/db."""
    path = sqlite_path(database_url)
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(path) as conn:  # WAL is a property of the file: set it once
            conn.execute("PRAGMA journal_mode=WAL")
        return PooledSQLiteEngine(path=path, timeout=SQLITE_BUSY_TIMEOUT_SECONDS)
    parsed = urlparse(database_url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ValueError(
            f"Unsupported database URL {database_url!r}: use sqlite:///file.db or postgresql://…"
        )
    return PostgresEngine(config={"dsn": database_url})


def is_sqlite(engine: Engine | None = None) -> bool:
    engine = engine or runtime.current().engine
    return engine.engine_type == "sqlite"


def ilike(column: Any, pattern: str) -> Any:
    """Case-insensitive LIKE on either engine (SQLite's LIKE already ignores ASCII case)."""
    return column.like(pattern) if is_sqlite() else column.ilike(pattern)


def bind_tables(engine: Engine, tables: list[Any]) -> None:
    """Point every table class at the engine of this installation."""
    for table in tables:
        table._meta.db = engine


async def start_pool(engine: Engine, *, enabled: bool = True) -> None:
    """A PostgreSQL pool for this process (bound to the running event loop).

    Without it each statement outside a transaction opens its own connection: slower, but
    free of event-loop affinity, which the test suite needs because its ASGI client runs the
    app in a loop of its own.
    """
    if enabled and isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=10)


async def close_pool(engine: Engine) -> None:
    if isinstance(engine, PostgresEngine) and engine.pool is not None:
        await engine.close_connection_pool()
    if isinstance(engine, PooledSQLiteEngine):
        await engine.close_idle()


@dataclass
class UnitOfWork:
    """What one write transaction collected: callbacks to run once it has committed."""

    after_commit: list[Callable[[], Any]] = field(default_factory=list)


_current_unit: contextvars.ContextVar[UnitOfWork | None] = contextvars.ContextVar(
    "frontdesk_unit_of_work", default=None
)


def current_unit() -> UnitOfWork | None:
    return _current_unit.get()


@asynccontextmanager
async def write_transaction() -> AsyncIterator[UnitOfWork]:
    """Open the write transaction for one state change (nested calls join the outer one).

    On success the after-commit callbacks run once the data is durable; on any exception the
    transaction rolls back and they are dropped.
    """
    outer = _current_unit.get()
    if outer is not None:
        yield outer
        return
    engine = runtime.current().engine
    if isinstance(engine, SQLiteEngine):
        transaction = engine.transaction(transaction_type=TransactionType.immediate)
    else:
        transaction = engine.transaction()
    unit = UnitOfWork()
    token = _current_unit.set(unit)
    try:
        async with transaction:
            yield unit
    finally:
        _current_unit.reset(token)
    for callback in unit.after_commit:
        result = callback()
        if hasattr(result, "__await__"):
            await result


def is_unique_violation(exc: BaseException) -> bool:
    """True when the database refused a write because of a unique key."""
    name = type(exc).__name__
    if name == "UniqueViolationError":
        return True
    if isinstance(exc, sqlite3.IntegrityError):
        return "UNIQUE" in str(exc)
    return False


def is_foreign_key_violation(exc: BaseException) -> bool:
    """True when the database refused a write because a foreign key RESTRICTs it: deleting
    a property, guest, stay or folio that financial rows refer to."""
    if type(exc).__name__ == "ForeignKeyViolationError":
        return True
    return isinstance(exc, sqlite3.IntegrityError) and "FOREIGN KEY" in str(exc)


# asyncpg's exceptions for a server that is down, restarting, or dropped the connection.
_UNAVAILABLE_NAMES = {
    "CannotConnectNowError",
    "ConnectionDoesNotExistError",
    "ConnectionFailureError",
    "AdminShutdownError",
    "CrashShutdownError",
    "TooManyConnectionsError",
    "PostgresConnectionError",
    "ClientCannotConnectError",
}
_SQLITE_UNAVAILABLE = ("unable to open database", "disk i/o error", "database disk image")


def is_unavailable(exc: BaseException | None) -> bool:
    """True when ``exc`` (or what caused it) says the database cannot be reached right now,
    rather than that the request was wrong: the server answers 503 and the client retries."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, ConnectionError | TimeoutError) or type(exc).__name__ in (
            _UNAVAILABLE_NAMES
        ):
            return True
        if isinstance(exc, OSError) and exc.errno is not None:  # refused, unreachable, reset
            return True
        if isinstance(exc, sqlite3.OperationalError) and any(
            text in str(exc).lower() for text in _SQLITE_UNAVAILABLE
        ):
            return True
        if type(exc).__name__ == "InterfaceError" and "closed" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


async def ping(engine: Engine, timeout: float = 2.0) -> None:
    """One round trip to the database; raises when it cannot be reached within ``timeout``."""
    import asyncio

    await asyncio.wait_for(engine.run_ddl("SELECT 1"), timeout)


def is_retryable(exc: BaseException) -> bool:
    """Serialization failures and deadlocks on PostgreSQL: the transaction may be retried."""
    return type(exc).__name__ in {"SerializationError", "DeadlockDetectedError"}
