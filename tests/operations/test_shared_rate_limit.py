"""A rate limit of N per minute holds across server processes: the N+1th request is refused
whichever process answers (PostgreSQL by default, Redis when configured)."""

from __future__ import annotations

import itertools

import httpx
import pytest

from frontdesk.testing import databases

pytestmark = pytest.mark.skipif(
    not databases.POSTGRES_URL, reason="needs PostgreSQL (FRONTDESK_TEST_POSTGRES_URL)"
)
# Small, so that the bucket refills less than one token while the test runs (a token per 20 s);
# two processes that each kept their own bucket would allow 2 x LIMIT.
LIMIT = 3
QUERY = {"query": "{ __typename }"}
HEADERS = {"Authorization": f"Bearer {databases.TEST_ADMIN_KEY}"}


@pytest.fixture
def backend() -> str:
    return "postgres"


@pytest.mark.parametrize("store", ["", "redis://127.0.0.1:6379/15"], ids=["database", "redis"])
def test_the_limit_is_one_limit_across_two_processes(database_url, live_server, store):
    env = {"FRONTDESK_RATE_LIMIT_PER_MINUTE": str(LIMIT), "FRONTDESK_RATE_LIMIT_STORE": store}
    if store:
        import redis

        redis.Redis.from_url(store).flushdb()  # buckets of earlier runs' keys
    first = live_server(database_url=database_url, env=env)
    second = live_server(database_url=database_url, env=env, migrate=False)
    servers = itertools.cycle([first, second])
    statuses = [
        httpx.post(f"{next(servers).base_url}/graphql", json=QUERY, headers=HEADERS).status_code
        for _ in range(2 * LIMIT)
    ]
    assert statuses == [200] * LIMIT + [429] * LIMIT


def test_an_unknown_store_stops_start_up_plainly(database_url, tmp_path):
    from frontdesk.core.errors import InvalidInput
    from frontdesk.core.settings import Settings
    from frontdesk.server.app import create_app

    with pytest.raises(InvalidInput, match="FRONTDESK_RATE_LIMIT_STORE"):
        create_app(Settings(database_url=database_url, rate_limit_store="memcached://x"))
