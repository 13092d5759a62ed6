"""Keyset pagination by id: stable under inserts, constant cost however deep the page.

A client's mistake in the page arguments (a negative ``first``, a cursor this server never
handed out) is an ``InvalidInput``: the API answers it in the connection's ``errors`` rather
than guessing a page (docs/api.md, "Lists")."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .errors import InvalidInput
from .rows import fetch_rows

T = TypeVar("T")

Count = Callable[[], Awaitable[int]]


@dataclass
class Page(Generic[T]):
    items: list[T]
    has_next_page: bool
    end_cursor: str | None
    #: How many rows the whole list holds (every page together), counted only when asked;
    #: None where the list cannot count without reading every row.
    count: Count | None = field(default=None, repr=False)


def encode_cursor(row_id: int, kind: str = "id") -> str:
    return base64.urlsafe_b64encode(f"{kind}:{row_id}".encode()).decode()


def _decode(cursor: str) -> tuple[str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode() + b"==").decode()
        kind, _, value = raw.partition(":")
        number = int(value)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("after is not a cursor of this list.", field="after") from None
    if number < 0 or number > 2**62:
        raise InvalidInput("after is not a cursor of this list.", field="after")
    return kind, number


def decode_cursor(cursor: str | None, kind: str = "id") -> int | None:
    """The id after which the next page starts (None: from the beginning); a cursor that is
    not one this list hands out is the client's mistake."""
    if not cursor:
        return None
    found, number = _decode(cursor)
    if found != kind:
        raise InvalidInput("after is not a cursor of this list.", field="after")
    return number


def clamp(first: int | None, *, default: int, maximum: int) -> int:
    """The page size: ``default`` when not given, at most ``maximum`` (a larger ``first`` gets
    a full page and ``hasNextPage``); a negative ``first`` is refused."""
    if first is None:
        return default
    if first < 0:
        raise InvalidInput("first must not be negative.", field="first")
    return min(first, maximum)


def counter(table: Any, condition: Any) -> Count:
    """A count of ``table`` rows matching ``condition``, run when called."""

    async def count() -> int:
        query = table.count()
        return await (query if condition is None else query.where(condition))

    return count


async def paginate(table: Any, condition: Any, *, first: int, after: str | None) -> Page:
    """A page of ``table`` objects matching ``condition``, ordered by id."""
    after_id = decode_cursor(after)
    where = condition
    if after_id is not None:
        clause = table.id > after_id
        where = clause if where is None else where & clause
    rows = await fetch_rows(table, where, order_by=table.id, limit=first + 1)
    has_next = len(rows) > first
    rows = rows[:first]
    cursor = encode_cursor(rows[-1].id) if rows else None
    return Page(rows, has_next, cursor, counter(table, condition))


async def paginate_ranked(
    table: Any, condition: Any, ranks: list[Any], *, first: int, after: str | None
) -> Page:
    """A page of ``table`` objects matching ``condition``, the rows matching ``ranks[0]``
    first, then ``ranks[1]``…, each group by id (open folios before closed ones). The ranks
    must not overlap; together they should cover every row. The cursor names group and id,
    so pages stay stable under inserts like ``paginate``'s."""
    rank, after_id = 0, None
    if after:
        kind, after_id = _decode(after)
        if not kind.startswith("r") or not kind[1:].isdigit() or int(kind[1:]) >= len(ranks):
            raise InvalidInput("after is not a cursor of this list.", field="after")
        rank = int(kind[1:])
    found: list[tuple[int, Any]] = []
    for index in range(rank, len(ranks)):
        where = ranks[index] if condition is None else condition & ranks[index]
        if index == rank and after_id is not None:
            where = where & (table.id > after_id)
        rows = await fetch_rows(table, where, order_by=table.id, limit=first + 1 - len(found))
        found.extend((index, row) for row in rows)
        if len(found) > first:
            break
    page = found[:first]
    cursor = encode_cursor(page[-1][1].id, f"r{page[-1][0]}") if page else None
    return Page([row for _, row in page], len(found) > first, cursor, counter(table, condition))
