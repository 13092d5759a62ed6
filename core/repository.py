"""How core's domain code reads and writes its rows: one set of helpers over Piccolo.

Domain functions build their own queries with Piccolo (``Table.objects().where(...)``,
``Table.select``, ``Table.exists``, ``row.save()``) and use these helpers for what every
area does the same way:

- ``get_or_not_found``: a row by id, or the ``NotFound`` that names the input field (and a
  row of another property counts as not found);
- ``lock_row`` (``lock_rows``): the row lock a write takes before it reads what it will
  change, so two postings on one folio serialize. One idiom for both engines;
- ``rows_by_ids``, ``find_row``, ``find_rows``: reads in as few round trips as possible;
- ``insert``: new rows written without piccolo rebuilding the statement each time.

The hand-rendered statements of ``core/rows.py`` (the hot paths of a booking and the board)
sit behind these helpers: domain code imports this module, never ``rows``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from piccolo.columns import Column
from piccolo.table import Table

from . import db, rows
from .errors import NotFound
from .transactions import in_open_transaction

T = TypeVar("T", bound=Table)

#: For the raw SQL of the inventory and availability reads: ids written into the statement.
id_list = rows.id_list


def found(
    row: T | None, row_id: Any, *, name: str, field: str, property_id: int | None = None
) -> T:
    """``row`` as read for ``row_id``, or ``NotFound`` ("<name> <id> does not exist.") on
    ``field`` when there is none or, given ``property_id``, it belongs to another property
    (a client must not learn that another property's row exists)."""
    if row is None or (property_id is not None and row.property != property_id):
        raise NotFound(f"{name} {row_id} does not exist.", field=field)
    return row


async def get_or_not_found(
    table: type[T],
    row_id: Any,
    *,
    name: str,
    field: str,
    property_id: int | None = None,
    lock: bool = False,
) -> T:
    """The row of ``table`` with id ``row_id``, or ``NotFound`` (see :func:`found`). With
    ``lock`` the row is locked first (:func:`lock_row`), inside the write transaction."""
    if lock:
        row = await lock_row(table, row_id)
    else:
        row = await rows.fetch_row(table, table._meta.primary_key == row_id)
    return found(row, row_id, name=name, field=field, property_id=property_id)


async def lock_row(table: type[T], row_id: Any) -> T | None:
    """Lock the row for the rest of this write transaction and return it as it is now (None
    when there is no such row).

    PostgreSQL: ``SELECT ... FOR NO KEY UPDATE``, the lock an UPDATE of the row takes: a
    second transaction locking the row waits for this one to end, then reads what it wrote;
    rows referring to it can still be inserted. SQLite: every write transaction is
    ``BEGIN IMMEDIATE`` (``db.write_transaction``), which holds the database's write lock
    already, so a plain read is enough. Outside a write transaction a lock would end with
    its statement, so that is refused."""
    rows = await lock_rows(table, table._meta.primary_key == row_id)
    return rows[0] if rows else None


async def lock_rows(table: type[T], where: Any) -> list[T]:
    """Lock every row of ``table`` matching ``where`` as :func:`lock_row` locks one (a
    property's connectors, say), and return them ordered by id."""
    if not in_open_transaction():
        raise RuntimeError(
            f"lock_row({table._meta.tablename}) outside a write transaction: call it inside "
            "the change that run_write runs"
        )
    lock = None if db.is_sqlite(table._meta.db) else "NO KEY UPDATE"
    return await rows.fetch_rows(table, where, order_by=table._meta.primary_key, lock=lock)


async def find_row(table: type[T], where: Any) -> T | None:
    """The first row of ``table`` matching ``where`` (no order), or None."""
    return await rows.fetch_row(table, where)


async def find_rows(
    table: type[T], where: Any = None, *, order_by: Column | None = None, limit: int | None = None
) -> list[T]:
    """The rows of ``table`` matching ``where``, ordered by ``order_by`` (ascending)."""
    return await rows.fetch_rows(table, where, order_by=order_by, limit=limit)


async def rows_by_ids(
    *lookups: tuple[type[Table], Any], remember: bool = False
) -> list[Table | None]:
    """The row of each ``(table, id)``, or None where there is none, read in one statement:
    what a change needs before anything else (a booking's property, room type and guest).
    With ``remember`` the rows are kept for the operation's next read by ids, which then
    needs no statement (``core.request_rows``: the guard's scope check reads so)."""
    return await rows.fetch_by_ids(*lookups, remember=remember)


def rows_from_records(table: type[T], records: list[dict[str, Any]]) -> list[T]:
    """Rows of ``table`` from full ``table.select()`` records (every column, no joins)."""
    return rows.rows_of(table, records)


async def insert(new_rows: Sequence[Table]) -> None:
    """Insert new rows of one table (made with ``Table(...)``, which fills the defaults);
    each gets its id and counts as saved, as after ``row.save()``."""
    await rows.insert_rows(new_rows)


async def insert_together(*row_sets: Sequence[Table]) -> None:
    """``insert`` of each set (rows of one table per set, no set needing another's ids), in
    one statement where the engine allows (PostgreSQL: one round trip instead of several)."""
    await rows.insert_row_sets(*row_sets)


async def insert_with_children(parent: Table, children: Sequence[Table], link: str) -> None:
    """``insert([parent])`` then ``children`` with ``link`` set to its id, in one statement
    where the engine allows (PostgreSQL)."""
    await rows.insert_with_children(parent, children, link)


__all__ = [
    "find_row",
    "find_rows",
    "found",
    "get_or_not_found",
    "id_list",
    "insert",
    "insert_together",
    "insert_with_children",
    "lock_row",
    "lock_rows",
    "rows_by_ids",
    "rows_from_records",
]
