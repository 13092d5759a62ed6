"""CPU per request in-process: the real app and the floor called straight through ASGI.

Not a scenario of the harness (no uvicorn, no client, no concurrency): the process's CPU
time per sequential request, the minimum over batches, for a trivial query, the 150-row
board and 30 nights of availability on one property of the synthetic group (SQLite). It
isolates what the server's Python costs from the harness's noise, the measure the sections
of docs/performance.md call "in-process".

    python -m frontdesk.benchmarks.inprocess [--workdir DIR] [--plain] [case ...]

``--plain`` runs the server with FRONTDESK_EXECUTION_SHORTCUTS off. The database is made
once in the work directory and reused."""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from frontdesk.core import db
from frontdesk.core.settings import Settings

from . import datagen, environment
from .config import TODAY, Sizes
from .floor import create_floor_app
from .queries import AVAILABILITY_QUERY, PROPERTIES_QUERY, board_query

Call = Callable[[], Awaitable[int]]


async def asgi(app: Any, method: str, path: str, body: bytes = b"", headers: Any = ()) -> int:
    """One request straight into the ASGI app; returns the status (the body is dropped)."""
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("bench", 80),
        "state": {},
    }
    received = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal received
        if received:
            await asyncio.sleep(3600)
        received = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def cpu_per_request(call: Call, *, batch: int = 20, batches: int = 8) -> float:
    """Milliseconds of process CPU per request, the minimum over ``batches``."""
    status = await call()
    if status != 200:
        raise RuntimeError(f"the request failed with HTTP {status}")
    for _ in range(5):
        await call()
    best = float("inf")
    for _ in range(batches):
        started = time.process_time()
        for _ in range(batch):
            await call()
        best = min(best, (time.process_time() - started) / batch)
    return best * 1000


async def prepare(workdir: Path) -> tuple[str, dict[str, Any]]:
    """The database URL and (property id, API key header), made on first use."""
    workdir.mkdir(parents=True, exist_ok=True)
    url, state = f"sqlite:///{workdir / 'inprocess.db'}", workdir / "inprocess.json"
    if not state.exists():
        rt = await environment.open_database(url)
        headers = await environment.api_key_headers(rt)
        await db.close_pool(rt.engine)
        sizes = Sizes(properties=1, small_history_stays=2000, history_stays=4000)
        group = await datagen.create_group(url, sizes)
        state.write_text(json.dumps({"headers": headers, "pid": group.property_ids[0]}))
    return url, json.loads(state.read_text())


def server_calls(app: Any, info: dict[str, Any]) -> dict[str, Call]:
    pid, day = str(info["pid"]), TODAY.isoformat()
    last = (TODAY + timedelta(days=30)).isoformat()
    bodies = {
        "trivial": {"query": PROPERTIES_QUERY},
        "board": {
            "query": board_query(balance=True),
            "variables": {"property": pid, "day": day, "first": 250},
        },
        "availability": {
            "query": AVAILABILITY_QUERY,
            "variables": {"property": pid, "arrival": day, "departure": last},
        },
    }
    headers = [(k.lower().encode(), v.encode()) for k, v in info["headers"].items()]

    def call(body: dict[str, Any]) -> Call:
        encoded = json.dumps(body).encode()
        return lambda: asgi(app, "POST", "/graphql", encoded, headers)

    return {name: call(body) for name, body in bodies.items()}


def floor_calls(app: Any, info: dict[str, Any]) -> dict[str, Call]:
    pid, day = info["pid"], TODAY.isoformat()
    last = (TODAY + timedelta(days=30)).isoformat()
    paths = {
        "board": f"/floor/board?property={pid}&day={day}&first=250&balance=true",
        "availability": f"/floor/availability?property={pid}&arrival={day}&departure={last}",
    }
    return {name: (lambda p=path: asgi(app, "GET", p)) for name, path in paths.items()}


async def main(args: argparse.Namespace) -> None:
    from frontdesk.server.app import create_app

    url, info = await prepare(Path(args.workdir))
    settings = Settings(database_url=url, plugins=None, execution_shortcuts=not args.plain)
    cases = args.cases or ["trivial", "board", "availability"]
    # One app at a time: each installs its own runtime while it runs.
    server = create_app(settings)
    async with server.lifespan():
        served = server_calls(server, info)
        figures = {
            n: await cpu_per_request(served[n], batch=10 if n == "board" else 20) for n in cases
        }
    floor = create_floor_app(url)
    async with floor.lifespan():
        floored = floor_calls(floor, info)
        bases = {n: await cpu_per_request(floored[n]) for n in cases if n in floored}
    for name, ms in figures.items():
        line = f"{name:13s} server {ms:6.2f} ms CPU"
        if name in bases:
            line += f"   floor {bases[name]:5.2f} ms   ratio {ms / bases[name]:4.1f}x"
        print(line)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="trivial, board, availability (default: all)")
    parser.add_argument("--workdir", default="benchmarks/results/inprocess")
    parser.add_argument("--plain", action="store_true", help="execution shortcuts off")
    asyncio.run(main(parser.parse_args()))
