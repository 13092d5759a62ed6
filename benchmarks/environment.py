"""Where a run happened: machine, versions, and the databases it creates and drops."""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import os
import platform
import sqlite3
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import asyncpg

from frontdesk.core import bootstrap, db, runtime
from frontdesk.core.settings import Settings

RUN_ID = uuid.uuid4().hex[:8]
PACKAGES = (
    "litestar",
    "piccolo",
    "strawberry-graphql",
    "graphql-core",
    "uvicorn",
    "httpx",
    "asyncpg",
    "aiosqlite",
    "ortools",
    "msgspec",
)


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
    }
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    return info


def versions() -> dict[str, str]:
    found = {"sqlite": sqlite3.sqlite_version}
    for name in PACKAGES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            found[name] = importlib.metadata.version(name)
    return found


def _with_database(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


class Databases:
    """Fresh databases named with this run's id; every one is dropped (or deleted) at the end."""

    def __init__(self, postgres_url: str | None) -> None:
        self.postgres_url = postgres_url
        self.workdir = Path(tempfile.mkdtemp(prefix=f"frontdesk-bench-{RUN_ID}-"))
        self.created: list[str] = []

    async def create(self, backend: str, label: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self.workdir / f'{label}.db'}"
        assert self.postgres_url is not None
        name = f"fdbench_{RUN_ID}_{label}"
        await self._admin(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return _with_database(self.postgres_url, name)

    async def server_version(self) -> str | None:
        if not self.postgres_url:
            return None
        conn = await asyncpg.connect(self.postgres_url)
        try:
            return await conn.fetchval("SHOW server_version")
        finally:
            await conn.close()

    async def _admin(self, sql: str) -> None:
        conn = await asyncpg.connect(self.postgres_url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    async def drop_all(self) -> None:
        for name in self.created:
            await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()
        for path in self.workdir.glob("*"):
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.workdir.rmdir()


async def open_database(url: str) -> runtime.Runtime:
    """Start the runtime (all plugins) on ``url`` and migrate it, quietly."""
    rt = bootstrap.start(Settings(database_url=url, plugins=None))
    await db.start_pool(rt.engine)
    with contextlib.redirect_stdout(io.StringIO()):
        await bootstrap.migrate(rt)
    return rt


async def api_key_headers(rt: runtime.Runtime) -> dict[str, str]:
    """An admin API key when the auth area exists; no header otherwise."""
    try:
        from frontdesk.core.auth.apikeys import create_api_key
        from frontdesk.core.auth.roles import sync_builtin_roles
    except ImportError:
        return {}
    await sync_builtin_roles(rt.plugin_manager)
    created = await create_api_key(
        rt.plugin_manager, name="benchmark admin", roles=["admin"], all_properties=True
    )
    return {"Authorization": f"Bearer {created.key}"}


def stay_has_balance(rt: runtime.Runtime) -> bool:
    """Whether the schema (all plugins) offers ``Stay.balance`` yet."""
    from frontdesk.graphql.schema import build_schema

    schema = build_schema(rt.plugin_manager)
    stay = schema._schema.get_type("Stay")  # graphql-core type
    return stay is not None and "balance" in stay.fields
