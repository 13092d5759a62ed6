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


async def availability_p50(b: Bench) -> dict[str, Any]:
    """Sequential availability searches (``availability_nights`` nights, every room type):
    ``availability_rounds`` rounds alternating floor and server, the best round's p50 of
    each (a round is about a second, so one busy second of the machine moves a single
    round's p50 by a third: seen on both sides alike)."""
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

    async def app_request(http: httpx.AsyncClient, _n: int) -> bool:
        return graphql_ok(await http.post("/graphql", json=body))

    async def floor_request(http: httpx.AsyncClient, _n: int) -> bool:
        return (await http.get("/floor/availability", params=params)).status_code == 200

    floors: list[Stats] = []
    apps: list[Stats] = []
    async with client(b.app.base_url, 1, b.headers) as app, client(b.floor.base_url, 1) as floor:
        served = (await app.post("/graphql", json=body)).json()
        expected = (await floor.get("/floor/availability", params=params)).json()
        await drive(app, app_request, total=WARMUP, concurrency=1)
        await drive(floor, floor_request, total=WARMUP, concurrency=1)
        for _ in range(s.availability_rounds):
            floors.append(
                await drive(floor, floor_request, total=s.availability_requests, concurrency=1)
            )
            apps.append(await drive(app, app_request, total=s.availability_requests, concurrency=1))
    best_floor = min(floors, key=lambda st: st.p50)
    best_app = min(apps, key=lambda st: st.p50)
    return {
        "history_stays": b.group.history_stays,
        "same_json_as_floor": served.get("data") == expected["data"],
        "rounds": s.availability_rounds,
        "p50_ms_of_rounds": {
            "server": [round(st.p50, 2) for st in apps],
            "floor": [round(st.p50, 2) for st in floors],
        },
        "server": best_app.summary(),
        "floor": best_floor.summary(),
    }


def availability_result(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    ratio = large["server"]["p50_ms"] / large["floor"]["p50_ms"]
    history = large["server"]["p50_ms"] / small["server"]["p50_ms"]
    goal = outcome(history, "availability_history", {})
    return outcome(
        ratio,
        "availability",
        {"small_history": small, "large_history": large},
        history_ratio=goal["ratio"],
        history_target=goal["target"],
        history_met=goal["met"],
    )


async def sql_statements(b: Bench) -> dict[str, Any]:
    """Statements per request, counted in-process on the real app (all plugins), for a few
    rows and for many: the count must not grow with the rows."""
    from litestar.testing import AsyncTestClient

    from frontdesk.graphql.app import create_app

    app = create_app(
        Settings(database_url=b.url, plugins=None, rate_limit_per_minute=BENCH_RATE_LIMIT)
    )
    engine_class = type(runtime.current().engine)  # engines use slots: patch the class
    original = engine_class.run_querystring
    counted = {"n": 0}

    async def counting(self: Any, querystring: Any, in_pool: bool = True) -> Any:
        counted["n"] += 1
        return await original(self, querystring, in_pool=in_pool)

    pid = str(b.group.property_ids[0])
    cases = {
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
