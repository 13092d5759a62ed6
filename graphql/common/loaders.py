"""Per-request DataLoaders, keyed like ``"core.room_by_id"``, so related objects load in one
query per kind however many rows a list holds; and per-request batches
(graphql/execution/batches.py) for the look-ahead of lists, which fill the same rows without a
future per key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from strawberry.dataloader import DataLoader

from frontdesk.core.rows import fetch_rows, id_list

from ..execution.batches import Batch, Fetch
from ..execution.prefetch import ready


class Loaders:
    """The loaders of one request. Created per request, never shared between requests."""

    def __init__(self) -> None:
        self._loaders: dict[str, DataLoader] = {}
        # by_id runs for every related field of every row: skip rebuilding its key each time.
        self._by_id: dict[tuple[Any, str], DataLoader] = {}
        # What each by_id loader has loaded (None for a missing row), by (table, namespace).
        self._rows: dict[tuple[Any, str], dict[Any, Any]] = {}
        self._row_batches: dict[tuple[Any, str], Batch] = {}
        self._batches: dict[str, Batch] = {}

    def get(self, key: str, factory: Callable[[], DataLoader]) -> DataLoader:
        loader = self._loaders.get(key)
        if loader is None:
            loader = self._loaders[key] = factory()
        return loader

    def by_id(self, table: Any, *, namespace: str = "core") -> DataLoader:
        """Rows of ``table`` by primary key (None for a missing key)."""
        loader = self._by_id.get((table, namespace))
        if loader is None:
            name = table._meta.tablename.removeprefix(f"{namespace}_")
            loaded = self._rows.setdefault((table, namespace), {})
            loader = self.get(
                f"{namespace}.{name}_by_id", lambda: DataLoader(by_id_fn(table, loaded))
            )
            self._by_id[(table, namespace)] = loader
        return loader

    async def preload(self, table: Any, keys: Iterable[Any], *, namespace: str = "core") -> None:
        """Load the rows of ``table`` with these ids (with every other preload of the table
        in this turn of the event loop), for ``row`` to answer at once."""
        batch = self._row_batches.get((table, namespace))
        if batch is None:
            loaded = self._rows.setdefault((table, namespace), {})
            batch = self._row_batches[(table, namespace)] = Batch(by_id_fn(table), loaded)
        await batch.load_many(keys)

    def batch(self, key: str, fetch: Fetch) -> Batch:
        """The request's batch named ``key`` (values by key from ``fetch``)."""
        found = self._batches.get(key)
        if found is None:
            found = self._batches[key] = Batch(fetch)
        return found

    def loaded(self, table: Any, *, namespace: str = "core") -> dict[Any, Any]:
        """The rows of ``table`` loaded so far by id (None for a missing row), the very
        dictionary ``row`` reads, filled as batches and loaders fetch more."""
        return self._rows.setdefault((table, namespace), {})

    def row(self, table: Any, key: Any, *, namespace: str = "core") -> Any:
        """The row of ``table`` with id ``key`` when a batch has loaded it (a prefetched
        list), else the loader's future for it: a board asks this for every related
        object of every row, and a dictionary lookup is a fraction of ``DataLoader.load``."""
        loaded = self._rows.get((table, namespace))
        if loaded is not None:
            try:
                return loaded[key]
            except KeyError:
                pass
        return ready(self.by_id(table, namespace=namespace).load(key))

    def many_by(self, table: Any, column: str, *, namespace: str = "core") -> DataLoader:
        """Lists of ``table`` rows by the value of ``column`` (e.g. additional guests by stay)."""
        name = table._meta.tablename.removeprefix(f"{namespace}_")
        key = f"{namespace}.{name}s_by_{column}"
        return self.get(key, lambda: DataLoader(many_by_fn(table, column)))


def by_id_fn(table: Any, loaded: dict[Any, Any] | None = None):
    """Rows of ``table`` for a list of ids, in order (None for a missing id). With
    ``loaded``: rows a preload has fetched are taken from it, and what is fetched is added."""

    async def load(keys: list[int]) -> list[Any]:
        known = loaded or {}
        missing = [key for key in keys if key not in known]
        rows = await fetch_rows(table, table.id.is_in(id_list(missing))) if missing else []
        found = {row.id: row for row in rows}
        answer = [known[key] if key in known else found.get(key) for key in keys]
        if loaded is not None:
            loaded.update(zip(keys, answer, strict=True))
        return answer

    return load


def many_by_fn(table: Any, column: str):
    async def load(keys: list[Any]) -> list[list[Any]]:
        col = getattr(table, column)
        rows = await fetch_rows(table, col.is_in(id_list(keys)), order_by=table.id)
        grouped: dict[Any, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[getattr(row, column)].append(row)
        return [grouped.get(key, []) for key in keys]

    return load
