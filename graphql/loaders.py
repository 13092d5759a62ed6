"""Per-request DataLoaders, keyed like ``"core.room_by_id"``, so related objects load in one
query per kind however many rows a list holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from strawberry.dataloader import DataLoader

from frontdesk.core.rows import fetch_rows, id_list

from .prefetch import ready


class Loaders:
    """The loaders of one request. Created per request, never shared between requests."""

    def __init__(self) -> None:
        self._loaders: dict[str, DataLoader] = {}
        # by_id runs for every related field of every row: skip rebuilding its key each time.
        self._by_id: dict[tuple[Any, str], DataLoader] = {}
        # What each by_id loader has loaded (None for a missing row), by (table, namespace).
        self._rows: dict[tuple[Any, str], dict[Any, Any]] = {}

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
    async def load(keys: list[int]) -> list[Any]:
        rows = await fetch_rows(table, table.id.is_in(id_list(keys)))
        found = {row.id: row for row in rows}
        answer = [found.get(key) for key in keys]
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
