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

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from piccolo.columns import JSON, JSONB, Column
from piccolo.columns.combination import And, Or, Where, WhereRaw
from piccolo.querystring import QueryString
from piccolo.table import Table
from piccolo.utils.sql_values import convert_to_sql_value

from . import request_rows

T = TypeVar("T", bound=Table)

#: Selects rendered once, by key and engine (``SELECT <every column> FROM <table>`` by table).
_SELECT_TEXTS: dict[tuple[Any, str], str] = {}


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


#: Per class: the names of its columns whose attribute read is the row's ``__dict__`` entry
#: (``plain_columns``'s answers, read directly by the hottest loops).
PLAIN_COLUMNS: dict[type, frozenset[str]] = {}


def plain_columns(cls: type) -> frozenset[str]:
    """The attribute names ``name`` for which ``getattr(row, name)`` is exactly
    ``row.__dict__[name]`` on a row of ``cls`` (empty for anything not a piccolo table).

    piccolo's column descriptors answer ``obj.__dict__[self._meta.name]`` through two or
    three Python calls (a foreign key's ``__getattribute__`` among them); a 150-row board
    read about 4,500 attributes so. A compiled plan (graphql/execution/plan_run.py) and the
    look-ahead read these from the row's dictionary instead. A name counts only when the
    class attribute found for it is the column itself, named by it (a property or anything a
    subclass put in its place is left to ``getattr``); tests/graphql/test_row_reads.py
    proves the reads equal for every column of every table."""
    found = PLAIN_COLUMNS.get(cls)
    if found is None:
        names: set[str] = set()
        if isinstance(cls, type) and issubclass(cls, Table):
            for column in cls._meta.columns:
                name = column._meta.name
                if _class_attribute(cls, name) is column:
                    names.add(name)
        found = PLAIN_COLUMNS[cls] = frozenset(names)
    return found


