"""The Connection type every paged list answers with (``nodes``, ``pageInfo``, ``totalCount``,
``errors``), for core's areas and the plugins alike."""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

from frontdesk.core.pagination import Count

from .errors import UserError

T = TypeVar("T")


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Connection(Generic[T]):
    """A page of a list: ``first``/``after`` select it, ``pageInfo`` leads to the next."""

    nodes: list[T]
    page_info: PageInfo
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why no page was given (a negative first, a cursor not of this list).",
    )
    count: strawberry.Private[Count | None] = None

    @strawberry.field(
        description="How many items the whole list holds, all pages together (counted when "
        "asked; null where a list cannot count without reading every row)."
    )
    async def total_count(self) -> int | None:
        return None if self.count is None else await self.count()


def connection(page) -> Connection:
    return Connection(
        nodes=page.items,
        page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=page.end_cursor),
        count=page.count,
    )


def empty_connection(errors: list[UserError] | None = None) -> Connection:
    """An empty list: what a caller sees of a list of another property, or (with
    ``errors``) of a list whose arguments are the client's mistake."""
    return Connection(
        nodes=[],
        page_info=PageInfo(has_next_page=False, end_cursor=None),
        errors=errors or [],
        count=_no_count,
    )


async def _no_count() -> int:
    return 0
