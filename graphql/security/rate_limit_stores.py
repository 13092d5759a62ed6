"""Where the rate-limit buckets live, so that several server processes enforce one limit.

The token bucket (``security_ratelimit.RateLimiter``) is the rule everywhere; only its storage
changes:

* ``memory``: in the process (the default on SQLite, which serves one process);
* ``database``: one row per caller in ``auth_rate_bucket``, refilled and taken in a single
  atomic statement (the default on PostgreSQL: a group needs nothing but its database);
* ``redis://…``: a hash per caller, refilled and taken by one Lua script (when a Redis server
  is at hand; one round trip of well under a millisecond).

``FRONTDESK_RATE_LIMIT_STORE`` chooses (docs/operations.md)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from piccolo.engine.base import Engine
from piccolo.querystring import QueryString

from frontdesk.core.errors import InvalidInput

from .ratelimit import Decision, RateLimiter

#: The buckets' table: statement counts per request leave it out (a lease, not a request,
#: sends its statement).
BUCKET_TABLE = "auth_rate_bucket"

# One statement: refill by the time passed, take up to the asked number of tokens if there
# is a whole one, say how many it took (every expression reads the row as it was).
_AVAILABLE = "LEAST({}, b.tokens + EXTRACT(EPOCH FROM clock_timestamp() - b.updated) * {})"
_TAKEN = f"(CASE WHEN {_AVAILABLE} >= 1 THEN LEAST({{}}, FLOOR({_AVAILABLE})) ELSE 0 END)"
_TAKE_SQL = f"""
INSERT INTO auth_rate_bucket AS b (key, tokens, updated, allowed, taken)
VALUES ({{}}, {{}}, clock_timestamp(), TRUE, {{}})
ON CONFLICT (key) DO UPDATE SET
  taken = {_TAKEN}::integer,
  allowed = {_AVAILABLE} >= 1,
  tokens = {_AVAILABLE} - {_TAKEN},
  updated = clock_timestamp()
RETURNING tokens, taken
"""
_FORGET_SQL = (
    "DELETE FROM auth_rate_bucket WHERE updated < clock_timestamp() - interval '2 minutes'"
)
FORGET_EVERY = 5000
#: How long a process keeps the tokens it took for a caller and has not spent.
LEASE_SECONDS = 1.0

_LUA_TAKE = """
local limit = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(b[1]) or limit
local updated = tonumber(b[2]) or now
tokens = math.min(limit, tokens + (now - updated) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('EXPIRE', KEYS[1], 120)
return {allowed, tostring(tokens)}
"""


def _decision(limit: int, rate: float, tokens: float, allowed: bool) -> Decision:
    return Decision(
        allowed=allowed,
        limit=limit,
        remaining=max(0, int(tokens)),
        reset_seconds=math.ceil((limit - tokens) / rate),
        retry_after=0 if allowed else max(1, math.ceil((1 - tokens) / rate)),
    )


@dataclass
class _Lease:
    """Tokens a process took from a caller's shared bucket and spends itself."""

    tokens: int  # taken, not spent yet
    size: int  # how many the last statement asked for
    until: float  # monotonic time after which the unspent ones are dropped
    shared: float  # the shared bucket's tokens after that statement


class DatabaseRateLimiter(RateLimiter):
    """Buckets in PostgreSQL, shared by every process serving the database.

    A busy caller's tokens are taken in leases: a process asks for twice as many as its last
    lease when that one was spent within :data:`LEASE_SECONDS` (up to a twentieth of the
    limit), and spends them without a statement. No process spends a token the shared bucket
    did not give it, so the limit holds across processes; what a lease leaves unspent is
    dropped after :data:`LEASE_SECONDS` (a caller who moves to another process can be
    refused up to that many tokens early). A caller of a request now and then asks for one
    token at a time, a statement per request, as before leases."""

    def __init__(self, per_minute: int, engine: Engine) -> None:
        super().__init__(per_minute)
        self.engine = engine
        self.taken = 0
        self.lease_cap = max(1, self.limit // 20)
        self.leases: dict[str, _Lease] = {}

    async def acquire(self, key: str) -> Decision:
        moment = time.monotonic()
        lease = self.leases.get(key)
        if lease is not None and lease.tokens > 0 and moment < lease.until:
            lease.tokens -= 1
            return _decision(self.limit, self.rate, lease.shared + lease.tokens, True)
        size = self._next_size(lease, moment)
        taken, shared = await self._take(key, size)
        if taken == 0:
            self.leases.pop(key, None)
            return _decision(self.limit, self.rate, shared, False)
        self.leases[key] = _Lease(taken - 1, size, moment + LEASE_SECONDS, shared)
        return _decision(self.limit, self.rate, shared + taken - 1, True)

    def _next_size(self, lease: _Lease | None, moment: float) -> int:
        """Double a lease spent in time, halve one that was not, start again at one."""
        if lease is None or moment >= lease.until + LEASE_SECONDS:
            return 1
        if lease.tokens == 0 and moment < lease.until:
            return min(self.lease_cap, lease.size * 2)
        return max(1, lease.size // 2)

    async def _take(self, key: str, size: int) -> tuple[int, float]:
        limit, rate, first = float(self.limit), self.rate, min(size, self.limit)
        taken_args = (limit, rate, float(size), limit, rate)
        rows = await self.engine.run_querystring(
            QueryString(
                _TAKE_SQL,
                key,
                limit - first,
                first,
                *taken_args,
                limit,
                rate,
                limit,
                rate,
                *taken_args,
            )
        )
        self.taken += 1
        if self.taken % FORGET_EVERY == 0:  # full buckets are the same as no row
            await self.engine.run_querystring(QueryString(_FORGET_SQL))
            self._forget_leases()
        return int(rows[0]["taken"]), float(rows[0]["tokens"])

    def _forget_leases(self) -> None:
        moment = time.monotonic()
        for key in [k for k, v in self.leases.items() if moment >= v.until + LEASE_SECONDS]:
            del self.leases[key]


class RedisRateLimiter(RateLimiter):
    """Buckets in Redis, shared by every process that names the same server."""

    def __init__(self, per_minute: int, url: str) -> None:
        super().__init__(per_minute)
        import redis.asyncio as redis

        self.client = redis.Redis.from_url(url)
        self.script = self.client.register_script(_LUA_TAKE)

    async def acquire(self, key: str) -> Decision:
        allowed, tokens = await self.script(
            keys=[f"frontdesk:rate:{key}"], args=[self.limit, self.rate]
        )
        return _decision(self.limit, self.rate, float(tokens), bool(int(allowed)))


def make_rate_limiter(store: str, per_minute: int, engine: Engine) -> Any:
    """The limiter for ``FRONTDESK_RATE_LIMIT_STORE`` (empty: database on PostgreSQL, memory
    on SQLite)."""
    choice = store or ("memory" if engine.engine_type == "sqlite" else "database")
    if choice == "memory":
        return RateLimiter(per_minute, clock=time.monotonic)
    if choice == "database":
        if engine.engine_type == "sqlite":
            raise InvalidInput("FRONTDESK_RATE_LIMIT_STORE=database needs PostgreSQL.")
        return DatabaseRateLimiter(per_minute, engine)
    if choice.startswith(("redis://", "rediss://", "unix://")):
        return RedisRateLimiter(per_minute, choice)
    raise InvalidInput(
        f"FRONTDESK_RATE_LIMIT_STORE must be memory, database or a redis:// URL, not {store!r}."
    )
