"""Scenarios 3 and 5: booking under contention (against raw SQL transactions writing the same
rows) and the book -> check-in -> check-out latency with all plugins against core alone."""

from __future__ import annotations

import asyncio
import random
import secrets
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from frontdesk.core.stays.tables import Stay
from frontdesk.core.transactions import run_write

from .config import TODAY
from .context import Bench, outcome
from .load import Stats, client, drive
from .procs import Server
from .queries import (
    BOOK_MUTATION,
    CHECK_IN_MUTATION,
    CHECK_OUT_MUTATION,
    PAY_MUTATION,
    ROOM_STATUS_MUTATION,
    STAY_FOLIOS_QUERY,
)
from .rows import PRICES

WINDOW_DAYS = 4
#: Days between the first nights of two rounds: a round's stays end within WINDOW_DAYS + 3.
ROUND_DAYS = 8


@dataclass(frozen=True)
class Booking:
    property: int
    room_type: int
    code: str
    guest: int
    arrival: date
    departure: date


def bookings(b: Bench, first_day: date, seed: int) -> list[Booking]:
    """``sizes.bookings`` bookings spread over the group, crowded into a few nights."""
    rnd = random.Random(seed)
    out = []
    for _ in range(b.sizes.bookings):
        pid = rnd.choice(b.group.property_ids)
        rt, code = rnd.choice(b.group.room_types[pid])
        arrival = first_day + timedelta(days=rnd.randrange(WINDOW_DAYS))
        out.append(
            Booking(
                pid,
                rt,
                code,
                rnd.choice(b.group.guests[pid]),
                arrival,
                arrival + timedelta(days=rnd.randint(1, 3)),
            )
        )
    return out


async def _floor_book(item: Booking) -> None:
    """The rows bookStay writes (stay, nights, prices, terms, folio) by raw SQL, with the
    same free-slot choice and the same retry on a lost unique-key race."""
    nights = [item.arrival + timedelta(days=i) for i in range((item.departure - item.arrival).days)]
    now = datetime.now(UTC)

    async def change() -> None:
        slots = await _floor_free_slots(item, nights)
        sid = await _floor_insert_stay(item, now)
        for night, slot in zip(nights, slots, strict=True):
            await Stay.raw(
                "INSERT INTO core_stay_night (stay, property, room_type, night, slot)"
                " VALUES ({}, {}, {}, {}, {})",
                *(sid, item.property, item.room_type, night, slot),
            )
            await Stay.raw(
                "INSERT INTO folios_stay_night_rate (stay, night, amount, currency)"
                " VALUES ({}, {}, {}, 'EUR')",
                *(sid, night, PRICES[item.code]),
            )
        await Stay.raw(
            "INSERT INTO folios_stay_terms (stay, property, business_travel, "
            "currency) VALUES ({}, {}, FALSE, 'EUR')",
            *(sid, item.property),
        )
        await Stay.raw(
            "INSERT INTO folios_folio (property, stay, number, name, guest, currency,"
            " status, created_at) VALUES ({}, {}, 1, 'Guest', {}, 'EUR', 'open', {})",
            *(item.property, sid, item.guest, now),
        )

    await run_write(change, conflict_message="sold out")


async def _floor_free_slots(item: Booking, nights: list) -> list[int]:
    """The lowest free inventory slot per night (two statements), as bookStay chooses it."""
    rooms = await Stay.raw(
        "SELECT COUNT(*) AS n FROM core_room WHERE room_type = {} AND active = TRUE",
        item.room_type,
    )
    used = await Stay.raw(
        "SELECT night, slot FROM core_stay_night WHERE room_type = {} "
        "AND night >= {} AND night <= {}",
        *(item.room_type, nights[0], nights[-1]),
    )
    taken: dict[str, set[int]] = {}
    for row in used:
        taken.setdefault(str(row["night"]), set()).add(row["slot"])
    slots = []
    for night in nights:
        free = [s for s in range(rooms[0]["n"]) if s not in taken.get(str(night), set())]
        if not free:
            raise RuntimeError("sold out")
        slots.append(free[0])
    return slots


async def _floor_insert_stay(item: Booking, now: datetime) -> int:
    """The stay row itself; its id."""
    code = secrets.token_hex(5).upper()
    row = await Stay.raw(
        "INSERT INTO core_stay (property, confirmation_code, booking_reference, room_type,"
        " primary_guest, arrival, departure, adults, children, status, source, notes,"
        " porter_requested, created_at, updated_at) VALUES ({}, {}, {}, {}, {}, {}, {}, 1,"
        " 0, 'booked', 'web', '', FALSE, {}, {}) RETURNING id",
        *(item.property, code, f"BR{code}", item.room_type, item.guest, item.arrival),
        *(item.departure, now, now),
    )
    return row[0]["id"]


