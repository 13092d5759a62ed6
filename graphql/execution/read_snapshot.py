"""One SQLite connection per GraphQL query: its reads share a snapshot and a connection.

Outside a transaction Piccolo opens a new SQLite connection (and thread) for every statement;
a board of 150 stays takes a dozen statements. Wrapping a query operation (never a mutation,
whose write transaction must begin IMMEDIATE) in one deferred transaction reuses a single
connection and gives every field the same consistent view under WAL. PostgreSQL uses its
connection pool and needs nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from piccolo.engine.sqlite import SQLiteEngine
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from frontdesk.core import runtime


class SQLiteReadSnapshot(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        engine = runtime.current().engine
        try:
            is_query = self.execution_context.operation_type == OperationType.QUERY
        except Exception:  # noqa: BLE001 - an invalid document is reported by validation
            is_query = False
        if not is_query or not isinstance(engine, SQLiteEngine):
            yield
            return
        if engine.current_transaction.get() is not None:
            yield
            return
        async with engine.transaction():
            yield
