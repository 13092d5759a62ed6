"""Piccolo rows read and written without piccolo's per-query building, for the hot paths.

``Table.objects()`` builds each row through ``Table.__init__``, which walks every column
(default values, kwarg lookups by name and by database name, a descriptor ``__set__`` each):
for the front-desk board (a few hundred stays, guests, rooms and folio entries per request)
that was a fifth of the server's time. A row that comes from the database has every column,
so none of that work changes the result: its ``__dict__`` is exactly the record. ``rows_of``
fills it directly; tests/graphql/test_list_prefetch.py proves the rows equal ``objects()``'s
for every table.

Statements are rendered once per table (``fetch_rows``, ``fetch_by_ids``, ``insert_rows``):
piccolo rebuilds a select list or an INSERT from the table's columns for every query. New
rows are still made with ``Table(...)``, which fills in the defaults; ``insert_rows`` only
writes them, and the same test file proves it stores exactly what piccolo's insert stores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from piccolo.columns import JSON, JSONB, Column
from piccolo.columns.combination import And, Or, Where, WhereRaw
from piccolo.querystring import QueryString
from piccolo.table import Table
from piccolo.utils.sql_values import convert_to_sql_value

T = TypeVar("T", bound=Table)

#: ``SELECT <every column> FROM <table>`` per table and engine, rendered once.
_SELECT_ALL: dict[tuple[type[Table], str], str] = {}


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


async def fetch_rows(
    table: type[T], where: Any = None, *, order_by: Column | None = None, limit: int | None = None
) -> list[T]:
    """``table.objects().where(where).order_by(order_by).limit(limit)``, built cheaply.

    piccolo renders the select list of every column for every query (for a stay with five
    foreign keys, through each key's ``__getattribute__``): a board's loaders spent a tenth
    of the request there. The list is rendered once per table; the where clause is still
    piccolo's own. A where clause on a joined column falls back to ``table.select()``."""
    engine = table._meta.db
    if where is not None and not _own_columns_only(table, where):
        query = table.select().where(where)
        if order_by is not None:
            query = query.order_by(order_by)
        if limit is not None:
            query = query.limit(limit)
        return rows_of(table, await query)
    template = [_select_all(table, engine.engine_type)]
    args: list[Any] = []
    if where is not None:
        template.append(" WHERE {}")
        args.append(where.querystring)
    if order_by is not None:
        template.append(f" ORDER BY {order_by._meta.get_full_name(with_alias=False)} ASC")
    if limit is not None:
        template.append(f" LIMIT {int(limit)}")
    records = await engine.run_querystring(QueryString("".join(template), *args))
    return rows_of(table, engine.transform_response_to_dicts(records) if records else [])


async def fetch_row(table: type[T], where: Any) -> T | None:
    """``table.objects().where(where).first()``, built like ``fetch_rows``: the services'
    lookups by id (a booking reads its property, room type and guest)."""
    rows = await fetch_rows(table, where, limit=1)
    return rows[0] if rows else None


async def fetch_by_ids(*lookups: tuple[type[Table], int]) -> list[Table | None]:
    """The row of each (table, id), or None where there is none, read in one statement.

    A booking reads its property, room type and guest before anything else; as three
    statements that was three round trips and three compiled queries out of the fifteen a
    booking costs (docs/performance.md). Each table is left-joined by id onto a single row,
    so a missing row leaves its columns null instead of losing the others."""
    engine = lookups[0][0]._meta.db
    select_list: list[str] = []
    joins: list[str] = []
    for index, (table, _row_id) in enumerate(lookups):
        alias = f"t{index}"
        select_list += [
            f'{alias}."{column._meta.db_column_name}" AS "{alias}_{column._meta.name}"'
            for column in table._meta.columns
        ]
        key = table._meta.primary_key._meta.db_column_name
        name = table._meta.get_formatted_tablename()
        joins.append(f'LEFT JOIN {name} AS {alias} ON {alias}."{key}" = {{}}')
    sql = f"SELECT {', '.join(select_list)} FROM (SELECT 1 AS one) AS base {' '.join(joins)}"
    records = await engine.run_querystring(
        QueryString(sql, *(int(row_id) for _table, row_id in lookups))
    )
    (record,) = engine.transform_response_to_dicts(records)
    found: list[Table | None] = []
    for index, (table, _row_id) in enumerate(lookups):
        prefix = f"t{index}_"
        values = {
            column._meta.name: record[prefix + column._meta.name] for column in table._meta.columns
        }
        primary_key = table._meta.primary_key._meta.name
        found.append(rows_of(table, [values])[0] if values[primary_key] is not None else None)
    return found


#: Types whose values the database driver takes as they are (no piccolo conversion needed);
#: matched exactly, so an Enum that is also a str still goes through piccolo.
_PLAIN_TYPES = frozenset({int, str, bool, float, Decimal, date, datetime, type(None)})
#: Per table: ``INSERT INTO <table> (<every column>)``, and per column its name, whether
#: its values are JSON, and the column.
_INSERT_HEADS: dict[type[Table], tuple[str, list[tuple[str, bool, Column]]]] = {}


async def insert_rows(rows: Sequence[Table]) -> None:
    """``table.insert(*rows)`` for new rows of one table: each row gets its primary key and
    counts as saved, as piccolo does; ``row.save()`` of a new row is ``insert_rows([row])``.

    piccolo rebuilds the statement from the table's columns for every insert (through each
    foreign key's ``__getattribute__``) and converts every value; a booking inserts into six
    tables and that building was a seventh of its CPU. Here the head is rendered once per
    table and values a driver takes as they are skip the conversion."""
    if not rows:
        return
    table = type(rows[0])
    if any(type(row) is not table for row in rows):
        raise TypeError("insert_rows takes rows of one table")
    head, columns = _insert_head(table)
    placeholders = "(" + ",".join("{}" for _ in columns) + ")"
    values: list[Any] = []
    tuples = []
    for row in rows:
        state = row.__dict__
        for name, is_json, column in columns:
            value = state[name]
            if is_json or type(value) not in _PLAIN_TYPES:
                value = convert_to_sql_value(value=value, column=column)
            values.append(value)
        tuples.append(placeholders)
    meta = table._meta
    key = meta.primary_key._meta
    engine = meta.db
    records = await engine.run_querystring(
        QueryString(
            f'{head} VALUES {",".join(tuples)} RETURNING "{key.db_column_name}"',
            *values,
            query_type="insert",
            table=table,
        )
    )
    for row, record in zip(rows, engine.transform_response_to_dicts(records), strict=True):
        setattr(row, key.name, record[key.db_column_name])
        row._exists_in_db = True


def _insert_head(table: type[Table]) -> tuple[str, list[tuple[str, bool, Column]]]:
    known = _INSERT_HEADS.get(table)
    if known is None:
        meta = table._meta
        names = ",".join(f'"{column._meta.db_column_name}"' for column in meta.columns)
        columns = [
            (column._meta.name, isinstance(column, (JSON, JSONB)), column)
            for column in meta.columns
        ]
        known = _INSERT_HEADS[table] = (
            f"INSERT INTO {meta.get_formatted_tablename()} ({names})",
            columns,
        )
    return known


def _select_all(table: type[Table], engine_type: str) -> str:
    key = (table, engine_type)
    sql = _SELECT_ALL.get(key)
    if sql is None:
        rendered = table.select().querystrings[0]
        # Column names hold no braces and the select list no values, so the rendered text is
        # a template of its own.
        sql, values = rendered.compile_string(engine_type=engine_type)
        if values or "{" in sql or "}" in sql:
            raise ValueError(f"cannot render the select list of {table._meta.tablename}")
        _SELECT_ALL[key] = sql
    return sql


def _own_columns_only(table: type[Table], where: Any) -> bool:
    """Whether ``where`` names only ``table``'s own columns (no join needed)."""
    if isinstance(where, (And, Or)):
        return _own_columns_only(table, where.first) and _own_columns_only(table, where.second)
    if isinstance(where, Where):
        column = where.column
        return not column._meta.call_chain and column._meta.table is table
    return isinstance(where, WhereRaw) and not where.querystring.columns


def id_list(ids: Iterable[int]) -> QueryString:
    """Integer ids as the list of ``column.is_in(...)``, each once, written into the SQL.

    Given a Python list, piccolo converts every value for rows, enums and JSON first, and
    bound as parameters piccolo still bundles each one separately when it compiles the
    statement (a few microseconds each: a board's loaders pass about 400 ids per request).
    Every value goes through ``int()``, so nothing but digits reaches the statement."""
    values = dict.fromkeys(int(value) for value in ids)
    return QueryString(", ".join(map(str, values)))
