"""The soak run (``make soak``): bounded mixed desk traffic on two server processes over one
PostgreSQL database, recording the error rate, p95 latency over time and each process's
resident memory over time; writes a JSON result and a PNG plot.

What it answers: does a group's deployment stay healthy for hours of ordinary work (no
errors creeping in, latency not drifting, memory not growing)? Ten minutes on this machine is
the bounded stand-in; ``--seconds`` sets the length. Memory growth is measured from the end
of the warm-up (the first fifth of the run) to the end."""

from __future__ import annotations

import argparse
import json
import random
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import asyncpg
import httpx

from .procs import Server, start_server

ADMIN_KEY = "fdk_soak-admin-key-0123456789abcdefghijklmnopq"
WINDOW_SECONDS = 30


@dataclass
class Sample:
    at: float
    seconds: float
    ok: bool
    kind: str


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    memory: list[tuple[float, int, float]] = field(default_factory=list)  # (t, server, MB)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class Client:
    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {ADMIN_KEY}"}, timeout=30
        )

    def call(self, query: str, variables: dict | None = None) -> dict:
        response = self.http.post("/graphql", json={"query": query, "variables": variables or {}})
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(f"{response.status_code}: {body.get('errors')}")
        return body["data"]

    def mutate(self, name: str, payload: dict, selection: str) -> dict:
        kind = name[0].upper() + name[1:]
        query = f"mutation($i: {kind}Input!) {{ {name}(input: $i) {{ {selection} "
        query += "errors { code message } } }"
        result = self.call(query, {"i": payload})[name]
        if result["errors"]:
            raise RuntimeError(str(result["errors"]))
        return result


def prepare_database(admin_url: str) -> str:
    """A fresh database of its own, migrated, with an admin key for the load."""
    import asyncio
    import contextlib
    import io

    from frontdesk.core import bootstrap, db
    from frontdesk.core.auth.apikeys import create_api_key
    from frontdesk.core.auth.roles import sync_builtin_roles
    from frontdesk.core.settings import Settings

    name = f"frontdesk_soak_{uuid.uuid4().hex[:8]}"
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"

    async def setup() -> None:
        conn = await asyncpg.connect(admin_url)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()
        rt = bootstrap.start(Settings(database_url=url))
        await db.start_pool(rt.engine)
        with contextlib.redirect_stdout(io.StringIO()):
            await bootstrap.migrate(rt)
        await sync_builtin_roles(rt.plugin_manager)
        await create_api_key(
            rt.plugin_manager, name="soak", roles=["admin"], all_properties=True, key=ADMIN_KEY
        )
        await db.close_pool(rt.engine)

    asyncio.run(setup())
    return url


def drop_database(admin_url: str, url: str) -> None:
    import asyncio

    async def drop() -> None:
        conn = await asyncpg.connect(admin_url)
        await conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
        await conn.close()

    asyncio.run(drop())


def build_hotel(client: Client, rooms: int, guests: int) -> dict:
    today = date.today()
    prop = client.mutate(
        "createProperty",
        {"code": "SOAK", "name": "Soak Hotel", "businessDate": today.isoformat()},
        "property { id }",
    )["property"]["id"]
    room_type = client.mutate(
        "createRoomType", {"propertyId": prop, "code": "DBL", "name": "Double"}, "roomType { id }"
    )["roomType"]["id"]
    client.mutate("setBaseRate", {"roomTypeId": room_type, "amount": "120.00"}, "__typename")
    for n in range(rooms):
        client.mutate(
            "createRoom",
            {"propertyId": prop, "roomTypeId": room_type, "number": str(100 + n)},
            "__typename",
        )
    guest_ids = [
        client.mutate(
            "createGuest",
            {"propertyId": prop, "firstName": f"Soak{n}", "lastName": "Guest"},
            "guest { id }",
        )["guest"]["id"]
        for n in range(guests)
    ]
    return {"property": prop, "room_type": room_type, "guests": guest_ids, "today": today}


BOARD = """query($p: ID!, $d: Date!) { stays(propertyId: $p, arrival: $d, first: 100) {
  nodes { confirmationCode status primaryGuest { fullName } room { number } } } }"""
AVAILABILITY = """query($p: ID!, $a: Date!, $d: Date!) { availability(propertyId: $p,
  arrival: $a, departure: $d) { roomTypes { freeCount } errors { code } } }"""


