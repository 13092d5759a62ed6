"""PostgreSQL away: requests answer 503 with Retry-After and the code UNAVAILABLE, readiness
fails while liveness holds, nothing is half-written, and service resumes by itself."""

from __future__ import annotations

import time
from urllib.parse import urlparse, urlunparse

import httpx
import pytest
from support import databases
from support.tcp_proxy import CuttableProxy

pytestmark = pytest.mark.skipif(
    not databases.POSTGRES_URL, reason="needs PostgreSQL (FRONTDESK_TEST_POSTGRES_URL)"
)
HEADERS = {"Authorization": f"Bearer {databases.TEST_ADMIN_KEY}"}
GUESTS = "{ guests(first: 5) { nodes { id } } }"
CREATE = """mutation { createGuest(input: {propertyId: "1", firstName: "Away", lastName: "Test"})
  { guest { id } errors { code } } }"""


@pytest.fixture
def backend() -> str:
    return "postgres"


@pytest.fixture
def proxy():
    parsed = urlparse(databases.POSTGRES_URL)
    proxy = CuttableProxy(parsed.hostname or "127.0.0.1", parsed.port or 5432)
    yield proxy
    proxy.close()


def through(url: str, proxy: CuttableProxy) -> str:
    parts = urlparse(url)
    netloc = f"{parts.username or 'postgres'}@127.0.0.1:{proxy.port}"
    return urlunparse(parts._replace(netloc=netloc))


def post(server, query: str) -> httpx.Response:
    return httpx.post(
        f"{server.base_url}/graphql", json={"query": query}, headers=HEADERS, timeout=30
    )


def test_the_database_away_answers_503_and_service_resumes_by_itself(
    database_url, live_server, proxy
):
    server = live_server(database_url=through(database_url, proxy))
    assert post(server, GUESTS).status_code == 200
    proxy.cut()
    for query in (GUESTS, CREATE):
        answer = post(server, query)
        assert answer.status_code == 503, answer.text
        assert answer.headers["retry-after"].isdigit()
        assert answer.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
    assert httpx.get(f"{server.base_url}/ready").status_code == 503
    assert httpx.get(f"{server.base_url}/health").status_code == 200
    proxy.restore()
    deadline = time.monotonic() + 15
    while post(server, GUESTS).status_code != 200:
        assert time.monotonic() < deadline, "service did not resume within 15 s"
        time.sleep(0.2)
    assert httpx.get(f"{server.base_url}/ready").status_code == 200
    names = post(server, '{ guests(first: 250, search: "Away") { nodes { lastName } } }').json()
    assert names["data"]["guests"]["nodes"] == []  # the refused mutation wrote nothing