async def _floor(items: list[Booking], concurrency: int) -> tuple[float, int, int]:
    queue = iter(items)
    ok = failed = 0

    async def worker() -> None:
        nonlocal ok, failed
        for item in queue:
            try:
                await _floor_book(item)
                ok += 1
            except Exception:  # noqa: BLE001  (a refused floor booking is counted, not fatal)
                failed += 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - began, ok, failed


async def double_bookings() -> dict[str, int]:
    """Room-nights held twice, and room-type nights sold beyond their rooms."""
    rooms = await Stay.raw(
        "SELECT COUNT(*) AS n FROM (SELECT room, night FROM core_stay_night WHERE room IS NOT"
        " NULL GROUP BY room, night HAVING COUNT(*) > 1) x"
    )
    oversold = await Stay.raw(
        "SELECT COUNT(*) AS n FROM (SELECT room_type, night, COUNT(*) AS c FROM core_stay_night"
        " GROUP BY room_type, night) x JOIN (SELECT room_type, COUNT(*) AS rooms FROM core_room"
        " WHERE active = TRUE GROUP BY room_type) r ON r.room_type = x.room_type"
        " WHERE x.c > r.rooms"
    )
    return {"room_nights_twice": rooms[0]["n"], "oversold_type_nights": oversold[0]["n"]}


async def _served(b: Bench, items: list[Booking]) -> tuple[Stats, dict[str, int]]:
    """``items`` booked through the API by ``booking_clients`` concurrent clients; the
    timings, and how many were booked and how many refused with a UserError."""
    outcomes = {"booked": 0, "refused": 0}

    async def request(http: httpx.AsyncClient, n: int) -> bool:
        item = items[n]
        response = await http.post(
            "/graphql",
            json={
                "query": BOOK_MUTATION,
                "variables": {
                    "input": {
                        "propertyId": str(item.property),
                        "roomTypeId": str(item.room_type),
                        "guestId": str(item.guest),
                        "arrival": item.arrival.isoformat(),
                        "departure": item.departure.isoformat(),
                        "source": "WEB",
                    }
                },
            },
        )
        body = response.json() if response.status_code == 200 else {}
        payload = (body.get("data") or {}).get("bookStay") or {}
        if payload.get("stay"):
            outcomes["booked"] += 1
        elif payload.get("errors"):
            outcomes["refused"] += 1
        return bool(payload.get("stay")) or bool(payload.get("errors"))

    clients = b.sizes.booking_clients
    async with client(b.app.base_url, clients, b.headers) as http:
        stats = await drive(http, request, total=len(items), concurrency=clients)
    return stats, outcomes


async def booking(b: Bench) -> dict[str, Any]:
    """``booking_rounds`` rounds, each booking ``bookings`` stays through the server, then
    the floor's; each round crowds its bookings into nights of its own. The best round of
    each side is compared (a round lasts one to three seconds, and this machine's speed
    drifts, docs/performance.md "Noise": single rounds gave 2.5x and 3.3x for the same code)."""
    s = b.sizes
    served_rounds: list[dict[str, Any]] = []
    floor_rounds: list[dict[str, Any]] = []
    errors = attempted = refused = floor_failed = 0
    for n in range(s.booking_rounds):
        offset = s.future_days + 40 + n * ROUND_DAYS
        served_items = bookings(b, TODAY + timedelta(days=offset), seed=3 + n)
        floor_items = bookings(
            b, TODAY + timedelta(days=offset + s.booking_rounds * ROUND_DAYS), seed=3 + n
        )
        stats, outcomes = await _served(b, served_items)
        booked = outcomes["booked"]
        refused += outcomes["refused"]
        errors += stats.errors
        attempted += len(served_items)
        served_rounds.append(
            {
                "ms_per_booking": stats.seconds * 1000 / max(1, booked),
                "booked": booked,
                "bookings_per_second": booked / stats.seconds if stats.seconds else 0.0,
                "p50_ms": stats.p50,
                "p95_ms": stats.p95,
            }
        )
        seconds, ok, failed = await _floor(floor_items, s.booking_clients)
        floor_failed += failed
        floor_rounds.append({"ms_per_booking": seconds * 1000 / max(1, ok)})
    served = min(served_rounds, key=lambda r: r["ms_per_booking"])
    floor = min(floor_rounds, key=lambda r: r["ms_per_booking"])
    doubles = await double_bookings()
    return outcome(
        served["ms_per_booking"] / floor["ms_per_booking"],
        "booking",
        {
            "clients": s.booking_clients,
            "rounds": s.booking_rounds,
            "attempted": attempted,
            "booked": sum(r["booked"] for r in served_rounds),
            "refused": refused,
            "error_rate": round(errors / max(1, attempted), 4),
            "bookings_per_second": round(served["bookings_per_second"], 1),
            "p50_ms": round(served["p50_ms"], 2),
            "p95_ms": round(served["p95_ms"], 2),
            "ms_per_booking": round(served["ms_per_booking"], 2),
            "floor_ms_per_booking": round(floor["ms_per_booking"], 2),
            "ms_per_booking_of_rounds": [round(r["ms_per_booking"], 2) for r in served_rounds],
            "floor_ms_per_booking_of_rounds": [round(r["ms_per_booking"], 2) for r in floor_rounds],
            "floor_failed": floor_failed,
            "double_bookings": doubles,
        },
        double_bookings_zero=sum(doubles.values()) == 0,
    )


