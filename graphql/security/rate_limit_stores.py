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
from typing import Any

from piccolo.engine.base import Engine
from piccolo.querystring import QueryString

from frontdesk.core.errors import InvalidInput

from .ratelimit import Decision, RateLimiter

# One statement: refill by the time passed, take a token if there is one, say whether it did.
_TAKE_SQL = """
INSERT INTO auth_rate_bucket AS b (key, tokens, updated, allowed)
VALUES ({}, {} - 1, clock_timestamp(), TRUE)
ON CONFLICT (key) DO UPDATE SET
  allowed = LEAST({}, b.tokens + EXTRACT(EPOCH FROM clock_timestamp() - b.updated) * {}) >= 1,
  tokens = LEAST({}, b.tokens + EXTRACT(EPOCH FROM clock_timestamp() - b.updated) * {})
           - CASE WHEN LEAST({}, b.tokens + EXTRACT(EPOCH FROM clock_timestamp() - b.updated)
                                  * {}) >= 1 THEN 1 ELSE 0 END,
  updated = clock_timestamp()
RETURNING tokens, allowed
"""
_FORGET_SQL = (
    "DELETE FROM auth_rate_bucket WHERE updated < clock_timestamp() - interval '2 minutes'"
)
FORGET_EVERY = 5000

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


class DatabaseRateLimiter(RateLimiter):
    """Buckets in PostgreSQL, shared by every process serving the database."""

    def __init__(self, per_minute: int, engine: Engine) -> None:
        super().__init__(per_minute)
        self.engine = engine
        self.taken = 0

    async def acquire(self, key: str) -> Decision:
        limit, rate = self.limit, self.rate
        rows = await self.engine.run_querystring(
            QueryString(_TAKE_SQL, key, limit, limit, rate, limit, rate, limit, rate)
        )
        self.taken += 1
        if self.taken % FORGET_EVERY == 0:  # full buckets are the same as no row
            await self.engine.run_querystring(QueryString(_FORGET_SQL))
        row = rows[0]
        return _decision(limit, rate, float(row["tokens"]), bool(row["allowed"]))


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
