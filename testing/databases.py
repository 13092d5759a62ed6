"""Test databases: a migrated template per (engine, plugin set), copied for every test.

SQLite: a template file migrated once, copied per test. PostgreSQL: a template database
migrated once per run, then ``CREATE DATABASE … TEMPLATE`` per test, all named with this
run's id so parallel runs never collide; everything is dropped at the end of the run.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import asyncpg

from frontdesk.core import bootstrap, db
from frontdesk.core.settings import Settings

RUN_ID = uuid.uuid4().hex[:8]
POSTGRES_URL = os.environ.get("FRONTDESK_TEST_POSTGRES_URL")
_templates: dict[tuple[str, tuple[str, ...] | None], str] = {}
_created_databases: list[str] = []
_lock = threading.Lock()


def run_sync(coro):
    """Run a coroutine to completion on a private loop (safe inside a running test loop)."""
    result: dict = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def _with_database(url: str, name: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{name}"))


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(POSTGRES_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _migrate(url: str, plugins: list[str] | None) -> None:
    rt = bootstrap.start(Settings(database_url=url, plugins=plugins))
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        await bootstrap.migrate(rt)
    await _seed_access(rt)
    # Pooled SQLite connections keep the file open; closing them checkpoints the WAL into
    # the file, which is then copied for every test.
    await db.close_pool(rt.engine)


# Every test database starts with the built-in roles and this admin API key (the `gql`
# fixture's credential), seeded once into the template rather than per test.
TEST_ADMIN_KEY = "fdk_test-admin-key-0123456789abcdefghijklmnop"


async def _seed_access(rt) -> None:
    from frontdesk.core.auth.apikeys import create_api_key
    from frontdesk.core.auth.roles import sync_builtin_roles

    await sync_builtin_roles(rt.plugin_manager)
    await create_api_key(
        rt.plugin_manager,
        name="test admin",
        roles=["admin"],
        all_properties=True,
        key=TEST_ADMIN_KEY,
    )


def template_for(engine: str, plugins: list[str] | None, workdir: Path) -> str:
    key = (engine, tuple(sorted(plugins)) if plugins is not None else None)
    with _lock:
        if key in _templates:
            return _templates[key]
        label = "all" if plugins is None else ("_".join(sorted(plugins)) or "core")
        if engine == "sqlite":
            path = workdir / f"template_{label}.db"
            run_sync(_migrate(f"sqlite:///{path}", plugins))
            _templates[key] = str(path)
        else:
            name = f"fdt_{RUN_ID}_tmpl_{label}"[:60]
            run_sync(_admin(f'CREATE DATABASE "{name}"'))
            _created_databases.append(name)
            run_sync(_migrate(_with_database(POSTGRES_URL, name), plugins))
            _templates[key] = name
        return _templates[key]


async def _copy_database(name: str, template: str) -> None:
    """``CREATE DATABASE … TEMPLATE``: PostgreSQL 15's default copy (WAL_LOG) costs 0.3-0.9 s
    of server CPU for the migrated template, FILE_COPY 0.06-0.16 s; older servers have only
    the file copy and no STRATEGY clause."""
    try:
        await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
    except asyncpg.PostgresSyntaxError:
        await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def fresh_database(engine: str, plugins: list[str] | None, workdir: Path, test_dir: Path) -> str:
    """A URL of a migrated, empty database of its own for one test."""
    template = template_for(engine, plugins, workdir)
    if engine == "sqlite":
        target = test_dir / "frontdesk.db"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    name = f"fdt_{RUN_ID}_{uuid.uuid4().hex[:10]}"
    run_sync(_copy_database(name, template))
    _created_databases.append(name)
    return _with_database(POSTGRES_URL, name)


def empty_database(engine: str, test_dir: Path) -> str:
    """A URL of a database with no tables at all, for tests that migrate step by step (an
    upgrade from an older schema); drop it with ``drop_database``."""
    if engine == "sqlite":
        return f"sqlite:///{test_dir / 'old.db'}"
    name = f"fdt_{RUN_ID}_old_{uuid.uuid4().hex[:8]}"
    run_sync(_admin(f'CREATE DATABASE "{name}"'))
    _created_databases.append(name)
    return _with_database(POSTGRES_URL, name)


async def migrate_up_to(rt, up_to: dict[str, str]) -> None:
    """Apply the migrations of ``rt``'s apps, each app only up to the migration id ``up_to``
    names for it (all of them for an app it does not name)."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    for config in bootstrap.app_configs(rt):
        target = up_to.get(config.app_name, "all")
        result = await run_forwards(app_name=config.app_name, migration_id=target)
        if not result.success:
            raise AssertionError(f"{config.app_name} up to {target}: {result.message}")


def drop_database(url: str) -> None:
    if url.startswith("sqlite"):
        return
    name = urlparse(url).path.lstrip("/")
    run_sync(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    if name in _created_databases:
        _created_databases.remove(name)


def drop_all() -> None:
    for name in list(_created_databases):
        run_sync(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    _created_databases.clear()
    _templates.clear()


def unthrottled(settings: Settings) -> Settings:
    """``settings`` without a practical rate limit, for the schemathesis runs: they explore
    input, not throughput, and a fast server would otherwise answer 429 part-way through
    (tests/security covers the limit itself)."""
    import dataclasses

    return dataclasses.replace(settings, rate_limit_per_minute=10**9)
