"""PostgreSQL away under load: requests answer 503 with Retry-After and the code UNAVAILABLE
(never a 500), readiness fails while liveness holds, nothing is half-written, and service
resumes by itself when the database returns."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from urllib.parse import urlparse, urlunparse

import httpx
import pytest
from support.live_api import LiveApi, build_live_hotel
from support.tcp_proxy import CuttableProxy

from frontdesk.testing import databases

pytestmark = pytest.mark.skipif(
    not databases.POSTGRES_URL, reason="needs PostgreSQL (FRONTDESK_TEST_POSTGRES_URL)"
)
GUESTS = "{ guests(first: 5) { nodes { id } } }"
BOOK = """mutation($input: BookStayInput!) { bookStay(input: $input) {
  stay { id } errors { code message } } }"""


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


def book_until(api: LiveApi, hotel, stop: threading.Event, seen: list) -> None:
    """Book one-night stays on ever later nights; record (status, stay id or None)."""
    night = hotel.business_date + timedelta(days=1)
    while not stop.is_set():
        payload = {
            "propertyId": hotel.property_id,
            "roomTypeId": hotel.room_type_id,
            "guestId": hotel.guests[0],
            "arrival": night.isoformat(),
            "departure": (night + timedelta(days=1)).isoformat(),
        }
        try:
            response = api.post(BOOK, {"input": payload})
        except httpx.HTTPError:
            continue
        stay = None
        if response.status_code == 200:
            stay = response.json()["data"]["bookStay"]["stay"]
        seen.append((response.status_code, stay and stay["id"]))
        night += timedelta(days=1)


def test_the_database_away_under_load_answers_503_and_service_resumes_by_itself(
    database_url, live_server, proxy
):
    server = live_server(database_url=through(database_url, proxy), plugins="")
    api = LiveApi(server.base_url, timeout=30)
    hotel = build_live_hotel(api, rooms=2, guests=1)
    stop, seen = threading.Event(), []
    load = threading.Thread(target=book_until, args=(api, hotel, stop, seen))
    load.start()
    try:
        time.sleep(1)
        proxy.cut()
        time.sleep(2)
        answer = api.post(GUESTS)
        assert answer.status_code == 503, answer.text
        assert answer.headers["retry-after"].isdigit()
        assert answer.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
        assert httpx.get(f"{server.base_url}/ready").status_code == 503
        assert httpx.get(f"{server.base_url}/health").status_code == 200
        proxy.restore()
        deadline = time.monotonic() + 15
        while api.post(GUESTS).status_code != 200:
            assert time.monotonic() < deadline, "service did not resume within 15 s"
            time.sleep(0.2)
        time.sleep(1)
    finally:
        stop.set()
        load.join()
    assert httpx.get(f"{server.base_url}/ready").status_code == 200
    statuses = {status for status, _ in seen}
    assert statuses <= {200, 503} and 503 in statuses and 200 in statuses
    acknowledged = {stay for status, stay in seen if status == 200 and stay}
    stored = databases.run_sync(_stays_and_their_nights(database_url))
    assert acknowledged <= set(stored)  # every acknowledged booking is there
    assert all(nights == 1 for nights in stored.values())  # and none half-written


async def _stays_and_their_nights(database_url: str) -> dict[str, int]:
    import asyncpg

    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            "SELECT s.id, count(n.id) AS nights FROM core_stay s "
            "LEFT JOIN core_stay_night n ON n.stay = s.id GROUP BY s.id"
        )
    finally:
        await conn.close()
    return {str(row["id"]): row["nights"] for row in rows}
