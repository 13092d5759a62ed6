"""Scenarios 1, 2, 6 and 8: the front-desk board, availability, SQL statements per request,
start-up and memory. Each server answer is checked against its floor before timing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from frontdesk.core import runtime
from frontdesk.core.settings import Settings

from .config import TODAY
from .context import Bench, outcome
from .load import Stats, client, drive, graphql_ok
from .procs import Server
from .queries import AVAILABILITY_QUERY, board_query
from .server import BENCH_RATE_LIMIT

WARMUP = 10


def _board_requests(b: Bench, first: int = 250):
    pid = b.group.property_ids[0]
    body = {
        "query": board_query(balance=b.balance),
        "variables": {"property": str(pid), "day": TODAY.isoformat(), "first": first},
    }
    params = {
        "property": pid,
        "day": TODAY.isoformat(),
        "first": first,
        "balance": str(b.balance).lower(),
    }

    async def app(http: httpx.AsyncClient, _n: int) -> bool:
        return graphql_ok(await http.post("/graphql", json=body))

    async def floor(http: httpx.AsyncClient, _n: int) -> bool:
        return (await http.get("/floor/board", params=params)).status_code == 200

    return body, params, app, floor


async def board(b: Bench) -> dict[str, Any]:
    """Throughput and latency of the board against the floor's, best of ``board_rounds``."""
    s = b.sizes
    body, params, app_request, floor_request = _board_requests(b)
    async with (
        client(b.app.base_url, s.board_clients, b.headers) as app,
        client(b.floor.base_url, s.board_clients) as floor,
    ):
        served = (await app.post("/graphql", json=body)).json()
        expected = (await floor.get("/floor/board", params=params)).json()
        rows = sum(len(v["nodes"]) for v in expected["data"].values())
        same = served.get("data") == expected["data"]
        await drive(app, app_request, total=WARMUP, concurrency=s.board_clients)
        await drive(floor, floor_request, total=WARMUP, concurrency=s.board_clients)
        floors: list[Stats] = []
        apps: list[Stats] = []
        for _ in range(s.board_rounds):
            floors.append(
                await drive(
                    floor, floor_request, total=s.board_requests, concurrency=s.board_clients
                )
            )
            apps.append(
                await drive(app, app_request, total=s.board_requests, concurrency=s.board_clients)
            )
    best_floor = max(floors, key=lambda st: st.throughput)
    best_app = max(apps, key=lambda st: st.throughput)
    ratio = best_floor.throughput / best_app.throughput if best_app.throughput else None
    return outcome(
        ratio,
        "board",
        {
            "rows": rows,
            "same_json_as_floor": same,
            "balance_included": b.balance,
            "clients": s.board_clients,
            "server": best_app.summary(),
            "floor": best_floor.summary(),
        },
    )


def _availability_requests(b: Bench):
    s = b.sizes
    pid = b.group.property_ids[0]
    departure = TODAY + timedelta(days=s.availability_nights)
    body = {
        "query": AVAILABILITY_QUERY,
        "variables": {
            "property": str(pid),
            "arrival": TODAY.isoformat(),
            "departure": departure.isoformat(),
        },
    }
    params = {"property": pid, "arrival": TODAY.isoformat(), "departure": departure.isoformat()}

    async def app(http: httpx.AsyncClient, _n: int) -> bool:
        return graphql_ok(await http.post("/graphql", json=body))

    async def floor(http: httpx.AsyncClient, _n: int) -> bool:
        return (await http.get("/floor/availability", params=params)).status_code == 200

    return body, params, app, floor


def _rounds(stats: list[Stats]) -> dict[str, Any]:
    """The best round (lowest p50) of one side, with every round's p50."""
    best = min(stats, key=lambda st: st.p50)
    return {**best.summary(), "p50_ms_of_rounds": [round(st.p50, 2) for st in stats]}


