"""Growth curves (issue #22): the board against rows per board (150 -> 1,500), properties
in the group (3 -> 30) and history (10k -> 1M stays), and throughput against server
processes (1 -> 2), each point with its floor measured beside it (same database, rounds
alternating floor and server, the best round of each side: docs/performance.md "Noise")."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import timedelta
from typing import Any

import httpx

from frontdesk.core import db

from .config import TODAY, Sizes
from .curves_data import CurveSizes, add_properties
from .datagen import add_history, create_group
from .environment import Databases, api_key_headers, open_database, stay_has_balance
from .load import Stats, client, drive, graphql_ok
from .procs import Server, start_server
from .queries import AVAILABILITY_QUERY, board_query
from .rows import Group

log = logging.getLogger("benchmarks")

#: Requests to each side before a point's rounds (first requests fill caches, plans, pools).
WARMUP = 8
#: A cost per row (or per request) at the largest point over the smallest must not exceed.
TARGETS = {"board_rows": 1.1, "history_availability": 1.2, "history_board": 1.2}


def _board(pid: int, rows: int, balance: bool) -> tuple[dict, dict]:
    """The board request to the server and to the floor: pages as large as the board."""
    day = TODAY.isoformat()
    body = {
        "query": board_query(balance=balance),
        "variables": {"property": str(pid), "day": day, "first": rows},
    }
    params = {"property": pid, "day": day, "first": rows, "balance": str(balance).lower()}
    return body, params


def _availability(pid: int, nights: int) -> tuple[dict, dict]:
    arrival, departure = TODAY.isoformat(), (TODAY + timedelta(days=nights)).isoformat()
    body = {
        "query": AVAILABILITY_QUERY,
        "variables": {"property": str(pid), "arrival": arrival, "departure": departure},
    }
    return body, {"property": pid, "arrival": arrival, "departure": departure}


async def _sides(
    apps: list[Server],
    floors: list[Server],
    headers: dict[str, str],
    request: tuple[str, dict, dict],
    total: int,
    clients: int,
    rounds: int,
) -> dict[str, Any]:
    """``rounds`` rounds of floor then server, requests spread over the processes of each
    side; the best round's time per request of each, and whether both answered alike."""
    path, body, params = request
    per = max(1, clients // len(apps))
    app_http = [client(s.base_url, per, headers) for s in apps]
    floor_http = [client(s.base_url, per) for s in floors]
    try:
        served = (await app_http[0].post("/graphql", json=body)).json()
        expected = (await floor_http[0].get(path, params=params)).json()

        async def app_request(_http: httpx.AsyncClient, n: int) -> bool:
            return graphql_ok(await app_http[n % len(app_http)].post("/graphql", json=body))

        async def floor_request(_http: httpx.AsyncClient, n: int) -> bool:
            answer = await floor_http[n % len(floor_http)].get(path, params=params)
            return answer.status_code == 200

        for request_one, http in ((floor_request, floor_http[0]), (app_request, app_http[0])):
            await drive(http, request_one, total=min(WARMUP, total), concurrency=clients)
        best: dict[str, Stats] = {}
        for _ in range(rounds):
            for side, request_one, http in (
                ("floor", floor_request, floor_http[0]),
                ("server", app_request, app_http[0]),
            ):
                stats = await drive(http, request_one, total=total, concurrency=clients)
                if side not in best or stats.throughput > best[side].throughput:
                    best[side] = stats
    finally:
        for http in app_http + floor_http:
            await http.aclose()
    same = served.get("data") == expected.get("data")
    return {
        **(
            {}
            if same
            else {"server_answer": str(served)[:300], "floor_answer": str(expected)[:300]}
        ),
        "server_ms": round(1000 / best["server"].throughput, 3),
        "floor_ms": round(1000 / best["floor"].throughput, 3),
        "server_rps": round(best["server"].throughput, 2),
        "floor_rps": round(best["floor"].throughput, 2),
        "server_p50_ms": round(best["server"].p50, 2),
        "floor_p50_ms": round(best["floor"].p50, 2),
        "errors": best["server"].errors + best["floor"].errors,
        "same_json_as_floor": same,
    }


async def _board_point(
    app: Server, floor: Server, headers: dict, pid: int, rows: int, c: CurveSizes, balance: bool
) -> dict[str, Any]:
    body, params = _board(pid, rows, balance)
    total = max(4, round(c.board_requests * 150 / max(rows, 150)))
    point = await _sides(
        [app], [floor], headers, ("/floor/board", body, params), total, c.board_clients, c.rounds
    )
    return {"rows": rows, **point}


async def _availability_point(
    app: Server, floor: Server, headers: dict, pid: int, nights: int, c: CurveSizes
) -> dict[str, Any]:
    body, params = _availability(pid, nights)
    request = ("/floor/availability", body, params)
    return await _sides([app], [floor], headers, request, c.availability_requests, 1, c.rounds)


def _growth(points: list[dict], x: str, y: str, per_x: bool) -> float | None:
    """Cost at the last point over the first, per unit of ``x`` when ``per_x``."""
    if len(points) < 2 or not points[0][y]:
        return None
    first, last = points[0], points[-1]
    if per_x:
        return round((last[y] / last[x]) / (first[y] / first[x]), 3)
    return round(last[y] / first[y], 3)


def _against_floor(points: list[dict], server: str, floor: str) -> float | None:
    """The server's growth over the floor's: the last point's server/floor ratio over the
    first's. Points measured minutes apart share the machine's drift with their floor (a
    floor that reads no history still slowed 1.7x between two history points of one run)."""
    if len(points) < 2 or not points[0][floor] or not points[-1][floor]:
        return None
    first, last = points[0], points[-1]
    return round((last[server] / last[floor]) / (first[server] / first[floor]), 3)


def _judged(name: str, ratio: float | None) -> dict[str, Any]:
    limit = TARGETS[name]
    return {"ratio": ratio, "limit": limit, "met": None if ratio is None else ratio <= limit}


async def _rows_and_properties(
    dbs: Databases, backend: str, sizes: Sizes, c: CurveSizes
) -> dict[str, Any]:
    """One database: a property per board size (the rows curve), then properties added up
    to each point of the properties curve (the smallest board measured at each), then the
    processes curve on the smallest board."""
    url = await dbs.create(backend, "curves")
    rt = await open_database(url)
    headers, balance = await api_key_headers(rt), stay_has_balance(rt)
    group = Group(property_ids=[])
    began = time.perf_counter()
    by_rows = {}
    for n, rows in enumerate(c.board_rows):
        (by_rows[rows],) = await add_properties(url, group, sizes, rows, 1, seed=100 + n)
    notes = {"data_seconds": round(time.perf_counter() - began, 1)}
    smallest = c.board_rows[0]
    app, floor = start_server("app", url), start_server("floor", url)
    try:
        rows_points = []
        for rows in c.board_rows:
            log.info("    board, %d rows", rows)
            rows_points.append(
                await _board_point(app, floor, headers, by_rows[rows], rows, c, balance)
            )
        property_points = await _properties(
            (app, floor, headers, balance), url, group, sizes, c, by_rows[smallest], notes
        )
    finally:
        app.stop()
        floor.stop()
    processes = await _processes(url, headers, by_rows[smallest], smallest, c, balance)
    await db.close_pool(rt.engine)
    return {
        "board_rows": {
            "points": rows_points,
            "server_per_row": _judged(
                "board_rows", _growth(rows_points, "rows", "server_ms", True)
            ),
            "floor_per_row": _growth(rows_points, "rows", "floor_ms", True),
        },
        "properties": {
            "points": property_points,
            "board_growth": _growth([p["board"] for p in property_points], "", "server_ms", False),
            "availability_growth": _growth(
                [p["availability"] for p in property_points], "", "server_p50_ms", False
            ),
        },
        "processes": processes,
        "notes": notes,
    }


async def _properties(
    servers: tuple[Server, Server, dict, bool],
    url: str,
    group: Group,
    sizes: Sizes,
    c: CurveSizes,
    pid: int,
    notes: dict[str, Any],
) -> list[dict[str, Any]]:
    """The group grown by boards of the scenarios' size to each point of the properties
    curve; the board (smallest) and availability of property ``pid`` at each."""
    app, floor, headers, balance = servers
    base_rows = sizes.arrivals + sizes.departures + sizes.stayovers
    smallest = c.board_rows[0]
    points = []
    for count in c.properties:
        missing = count - len(group.property_ids)
        if missing > 0:
            began = time.perf_counter()
            await add_properties(url, group, sizes, base_rows, missing, seed=200 + count)
            notes[f"data_seconds_to_{count}_properties"] = round(time.perf_counter() - began, 1)
        log.info("    %d properties", len(group.property_ids))
        board = await _board_point(app, floor, headers, pid, smallest, c, balance)
        avail = await _availability_point(app, floor, headers, pid, sizes.availability_nights, c)
        points.append(
            {"properties": len(group.property_ids), "board": board, "availability": avail}
        )
    return points


async def _processes(
    url: str, headers: dict, pid: int, rows: int, c: CurveSizes, balance: bool
) -> dict[str, Any]:
    """The board served by 1, then 2 server processes (and as many floors) on the same
    database, clients spread over them: throughput in all and per process."""
    points = []
    body, params = _board(pid, rows, balance)
    for count in c.processes:
        log.info("    %d server processes", count)
        apps = [start_server("app", url) for _ in range(count)]
        floors = [start_server("floor", url) for _ in range(count)]
        try:
            clients = c.board_clients * count
            total = c.board_requests * count
            point = await _sides(
                apps, floors, headers, ("/floor/board", body, params), total, clients, c.rounds
            )
        finally:
            for server in apps + floors:
                server.stop()
        point["server_rps_per_process"] = round(point["server_rps"] / count, 2)
        point["floor_rps_per_process"] = round(point["floor_rps"] / count, 2)
        points.append({"processes": count, **point})
    return {
        "points": points,
        "server_per_process_ratio": _growth(points, "", "server_rps_per_process", False),
        "floor_per_process_ratio": _growth(points, "", "floor_rps_per_process", False),
    }


async def _history(dbs: Databases, backend: str, sizes: Sizes, c: CurveSizes) -> dict[str, Any]:
    """One database whose history grows in place from the first point to the last; the
    board and availability of its first property, server and floor, at each point."""
    url = await dbs.create(backend, "curves_history")
    rt = await open_database(url)
    headers, balance = await api_key_headers(rt), stay_has_balance(rt)
    group = await create_group(url, replace(sizes, small_history_stays=c.history[0]))
    pid = group.property_ids[0]
    rows = sizes.arrivals + sizes.departures + sizes.stayovers
    points, notes = [], {}
    # The servers run on while the history grows (VACUUM ANALYZE after each load), as a
    # server runs while a hotel's history accumulates.
    app, floor = start_server("app", url), start_server("floor", url)
    try:
        for stays in c.history:
            if stays > group.history_stays:
                began = time.perf_counter()
                await add_history(url, group, stays - group.history_stays, sizes.history_days)
                notes[f"data_seconds_to_{stays}"] = round(time.perf_counter() - began, 1)
            log.info("    history %d stays", group.history_stays)
            board = await _board_point(app, floor, headers, pid, rows, c, balance)
            avail = await _availability_point(
                app, floor, headers, pid, sizes.availability_nights, c
            )
            points.append(
                {"history_stays": group.history_stays, "board": board, "availability": avail}
            )
    finally:
        app.stop()
        floor.stop()
    await db.close_pool(rt.engine)
    return {
        "points": points,
        "availability": _judged(
            "history_availability",
            _growth([p["availability"] for p in points], "", "server_p50_ms", False),
        ),
        "board": _judged(
            "history_board", _growth([p["board"] for p in points], "", "server_ms", False)
        ),
        "floor_availability_growth": _growth(
            [p["availability"] for p in points], "", "floor_p50_ms", False
        ),
        "floor_board_growth": _growth([p["board"] for p in points], "", "floor_ms", False),
        "availability_against_floor": _against_floor(
            [p["availability"] for p in points], "server_p50_ms", "floor_p50_ms"
        ),
        "board_against_floor": _against_floor(
            [p["board"] for p in points], "server_ms", "floor_ms"
        ),
        "notes": notes,
    }


async def run_curves(dbs: Databases, backend: str, sizes: Sizes, c: CurveSizes) -> dict:
    """Every curve on one backend; a failing curve is recorded, not fatal."""
    sizes = replace(sizes, future_days=c.future_days)
    began = time.perf_counter()
    result: dict[str, Any] = {"points": {k: v for k, v in vars(c).items()}}
    for name, work in (("group", _rows_and_properties), ("history", _history)):
        log.info("  curves: %s ...", name)
        try:
            result[name] = await work(dbs, backend, sizes, c)
        except Exception as exc:  # noqa: BLE001
            log.exception("curve %s failed", name)
            result[name] = {"status": "error", "reason": f"{type(exc).__name__}: {exc}"}
    result["wall_seconds"] = round(time.perf_counter() - began, 1)
    return result
