"""The owning property of objects named by id arguments, looked up in one statement (the
guard asks before every mutation whose arguments name objects: a booking names a room type
and a guest).

Where every object's table holds its property itself (no join), the statement reads the
objects' whole rows, with the rows of the properties the arguments name, as one row
(``rows_by_ids``) and keeps them for the operation (``core.request_rows``): the service's
own first read of those rows (a booking's property, room type and guest) is then answered
without a second round trip. Otherwise, or for more than ``MAX_ROWS`` objects (one row of
every column of each; PostgreSQL allows 1,664 columns), it reads only the owners."""

from __future__ import annotations

from typing import Any

from piccolo.querystring import QueryString
from piccolo.table import Table

from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.repository import rows_by_ids

#: At most this many rows are read whole (a guest or a stay has some 20 columns).
MAX_ROWS = 8

#: ``SELECT <owner> AS owner FROM <table> <joins>`` per (table, owner column path, engine).
_OWNER_SELECTS: dict[tuple[type[Table], str, str], str] = {}


def _owner_select(scope: Any, engine_type: str) -> str:
    """The statement that reads the owning property of ``scope``'s table (joins included),
    rendered by piccolo once; the id is added as a parameter per lookup. Building the piccolo
    select for every mutation was a tenth of a booking's CPU."""
    key = (scope.table, scope.column._meta.get_full_name(with_alias=False), engine_type)
    sql = _OWNER_SELECTS.get(key)
    if sql is None:
        rendered = scope.table.select(scope.column.as_alias("owner")).querystrings[0]
        sql, values = rendered.compile_string(engine_type=engine_type)
        if values or "{" in sql or "}" in sql:
            raise ValueError(f"cannot render the owner of {scope.table._meta.tablename}")
        _OWNER_SELECTS[key] = sql
    return sql


async def owners(
    lookups: list[tuple[Any, int]], property_ids: list[int] | None = None
) -> dict[int, int | None]:
    """The owning property of each (scope, id) that exists, by its index in ``lookups``;
    ``property_ids`` (named by other arguments) are read with them when whole rows are."""
    properties = property_ids or []
    if len(lookups) + len(properties) <= MAX_ROWS and all(
        not scope.column._meta.call_chain for scope, _object_id in lookups
    ):
        return await _owners_of_rows(lookups, properties)
    return await _owners_only(lookups)


async def _owners_of_rows(
    lookups: list[tuple[Any, int]], property_ids: list[int]
) -> dict[int, int | None]:
    """The owners read from the objects' whole rows, which the operation keeps."""
    reads = [(scope.table, int(object_id)) for scope, object_id in lookups]
    reads += [(PropertyRow, int(property_id)) for property_id in property_ids]
    found = await rows_by_ids(*reads, remember=True)
    return {
        index: row.__dict__[scope.column._meta.name]
        for index, ((scope, _object_id), row) in enumerate(zip(lookups, found, strict=False))
        if row is not None
    }


async def _owners_only(lookups: list[tuple[Any, int]]) -> dict[int, int | None]:
    """The owners alone, one ``UNION ALL`` branch per object (joins where the scope needs)."""
    engine = PropertyRow._meta.db
    parts = []
    for index, (scope, _object_id) in enumerate(lookups):
        table = scope.table._meta
        id_column = f'{table.get_formatted_tablename()}."{table.primary_key._meta.db_column_name}"'
        select = _owner_select(scope, engine.engine_type)
        parts.append(
            f"SELECT {index} AS lookup, owner FROM ({select} WHERE {id_column} = {{}}) AS q{index}"
        )
    records = await engine.run_querystring(
        QueryString(" UNION ALL ".join(parts), *(int(object_id) for _scope, object_id in lookups))
    )
    return {
        row["lookup"]: row["owner"] for row in engine.transform_response_to_dicts(records or [])
    }
