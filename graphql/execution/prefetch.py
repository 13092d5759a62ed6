"""Look-ahead for lists: load what a page's rows will ask for before their fields resolve.

A DataLoader already turns 150 ``Stay.room`` lookups into one query, but every row still
resolves through a pending future: an ``async`` resolver, a task and a ``gather`` per row and
field, which on the front-desk board cost more than the queries. When a list resolver knows
its rows, it can instead load the related rows the query selected (one batch per kind) before
returning; the row fields then find their values already in the loaders and answer
synchronously through ``ready``. Without a prefetch (a single stay, a field nobody
registered) the same resolvers return the loader's future and graphql-core awaits it.

A prefetcher is registered per (GraphQL type, field): ``async def(info, rows) -> None`` that
fills the request's loaders for ``rows``. Core registers the Stay relations; other areas
register theirs where they define the field.

With the execution shortcuts off (``switch.active``) the look-ahead does nothing: ``prefetch``
loads nothing, ``page_of`` fetches its page alone and ``selects`` answers yes, so every field
resolves through its loader's future, as plain strawberry would run it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from frontdesk.core.pagination import Page, paginate
from frontdesk.core.rows import column_values
from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode

from . import switch

Prefetcher = Callable[[Info, list[Any]], Awaitable[None]]

PREFETCHERS: dict[tuple[str, str], Prefetcher] = {}


def register(type_name: str, field_name: str, prefetcher: Prefetcher) -> None:
    PREFETCHERS[(type_name, field_name)] = prefetcher


def ready(pending: Any) -> Any:
    """The value of a loader's future when it is already there, else the future itself."""
    if isinstance(pending, asyncio.Future) and pending.done() and not pending.cancelled():
        if pending.exception() is None:
            return pending.result()
    return pending


def _fields(selection_set: SelectionSetNode | None, fragments: dict) -> Iterator[FieldNode]:
    """The fields of a selection set, through fragments and inline fragments.

    Read from graphql-core's syntax tree: strawberry's ``info.selected_fields`` converts the
    whole selection below the field (arguments, directives) into its own objects first,
    about a twentieth of a board for three names."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                yield from _fields(fragment.selection_set, fragments)


def _children(info: Info, fields: Iterable[FieldNode], name: str) -> list[FieldNode]:
    fragments = info._raw_info.fragments
    return [
        child
        for field in fields
        for child in _fields(field.selection_set, fragments)
        if child.name.value == name
    ]


def selected_node_fields(info: Info) -> set[str]:
    """Names of the fields selected on ``nodes`` of the connection this resolver returns."""
    fragments = info._raw_info.fragments
    return {
        field.name.value
        for nodes in _children(info, info._raw_info.field_nodes, "nodes")
        for field in _fields(nodes.selection_set, fragments)
    }


def selects(info: Info, *path: str) -> bool:
    """Whether the query selects ``path`` below this resolver's field, e.g.
    ``selects(info, "roomTypes", "freeRooms")``; lets a resolver skip work nobody reads.
    Always yes with the shortcuts off: the work is done and its answer left unread."""
    if not switch.active(info):
        return True
    level = list(info._raw_info.field_nodes)
    for name in path:
        level = _children(info, level, name)
        if not level:
            return False
    return True


async def prefetch(info: Info, type_name: str, rows: list[Any]) -> None:
    """Run the prefetchers of ``type_name`` for the fields the query selected on ``rows``."""
    if not rows or not switch.active(info):
        return
    wanted = selected_node_fields(info)
    jobs = [
        prefetcher(info, rows)
        for (kind, field), prefetcher in PREFETCHERS.items()
        if kind == type_name and field in wanted
    ]
    if jobs:
        await asyncio.gather(*jobs)


def _pages(info: Info, table: Any) -> DataLoader:
    async def load(requests: list[tuple[Any, int, str | None]]) -> list[Page]:
        pages = [paginate(table, where, first=n, after=after) for where, n, after in requests]
        return list(await asyncio.gather(*pages))

    name = f"pages.{table._meta.tablename}"
    return info.context.loaders.get(name, lambda: DataLoader(load, cache=False))


async def page_of(info: Info, table: Any, where: Any, *, first: int, after: str | None) -> Page:
    """A page of ``table``, fetched together with the other pages of it this request asks for
    (the board asks three lists of stays at once). Their rows then reach ``prefetch`` in the
    same turn of the event loop, so each related kind is one statement for all the lists, and
    the count of statements no longer depends on when each page happened to arrive."""
    if not switch.active(info):
        return await paginate(table, where, first=first, after=after)
    return await _pages(info, table).load((where, first, after))


def related(table: Any, column: str) -> Prefetcher:
    """A prefetcher loading the ``table`` rows that ``column`` of each row points to."""

    async def load(info: Info, rows: list[Any]) -> None:
        keys = set(column_values(rows, column))
        keys.discard(None)
        if keys:
            await info.context.loaders.preload(table, keys)

    return load


def reads_row(table: Any, column: str, *, namespace: str = "core") -> Callable[[Any], Any]:
    """Mark a resolver ``def f(self, info)`` that answers exactly
    ``info.context.loaders.row(table, self.<column>)`` (or None when the column is None).

    A compiled plan (plan_run.py) then answers such a field from the loaded rows by the
    column's value without calling it: on a board that is 1,350 resolver calls, each with a
    foreign-key read through piccolo's descriptor. Without a plan it is called as ever."""

    def mark(function: Any) -> Any:
        function.reads_row = (table, column, namespace)
        return function

    return mark