async def _cycle(http: httpx.AsyncClient, b: Bench, rt: int, guest: int) -> tuple[float, str]:
    """Book tonight, check in, check out; the room is cleaned afterwards, untimed."""
    pid = b.group.property_ids[-1]
    began = time.perf_counter()
    booked = await http.post(
        "/graphql",
        json={
            "query": BOOK_MUTATION,
            "variables": {
                "input": {
                    "propertyId": str(pid),
                    "roomTypeId": str(rt),
                    "guestId": str(guest),
                    "arrival": TODAY.isoformat(),
                    "departure": (TODAY + timedelta(days=1)).isoformat(),
                }
            },
        },
    )
    stay = booked.json()["data"]["bookStay"]["stay"]["id"]
    checked_in = await http.post(
        "/graphql", json={"query": CHECK_IN_MUTATION, "variables": {"input": {"stayId": stay}}}
    )
    room = checked_in.json()["data"]["checkIn"]["stay"]["room"]["id"]
    await _check_out_paying(http, stay)
    elapsed = time.perf_counter() - began
    return elapsed, room


async def _check_out_paying(http: httpx.AsyncClient, stay: str) -> None:
    """Leaving on the arrival date is a day use: the first check-out posts its charge and is
    refused until the guest pays, as at a real desk (the guest pays, then leaves)."""
    check_out = {"query": CHECK_OUT_MUTATION, "variables": {"input": {"stayId": stay}}}
    first = await http.post("/graphql", json=check_out)
    if not first.json()["data"]["checkOut"]["errors"]:
        return
    folios = await http.post(
        "/graphql", json={"query": STAY_FOLIOS_QUERY, "variables": {"id": stay}}
    )
    for folio in folios.json()["data"]["stay"]["folios"]:
        balance = folio["balance"]
        if float(balance["amount"]) <= 0:
            continue
        payment = {"folioId": folio["id"], "method": "CARD", **balance}
        paid = await http.post(
            "/graphql", json={"query": PAY_MUTATION, "variables": {"input": payment}}
        )
        if paid.json()["data"]["recordPayment"]["errors"]:
            raise RuntimeError(f"payment refused: {paid.json()}")
    out = await http.post("/graphql", json=check_out)
    if out.json()["data"]["checkOut"]["errors"]:
        raise RuntimeError(f"check-out refused: {out.json()}")


async def plugin_overhead(b: Bench, core: Server, loaded: Server) -> dict[str, Any]:
    """Book -> check-in -> check-out cycles on ``loaded`` (the plugins of
    ``--overhead-plugins``) and on ``core`` in turn, one database; the ratio of medians."""
    pid = b.group.property_ids[-1]
    rt = b.group.room_types[pid][0][0]
    guests = b.group.guests[pid]
    timings: dict[str, list[float]] = {"all": [], "core": []}
    async with (
        client(loaded.base_url, 1, b.headers) as all_http,
        client(core.base_url, 1, b.headers) as core_http,
    ):
        pair = {"all": all_http, "core": core_http}
        for n in range(b.sizes.lifecycle_cycles + 1):
            order = ("all", "core") if n % 2 else ("core", "all")
            for name in order:
                seconds, room = await _cycle(pair[name], b, rt, guests[n % len(guests)])
                if n:  # the first cycle of each server is warm-up
                    timings[name].append(seconds * 1000)
                await pair[name].post(
                    "/graphql",
                    json={
                        "query": ROOM_STATUS_MUTATION,
                        "variables": {"input": {"roomId": room, "status": "CLEAN"}},
                    },
                )
    p50 = {k: statistics.median(v) for k, v in timings.items()}
    return outcome(
        p50["all"] / p50["core"],
        "plugin_overhead",
        {
            "cycles": b.sizes.lifecycle_cycles,
            "plugins": b.sizes.overhead_plugins,
            "all_plugins_p50_ms": round(p50["all"], 2),
            "core_only_p50_ms": round(p50["core"], 2),
        },
    )