def desk_cycle(client: Client, hotel: dict, rng: random.Random) -> str:
    """One piece of desk work, chosen as a desk's day mixes them: mostly reading the board
    and availability, a booking with a deposit now and then, sometimes a cancellation."""
    roll = rng.random()
    today = hotel["today"]
    if roll < 0.45:
        client.call(BOARD, {"p": hotel["property"], "d": today.isoformat()})
        return "board"
    arrival = today + timedelta(days=rng.randint(1, 300))
    departure = arrival + timedelta(days=rng.randint(1, 4))
    if roll < 0.75:
        client.call(
            AVAILABILITY,
            {"p": hotel["property"], "a": arrival.isoformat(), "d": departure.isoformat()},
        )
        return "availability"
    stay = client.mutate(
        "bookStay",
        {
            "propertyId": hotel["property"],
            "roomTypeId": hotel["room_type"],
            "guestId": rng.choice(hotel["guests"]),
            "arrival": arrival.isoformat(),
            "departure": departure.isoformat(),
        },
        "stay { id folios { id } }",
    )["stay"]
    payment = {"folioId": stay["folios"][0]["id"], "amount": "50.00", "currency": "EUR"}
    client.mutate("recordPayment", payment | {"method": "CARD"}, "__typename")
    if roll > 0.9:
        client.mutate("cancelStay", {"stayId": stay["id"], "reason": "soak"}, "__typename")
        return "book_cancel"
    return "book_pay"


def run_load(servers: list[Server], hotel: dict, seconds: float, clients: int) -> Recorder:
    recorder = Recorder()
    began = time.perf_counter()
    deadline = began + seconds
    stop = threading.Event()

    def worker(n: int) -> None:
        client = Client(servers[n % len(servers)].base_url)
        rng = random.Random(n)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                kind, ok = desk_cycle(client, hotel, rng), True
            except Exception:  # noqa: BLE001 - an error is what the soak counts
                kind, ok = "error", False
            recorder.add(Sample(started - began, time.perf_counter() - started, ok, kind))

    def sample_memory() -> None:
        while not stop.wait(5):
            for index, server in enumerate(servers):
                rss = server.rss_mb()
                if rss is not None:
                    recorder.memory.append((time.perf_counter() - began, index, rss))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    sampler = threading.Thread(target=sample_memory)
    sampler.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    sampler.join()
    return recorder


def summarise(recorder: Recorder, seconds: float) -> dict:
    windows = []
    for start in range(0, int(seconds), WINDOW_SECONDS):
        inside = [s for s in recorder.samples if start <= s.at < start + WINDOW_SECONDS]
        if not inside:
            continue
        latencies = sorted(s.seconds for s in inside)
        p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
        errors = sum(not s.ok for s in inside)
        windows.append(
            {"start": start, "requests": len(inside), "errors": errors, "p95_ms": p95 * 1000}
        )
    warm = seconds / 5
    growth = {}
    for index in sorted({m[1] for m in recorder.memory}):
        series = [(t, mb) for t, i, mb in recorder.memory if i == index]
        after_warmup = [mb for t, mb in series if t >= warm] or [mb for _, mb in series]
        if after_warmup:
            growth[index] = {
                "after_warmup_mb": after_warmup[0],
                "end_mb": after_warmup[-1],
                "growth_percent": 100 * (after_warmup[-1] - after_warmup[0]) / after_warmup[0],
            }
    total = len(recorder.samples)
    errors = sum(not s.ok for s in recorder.samples)
    return {
        "seconds": seconds,
        "cycles": total,
        "errors": errors,
        "error_rate": errors / total if total else 0.0,
        "p95_ms": statistics.quantiles([s.seconds for s in recorder.samples], n=20)[-1] * 1000
        if total > 1
        else None,
        "windows": windows,
        "memory": growth,
        "kinds": {
            k: sum(s.kind == k for s in recorder.samples)
            for k in {s.kind for s in recorder.samples}
        },
    }


def plot(recorder: Recorder, summary: dict, target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency, memory) = plt.subplots(2, 1, figsize=(9, 6), sharex=True)
    starts = [w["start"] / 60 for w in summary["windows"]]
    latency.plot(starts, [w["p95_ms"] for w in summary["windows"]], marker="o")
    latency.set_ylabel("p95 per 30 s window (ms)")
    latency.set_title(
        f"Soak: {summary['cycles']} desk cycles, error rate {summary['error_rate']:.2%}, "
        "two processes on PostgreSQL"
    )
    for index in sorted({m[1] for m in recorder.memory}):
        series = [(t / 60, mb) for t, i, mb in recorder.memory if i == index]
        memory.plot([t for t, _ in series], [mb for _, mb in series], label=f"process {index + 1}")
    memory.set_ylabel("resident memory (MB)")
    memory.set_xlabel("minutes")
    memory.legend()
    figure.tight_layout()
    figure.savefig(target, dpi=90)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.soak", description=__doc__)
    parser.add_argument("--postgres", required=True, help="an admin URL of the PostgreSQL server")
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results/soak.json"))
    parser.add_argument("--plot", type=Path, help="write the plot (PNG) here")
    args = parser.parse_args(argv)
    url = prepare_database(args.postgres)
    servers = [start_server("app", url, plugins="all") for _ in range(2)]
    try:
        hotel = build_hotel(Client(servers[0].base_url), rooms=150, guests=100)
        recorder = run_load(servers, hotel, args.seconds, args.clients)
    finally:
        for server in servers:
            server.stop()
        drop_database(args.postgres, url)
    summary = summarise(recorder, args.seconds)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(summary, indent=2))
    if args.plot:
        plot(recorder, summary, args.plot)
    print(json.dumps({k: v for k, v in summary.items() if k != "windows"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
