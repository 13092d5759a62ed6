"""Piccolo rows built from ``select()`` records, for the read paths that load many rows.

``Table.objects()`` builds each row through ``Table.__init__``, which walks every column
(default values, kwarg lookups by name and by database name, a descriptor ``__set__`` each):
for the front-desk board (a few hundred stays, guests, rooms and folio entries per request)
that was a fifth of the server's time. A row that comes from the database has every column,
so none of that work changes the result: its ``__dict__`` is exactly the record. ``rows_of``
fills it directly; tests/core/test_rows.py proves the rows equal ``objects()``'s for every
table. Writes keep using ``objects()`` and ``Table(...)``, which need the defaults.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from piccolo.querystring import QueryString
from piccolo.table import Table

T = TypeVar("T", bound=Table)


def rows_of(table: type[T], records: list[dict[str, Any]]) -> list[T]:
    """Rows of ``table`` from full ``table.select()`` records (every column, no joins)."""
    new = object.__new__
    rows: list[T] = []
    for record in records:
        row = new(table)
        state = row.__dict__
        state.update(record)
        state["_exists_in_db"] = True
        state["_was_created"] = None
        rows.append(row)
    return rows


async def fetch_rows(table: type[T], where: Any = None, *, order_by: Any = None, limit=None):
    """``table.objects().where(where).order_by(order_by).limit(limit)``, built cheaply."""
    query = table.select()
    if where is not None:
        query = query.where(where)
    if order_by is not None:
        query = query.order_by(order_by)
    if limit is not None:
        query = query.limit(limit)
    return rows_of(table, await query)


def id_list(ids: Iterable[int]) -> QueryString:
    """Plain ids as the list of ``column.is_in(...)``, each once, as bound parameters.

    Given a Python list, piccolo converts every value for rows, enums and JSON first (a few
    microseconds each: a board's loaders pass about 400 ids per request)."""
    values = list(dict.fromkeys(ids))
    return QueryString(", ".join("{}" for _ in values), *values)
