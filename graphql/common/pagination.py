"""What list and lookup queries of every area share: the page size a caller may ask for, the
conditions lists are filtered by, and the lookup by id that answers null for an unreadable
id instead of an error."""

from __future__ import annotations

from strawberry.types import Info

from frontdesk.core.pagination import clamp

from .errors import maybe_id

DEFAULT_PAGE = 50


def page_size(info: Info, first: int | None) -> int:
    return clamp(first, default=DEFAULT_PAGE, maximum=info.context.settings.max_page_size)


def all_of(*parts):
    """The conjunction of the conditions given (``None`` ones left out)."""
    condition = None
    for part in parts:
        if part is not None:
            condition = part if condition is None else condition & part
    return condition


def nothing(table):
    """A condition no row matches: what an unreadable id filters by."""
    return table.id < 0


async def by_id(info: Info, table, value, namespace: str = "core"):
    """The row ``value`` names, through the request's loader; null for an unreadable id."""
    key = maybe_id(value)
    if key is None:
        return None
    return await info.context.loaders.by_id(table, namespace=namespace).load(key)
