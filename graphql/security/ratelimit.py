"""Rate limiting per API key, user or (anonymous) client address: an in-process token bucket.

Each caller may burst up to ``limit`` requests, refilled at ``limit`` per minute. Responses
carry the IETF RateLimit headers (RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset in
seconds until the bucket is full again); a refused request gets 429 with Retry-After. This class
keeps the buckets in the process; ``rate_limit_stores`` keeps them in PostgreSQL or Redis so
that several processes enforce one limit (docs/operations.md)."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

MAX_BUCKETS = 100_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int
    retry_after: int

    def headers(self) -> list[tuple[bytes, bytes]]:
        headers = [
            (b"ratelimit-limit", str(self.limit).encode()),
            (b"ratelimit-remaining", str(self.remaining).encode()),
            (b"ratelimit-reset", str(self.reset_seconds).encode()),
        ]
        if not self.allowed:
            headers.append((b"retry-after", str(self.retry_after).encode()))
        return headers


class RateLimiter:
    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.limit = max(1, per_minute)
        self.rate = self.limit / 60.0
        self.clock = clock
        self.buckets: dict[str, _Bucket] = {}
        self.lock = threading.Lock()

    def take(self, key: str) -> Decision:
        with self.lock:
            moment = self.clock()
            bucket = self.buckets.get(key)
            if bucket is None:
                if len(self.buckets) >= MAX_BUCKETS:
                    self._forget_full(moment)
                bucket = self.buckets[key] = _Bucket(float(self.limit), moment)
            bucket.tokens = min(self.limit, bucket.tokens + (moment - bucket.updated) * self.rate)
            bucket.updated = moment
            allowed = bucket.tokens >= 1
            if allowed:
                bucket.tokens -= 1
            missing = self.limit - bucket.tokens
            return Decision(
                allowed=allowed,
                limit=self.limit,
                remaining=int(bucket.tokens),
                reset_seconds=math.ceil(missing / self.rate),
                retry_after=0 if allowed else math.ceil((1 - bucket.tokens) / self.rate),
            )

    async def acquire(self, key: str) -> Decision:
        """The server's entry point (the shared stores answer it with a round trip)."""
        return self.take(key)

    def _forget_full(self, moment: float) -> None:
        for key in [
            k
            for k, b in self.buckets.items()
            if b.tokens + (moment - b.updated) * self.rate >= self.limit
        ]:
            del self.buckets[key]
