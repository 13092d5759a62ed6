"""One run: the roster once, then every scenario on each backend, each in its own databases."""

from __future__ import annotations

import logging
import statistics
import time
import traceback
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from frontdesk.core import db, runtime

from . import scenarios_browser, scenarios_offline, scenarios_read, scenarios_write
from .config import SCENARIOS, Sizes
from .context import Bench, skipped
from .curves import run_curves
from .curves_data import CurveSizes
from .datagen import add_history, create_group
from .environment import (
    RUN_ID,
    Databases,
    api_key_headers,
    machine,
    open_database,
    stay_has_balance,
    versions,
)
from .procs import compile_bytecode, start_server
from .queries import PROPERTIES_QUERY
from .rows import Group

log = logging.getLogger("benchmarks")

#: The scenarios to run (``--only``); None: all of them.
Selection = frozenset[str] | None


async def _guard(
    only: Selection, results: dict[str, Any], name: str, work: Callable[[], Awaitable[Any]]
) -> Any:
    """Run one scenario; a failure is recorded as its result instead of ending the run. A
    scenario left out of ``only`` (``--only``) is recorded as skipped."""
    if only is not None and name not in only:
        results[name] = skipped("not selected (--only)")
        return results[name]
    began = time.perf_counter()
    log.info("  %s ...", name)
    try:
        results[name] = await work()
    except Exception as exc:  # noqa: BLE001
        results[name] = {
            "status": "error",
            "reason": f"{type(exc).__name__}: {exc}",
            "traceback": traceback.format_exc(limit=6),
        }
    results[name]["wall_seconds"] = round(time.perf_counter() - began, 2)
    return results[name]


def _first_answer(base_url: str, headers: dict[str, str], started: float) -> float:
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as http:
        http.post("/graphql", json={"query": PROPERTIES_QUERY}).raise_for_status()
    return time.perf_counter() - started


def _more_cold_starts(url: str, headers: dict[str, str], runs: int) -> list[float]:
    """Seconds to the first answer of ``runs`` further servers started and stopped in turn."""
    samples = []
    for _ in range(runs):
        server = start_server("app", url)
        try:
            samples.append(_first_answer(server.base_url, headers, server.started))
        finally:
            server.stop()
    return samples


async def _group_database(
    dbs: Databases, backend: str, label: str, sizes: Sizes
) -> tuple[str, runtime.Runtime, Group, dict[str, str]]:
    """A new database holding the group with ``small_history_stays`` of history, and an
    admin key's headers for it; the runtime installed in this process is this database's."""
    url = await dbs.create(backend, label)
    rt = await open_database(url)
    group = await create_group(url, sizes)
    return url, rt, group, await api_key_headers(rt)


