"""Keyset pagination by id: stable under inserts, constant cost however deep the page."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .rows import fetch_rows

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    has_next_page: bool
    end_cursor: str | None


def encode_cursor(row_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{row_id}".encode()).decode()


def decode_cursor(cursor: str | None) -> int | None:
    """The id after which the next page starts; an unreadable cursor starts at the beginning."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor.encode() + b"==").decode()
        kind, _, value = raw.partition(":")
        return int(value) if kind == "id" else None
    except (ValueError, UnicodeDecodeError):
        return None


def clamp(first: int | None, *, default: int, maximum: int) -> int:
    if first is None:
        return default
    return max(0, min(first, maximum))


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
    return Page(rows, has_next, encode_cursor(rows[-1].id) if rows else None)