def _class_attribute(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    return None


def column_of(row: Any, name: str) -> Any:
    """``getattr(row, name)``, from the row's dictionary where ``plain_columns`` allows it."""
    cls = type(row)
    columns = PLAIN_COLUMNS.get(cls)
    if columns is None:
        columns = plain_columns(cls)
    return row.__dict__[name] if name in columns else getattr(row, name)


def column_values(rows: Sequence[Any], name: str) -> list[Any]:
    """``[getattr(row, name) for row in rows]``, from the rows' dictionaries where
    ``plain_columns`` allows it (the look-ahead reads each related key of every row)."""
    values: list[Any] = []
    plain: type | None = None
    for row in rows:
        cls = type(row)
        if cls is plain or name in plain_columns(cls):
            plain = cls
            values.append(row.__dict__[name])
        else:
            values.append(getattr(row, name))
    return values


async def fetch_rows(
    table: type[T],
    where: Any = None,
    *,
    order_by: Column | None = None,
    limit: int | None = None,
    lock: str | None = None,
) -> list[T]:
    """``table.objects().where(where).order_by(order_by).limit(limit)``, built cheaply;
    ``lock`` (PostgreSQL only, e.g. ``NO KEY UPDATE``) appends ``FOR <lock>``.

    piccolo renders the select list of every column for every query (for a stay with five
    foreign keys, through each key's ``__getattribute__``): a board's loaders spent a tenth
    of the request there. The list is rendered once per table; the where clause is still
    piccolo's own. A where clause on a joined column falls back to ``table.select()``."""
    engine = table._meta.db
    if where is not None and not _own_columns_only(table, where):
        if lock is not None:  # piccolo's own, which renders the lock with the joins
            objects = table.objects().where(where).lock_rows(lock)
            if order_by is not None:
                objects = objects.order_by(order_by)
            return await (objects.limit(limit) if limit is not None else objects)
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
    if lock is not None:
        template.append(f" FOR {lock}")
    records = await engine.run_querystring(QueryString("".join(template), *args))
    return rows_of(table, engine.transform_response_to_dicts(records) if records else [])


async def fetch_row(table: type[T], where: Any) -> T | None:
    """``table.objects().where(where).first()``, built like ``fetch_rows``: the services'
    lookups by id (a booking reads its property, room type and guest)."""
    rows = await fetch_rows(table, where, limit=1)
    return rows[0] if rows else None


async def fetch_by_ids(
    *lookups: tuple[type[Table], int], remember: bool = False
) -> list[Table | None]:
    """The row of each (table, id), or None where there is none, read in one statement.

    A booking reads its property, room type and guest before anything else; as three
    statements that was three round trips and three compiled queries out of the fifteen a
    booking costs (docs/performance.md). Each table is left-joined by id onto a single row,
    so a missing row leaves its columns null instead of losing the others.

    The operation's first read by ids is answered without a statement when an earlier read
    of the same operation kept every row it asks for (``remember=True``: the guard's scope
    check reads the rows its arguments name so; ``core.request_rows`` says when that holds)."""
    known = request_rows.take(lookups)
    if known is not None:
        return known
    found = await _read_by_ids(lookups)
    if remember:
        request_rows.keep(lookups, found)
    return found


async def _read_by_ids(lookups: Sequence[tuple[type[Table], int]]) -> list[Table | None]:
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
    sql, values, table = _insert_values(rows)
    key = table._meta.primary_key._meta
    engine = table._meta.db
    records = await engine.run_querystring(
        QueryString(
            f'{sql} RETURNING "{key.db_column_name}"', *values, query_type="insert", table=table
        )
    )
    _saved(rows, [r[key.db_column_name] for r in engine.transform_response_to_dicts(records)])


async def insert_row_sets(*row_sets: Sequence[Table]) -> None:
    """``insert_rows`` of each set (rows of one table per set), on PostgreSQL in one statement.

    A booking writes its night prices, terms and folio one after the other; on PostgreSQL
    each statement is a round trip to the server, so they go as data-modifying CTEs of one
    statement (each ``INSERT ... RETURNING`` its ids; sequence values rise in row order, so
    ordering by id gives each row its own). SQLite runs in-process and has no data-modifying
    CTEs: there each set is its own statement. The rows of a set must not depend on another
    set's ids."""
    row_sets = tuple(rows for rows in row_sets if rows)
    if not row_sets:
        return
    engine = type(row_sets[0][0])._meta.db
    if len(row_sets) == 1 or engine.engine_type != "postgres":
        for rows in row_sets:
            await insert_rows(rows)
        return
    await _insert_together(row_sets)


async def insert_with_children(parent: Table, children: Sequence[Table], link: str) -> None:
    """A new row and new rows of another table whose column ``link`` refers to it, on
    PostgreSQL in one statement: the children's ``INSERT`` reads the parent's id from the
    parent's ``INSERT ... RETURNING`` (a CTE), as ``(SELECT id FROM w0)``. Elsewhere the
    parent first, then the children with its id."""
    engine = type(parent)._meta.db
    if not children or engine.engine_type != "postgres":
        await insert_rows([parent])
        for child in children:
            setattr(child, link, getattr(parent, parent._meta.primary_key._meta.name))
        await insert_rows(children)
        return
    for child in children:
        setattr(child, link, QueryString("(SELECT id FROM w0)"))
    await _insert_together(([parent], children))
    parent_id = getattr(parent, parent._meta.primary_key._meta.name)
    for child in children:
        setattr(child, link, parent_id)


async def _insert_together(row_sets: Sequence[Sequence[Table]]) -> None:
    """Sets of new rows as the CTEs ``w0``, ``w1``... of one PostgreSQL statement."""
    engine = type(row_sets[0][0])._meta.db
    ctes: list[str] = []
    selects: list[str] = []
    values: list[Any] = []
    for part, rows in enumerate(row_sets):
        sql, part_values, table = _insert_values(rows)
        key = table._meta.primary_key._meta.db_column_name
        ctes.append(f'w{part} AS ({sql} RETURNING "{key}" AS id)')
        selects.append(f"SELECT {part} AS part, id FROM w{part}")
        values += part_values
    statement = f"WITH {', '.join(ctes)} {' UNION ALL '.join(selects)} ORDER BY part, id"
    records = engine.transform_response_to_dicts(
        await engine.run_querystring(QueryString(statement, *values))
    )
    ids: dict[int, list[Any]] = {}
    for record in records:
        ids.setdefault(record["part"], []).append(record["id"])
    for part, rows in enumerate(row_sets):
        _saved(rows, ids.get(part, []))


def _insert_values(rows: Sequence[Table]) -> tuple[str, list[Any], type[Table]]:
    """``INSERT INTO <table> (<columns>) VALUES ...`` (a template) and its values."""
    table = type(rows[0])
    if any(type(row) is not table for row in rows):
        raise TypeError("insert_rows takes rows of one table")
    head, columns = _insert_head(table)
    placeholders = "(" + ",".join("{}" for _ in columns) + ")"
    values: list[Any] = []
    for row in rows:
        state = row.__dict__
        for name, is_json, column in columns:
            value = state[name]
            if is_json or type(value) not in _PLAIN_TYPES:
                value = convert_to_sql_value(value=value, column=column)
            values.append(value)
    return f"{head} VALUES {','.join([placeholders] * len(rows))}", values, table


def _saved(rows: Sequence[Table], ids: list[Any]) -> None:
    """New rows now stored: each gets its id and counts as saved."""
    name = type(rows[0])._meta.primary_key._meta.name
    for row, row_id in zip(rows, ids, strict=True):
        setattr(row, name, row_id)
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
    return select_text((table, "*"), engine_type, table.select)


def select_text(key: Any, engine_type: str, build: Callable[[], Any]) -> str:
    """The SQL of the select ``build()`` makes, rendered once per ``key`` and engine: piccolo
    builds a select's columns through each foreign key's ``__getattribute__`` (a ``dir()``
    of the column each time) on every query. The select must hold no values."""
    sql = _SELECT_TEXTS.get((key, engine_type))
    if sql is None:
        rendered = build().querystrings[0]
        # Column names hold no braces and the select list no values, so the rendered text is
        # a template of its own.
        sql, values = rendered.compile_string(engine_type=engine_type)
        if values or "{" in sql or "}" in sql:
            raise ValueError(f"cannot render the select {key!r} as a template")
        _SELECT_TEXTS[(key, engine_type)] = sql
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