async def run_backend(
    backend: str, dbs: Databases, sizes: Sizes, only: Selection = None
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    # The same group that keeps a tenth of the history, served beside the main database
    # for availability's history ratio. Made first, so that the runtime left installed in
    # this process is the main database's.
    small_url, small_rt, _group, small_headers = await _group_database(
        dbs, backend, "small_history", sizes
    )
    await db.close_pool(small_rt.engine)
    began = time.perf_counter()
    url, rt, group, headers = await _group_database(dbs, backend, "main", sizes)
    b = Bench(backend, url, sizes, group, headers, stay_has_balance(rt))
    b.notes["data_seconds_small"] = round(time.perf_counter() - began, 1)
    starts = _more_cold_starts(url, b.headers, sizes.startup_runs - 1)
    b.app = start_server("app", url)
    starts.append(_first_answer(b.app.base_url, b.headers, b.app.started))
    b.notes["startup_samples_seconds"] = [round(s, 3) for s in starts]
    first_answer = statistics.median(starts)
    b.floor = start_server("floor", url)
    try:
        began = time.perf_counter()
        extra = sizes.history_stays - sizes.small_history_stays
        await add_history(url, group, extra, sizes.history_days)
        b.notes["data_seconds_history"] = round(time.perf_counter() - began, 1)

        await _server_scenarios(b, only, results, url, (small_url, small_headers), first_answer)
    finally:
        b.app.stop()
        b.floor.stop()
    await _guard(only, results, "sql_statements", lambda: scenarios_read.sql_statements(b))
    await db.close_pool(rt.engine)

    await _night_audit(dbs, backend, sizes, only, results)
    return {
        "scenarios": results,
        "sizes": {
            "history_stays": group.history_stays,
            "active_stays": group.counts.get("active_stays"),
            **b.notes,
        },
    }


async def _server_scenarios(
    b: Bench,
    only: Selection,
    results: dict[str, Any],
    url: str,
    small_db: tuple[str, dict[str, str]],
    first_answer: float,
) -> None:
    """The scenarios that need the running app and floor servers, in the order they run."""
    small_url, small_headers = small_db

    async def availability() -> dict[str, Any]:
        small = start_server("app", small_url)
        try:
            return await scenarios_read.availability(b, small, small_headers)
        finally:
            small.stop()

    await _guard(only, results, "availability", availability)
    await _guard(only, results, "board", lambda: scenarios_read.board(b))
    rss = b.app.rss_mb()

    async def startup() -> dict[str, Any]:
        return scenarios_read.startup_memory(b, first_answer, rss)

    await _guard(only, results, "startup_memory", startup)
    await _guard(only, results, "desk_browser", lambda: scenarios_browser.desk_browser(b))
    await _guard(only, results, "booking", lambda: scenarios_write.booking(b))

    async def plugins() -> dict[str, Any]:
        chosen = b.sizes.overhead_plugins
        core = start_server("app", url, plugins="core")
        loaded = b.app if chosen == "all" else start_server("app", url, plugins=chosen)
        try:
            return await scenarios_write.plugin_overhead(b, core, loaded)
        finally:
            core.stop()
            if loaded is not b.app:
                loaded.stop()

    await _guard(only, results, "plugin_overhead", plugins)


async def _night_audit(
    dbs: Databases, backend: str, sizes: Sizes, only: Selection, results: dict[str, Any]
) -> None:
    """The night audit runs on a database of its own (36 properties, one per phase)."""
    if only is not None and "night_audit" not in only:
        results["night_audit"] = skipped("not selected (--only)")
        return
    audit_url = await dbs.create(backend, "audit")
    audit_rt = await open_database(audit_url)
    await _guard(
        only, results, "night_audit", lambda: scenarios_offline.night_audit(audit_url, sizes)
    )
    await db.close_pool(audit_rt.engine)


async def run(
    sizes: Sizes,
    *,
    smoke: bool,
    postgres_url: str | None,
    sqlite: bool = True,
    only: Selection = None,
    curves: CurveSizes | None = None,
    scenarios: bool = True,
) -> dict[str, Any]:
    """The scenarios (unless ``scenarios`` is false: ``--curves``) and the growth curves
    (``curves``: their points; None: none) on each backend."""
    dbs = Databases(postgres_url)
    result: dict[str, Any] = {
        "run_id": RUN_ID,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "smoke": smoke,
        "sizes": sizes.as_dict(),
        "machine": machine(),
        "versions": versions(),
        "scenarios": list(SCENARIOS),
        "only": None if only is None else sorted(only),
        "backends": {},
        "curves": {},
    }
    compile_bytecode()
    began = time.perf_counter()
    log.info("roster ...")
    if scenarios and (only is None or "roster" in only):
        roster = scenarios_offline.roster(sizes)
    else:
        roster = skipped("not selected (--only)")
    backends = (["sqlite"] if sqlite else []) + ["postgres"]
    try:
        result["versions"]["postgresql"] = await dbs.server_version()
        for backend in backends:
            if backend == "postgres" and not postgres_url:
                if not scenarios:
                    continue
                result["backends"][backend] = {
                    "skipped": "PostgreSQL not configured (--postgres or "
                    "FRONTDESK_TEST_POSTGRES_URL)",
                    "scenarios": {name: skipped("PostgreSQL not configured") for name in SCENARIOS},
                }
                continue
            log.info("%s:", backend)
            started = time.perf_counter()
            if scenarios:
                data = await run_backend(backend, dbs, sizes, only)
                data["scenarios"]["roster"] = roster
                data["wall_seconds"] = round(time.perf_counter() - started, 1)
                result["backends"][backend] = data
            if curves is not None:
                result["curves"][backend] = await run_curves(dbs, backend, sizes, curves)
    finally:
        await dbs.drop_all()
    result["wall_seconds"] = round(time.perf_counter() - began, 1)
    return result
