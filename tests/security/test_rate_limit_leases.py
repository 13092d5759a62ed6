"""The rate limit's shared buckets on PostgreSQL, taken in leases: a busy caller costs one
statement per lease, not per request, and two processes together never let more requests
through than the limit gives (docs/security.md, "Rate limit")."""

from __future__ import annotations

import time

import pytest

from frontdesk.graphql.security import rate_limit_stores
from frontdesk.graphql.security.rate_limit_stores import DatabaseRateLimiter


@pytest.fixture
def engine(runtime):
    if runtime.engine.engine_type == "sqlite":
        pytest.skip("the database store is PostgreSQL's (SQLite serves one process)")
    return runtime.engine


class Counting:
    """The engine, counting the statements the limiter sends."""

    def __init__(self, engine) -> None:
        self.engine, self.statements = engine, 0

    async def run_querystring(self, querystring):
        self.statements += 1
        return await self.engine.run_querystring(querystring)


async def test_a_busy_caller_takes_its_tokens_a_lease_at_a_time(engine):
    counted = Counting(engine)
    limiter = DatabaseRateLimiter(6000, counted)  # leases of up to 300 tokens
    started = time.monotonic()
    decisions = [await limiter.acquire("apikey:busy") for _ in range(1000)]
    refilled = (time.monotonic() - started) * 100 + 1  # 6000 a minute
    assert all(d.allowed for d in decisions)
    # leases of 1, 2, 4 ... 256, then 300: about a dozen statements for a thousand requests
    assert counted.statements <= 12
    # what the headers say: the shared bucket's tokens and this process's unspent ones
    assert 6000 - 1000 - 300 <= decisions[-1].remaining <= 6000 - 1000 + refilled


async def test_two_processes_together_never_pass_more_than_the_limit(engine):
    first = DatabaseRateLimiter(200, engine)  # leases of up to 10
    second = DatabaseRateLimiter(200, engine)
    passed = 0
    for turn in range(600):
        limiter = first if turn % 3 else second
        passed += (await limiter.acquire("apikey:shared")).allowed
    # the bucket refills 200 a minute: a few more may come in while this runs
    assert 200 - 2 * 10 <= passed <= 200 + 5


async def test_a_caller_now_and_then_takes_one_token_per_request(engine, monkeypatch):
    counted = Counting(engine)
    limiter = DatabaseRateLimiter(600, counted)
    clock = [1000.0]
    monkeypatch.setattr(rate_limit_stores.time, "monotonic", lambda: clock[0])
    for _ in range(5):
        assert (await limiter.acquire("apikey:calm")).allowed
        clock[0] += 5 * rate_limit_stores.LEASE_SECONDS
    assert counted.statements == 5
    assert limiter.leases["apikey:calm"].size == 1


async def test_a_refused_caller_gets_retry_after(engine):
    limiter = DatabaseRateLimiter(3, engine)
    decisions = [await limiter.acquire("apikey:eager") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert decisions[-1].retry_after >= 1
