"""HTTP drivers: closed-loop concurrent clients with a bounded request count, and the
statistics every scenario reports (median, p95, throughput)."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

Request = Callable[[httpx.AsyncClient, int], Awaitable[bool]]


@dataclass
class Stats:
    count: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def throughput(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95(self) -> float:
        return percentile(self.latencies_ms, 95)

    def summary(self) -> dict[str, Any]:
        return {
            "requests": self.count,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "throughput_rps": round(self.throughput, 1),
            "p50_ms": round(self.p50, 2),
            "p95_ms": round(self.p95, 2),
        }


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def client(base_url: str, concurrency: int, headers: dict[str, str] | None = None):
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(base_url=base_url, limits=limits, headers=headers or {}, timeout=120.0)


async def drive(
    http: httpx.AsyncClient, request: Request, *, total: int, concurrency: int
) -> Stats:
    """``total`` requests from ``concurrency`` clients, each sending its next request as soon
    as the previous one is answered. ``request`` returns False for a failed answer."""
    counter = iter(range(total))
    latencies: list[float] = []
    errors = 0

    async def worker() -> None:
        nonlocal errors
        for n in counter:
            began = time.perf_counter()
            try:
                ok = await request(http, n)
            except httpx.HTTPError:
                ok = False
            latencies.append((time.perf_counter() - began) * 1000)
            errors += 0 if ok else 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Stats(total, errors, time.perf_counter() - began, latencies)


def graphql_ok(response: httpx.Response) -> bool:
    if response.status_code != 200:
        return False
    body = response.json()
    return not body.get("errors")