async def availability(b: Bench, small_history: Server, small_headers: dict[str, str]) -> dict:
    """Sequential availability searches (``availability_nights`` nights, every room type)
    on the group with its whole history, against the floor on the same database, and on
    the same group with a tenth of the history (``small_history``: another database, its
    own server).

    ``availability_rounds`` rounds, each running the floor, then the server, then the
    small-history server, and the best round's p50 of each: the three sides are measured in
    the same minute because the machine's speed drifts (docs/performance.md, "Noise").
    Measured before and after the history load instead, the history ratio was that drift
    (1.28-1.53x on PostgreSQL, with the floor, which reads no history, as slow)."""
    s = b.sizes
    body, params, app_request, floor_request = _availability_requests(b)
    sides: dict[str, list[Stats]] = {"server": [], "floor": [], "small_history": []}
    async with (
        client(b.app.base_url, 1, b.headers) as app,
        client(b.floor.base_url, 1) as floor,
        client(small_history.base_url, 1, small_headers) as small,
    ):
        served = (await app.post("/graphql", json=body)).json()
        expected = (await floor.get("/floor/availability", params=params)).json()
        served_small = (await small.post("/graphql", json=body)).json()
        for http, request in ((app, app_request), (floor, floor_request), (small, app_request)):
            await drive(http, request, total=WARMUP, concurrency=1)
        for _ in range(s.availability_rounds):
            for side, http, request in (
                ("floor", floor, floor_request),
                ("server", app, app_request),
                ("small_history", small, app_request),
            ):
                sides[side].append(
                    await drive(http, request, total=s.availability_requests, concurrency=1)
                )
    server, floor_side, small_side = (
        _rounds(sides[k]) for k in ("server", "floor", "small_history")
    )
    history = server["p50_ms"] / small_side["p50_ms"]
    goal = outcome(history, "availability_history", {})
    return outcome(
        server["p50_ms"] / floor_side["p50_ms"],
        "availability",
        {
            "history_stays": b.group.history_stays,
            "same_json_as_floor": served.get("data") == expected["data"],
            "same_json_at_small_history": served_small.get("data") == expected["data"],
            "rounds": s.availability_rounds,
            "server": server,
            "floor": floor_side,
            "small_history": {"history_stays": s.small_history_stays, "server": small_side},
        },
        history_ratio=goal["ratio"],
        history_target=goal["target"],
        history_met=goal["met"],
    )


async def sql_statements(b: Bench) -> dict[str, Any]:
    """Statements per request, counted in-process on the real app (all plugins), for a few
    rows and for many: the count must not grow with the rows."""
    from litestar.testing import AsyncTestClient

    from frontdesk.server.app import create_app, sent_for_a_request

    app = create_app(
        Settings(database_url=b.url, plugins=None, rate_limit_per_minute=BENCH_RATE_LIMIT)
    )
    engine_class = type(runtime.current().engine)  # engines use slots: patch the class
    original = engine_class.run_querystring
    counted = {"n": 0}

    async def counting(self: Any, querystring: Any, in_pool: bool = True) -> Any:
        counted["n"] += sent_for_a_request(str(querystring))  # as the tests count
        return await original(self, querystring, in_pool=in_pool)

    cases = _statement_cases(b)
    counts: dict[str, int] = {}
    engine_class.run_querystring = counting  # type: ignore[method-assign]
    try:
        async with AsyncTestClient(app=app) as http:
            for name, (query, variables) in cases.items():
                await http.post(
                    "/graphql", json={"query": query, "variables": variables}, headers=b.headers
                )
                counted["n"] = 0
                response = await http.post(
                    "/graphql", headers=b.headers, json={"query": query, "variables": variables}
                )
                counts[name] = counted["n"] if graphql_ok(response) else -1
    finally:
        engine_class.run_querystring = original  # type: ignore[method-assign]
    growth = max(
        counts["board_first_250"] / max(1, counts["board_first_5"]),
        counts["availability_30_nights"] / max(1, counts["availability_3_nights"]),
    )
    return outcome(growth, "sql_statements", counts)


def _statement_cases(b: Bench) -> dict[str, tuple[str, dict[str, Any]]]:
    """The requests counted: the board with a few and many rows, availability over a few and
    many nights."""
    pid = str(b.group.property_ids[0])
    return {
        "board_first_5": (
            board_query(balance=b.balance),
            {"property": pid, "day": TODAY.isoformat(), "first": 5},
        ),
        "board_first_250": (
            board_query(balance=b.balance),
            {"property": pid, "day": TODAY.isoformat(), "first": 250},
        ),
        "availability_3_nights": (
            AVAILABILITY_QUERY,
            {
                "property": pid,
                "arrival": TODAY.isoformat(),
                "departure": (TODAY + timedelta(days=3)).isoformat(),
            },
        ),
        "availability_30_nights": (
            AVAILABILITY_QUERY,
            {
                "property": pid,
                "arrival": TODAY.isoformat(),
                "departure": (TODAY + timedelta(days=30)).isoformat(),
            },
        ),
    }


def startup_memory(b: Bench, first_answer_seconds: float, rss_mb: float | None) -> dict:
    assert b.app is not None
    goal = outcome(rss_mb, "memory", {})
    return outcome(
        first_answer_seconds,
        "startup",
        {
            "health_seconds": round(b.app.ready_seconds, 3),
            "first_graphql_answer_seconds": round(first_answer_seconds, 3),
            "rss_mb_after_board": None if rss_mb is None else round(rss_mb, 1),
        },
        memory_mb=goal["ratio"],
        memory_target=goal["target"],
        memory_met=goal["met"],
    )
