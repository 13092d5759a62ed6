"""Probes of a group's deployment: several server processes on one PostgreSQL database,
killed and restarted under load. What money and guests depend on must hold throughout."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from itertools import cycle

import asyncpg
import httpx
import pytest
from support.live_api import LiveApi, build_live_hotel

from frontdesk.testing import databases

pytestmark = pytest.mark.skipif(
    not databases.POSTGRES_URL, reason="needs PostgreSQL (FRONTDESK_TEST_POSTGRES_URL)"
)
BOOK = """mutation($input: BookStayInput!) { bookStay(input: $input) {
  stay { id folios { id } } errors { code message } } }"""
PAY = """mutation($input: RecordPaymentInput!) { recordPayment(input: $input) {
  entry { id } errors { code message } } }"""


@pytest.fixture
def backend() -> str:
    return "postgres"


def sql(database_url: str, query: str) -> list:
    async def run():
        conn = await asyncpg.connect(database_url)
        try:
            return await conn.fetch(query)
        finally:
            await conn.close()

    return databases.run_sync(run())


def two_servers(live_server, database_url):
    env = {"FRONTDESK_RATE_LIMIT_PER_MINUTE": "1000000"}
    first = live_server(database_url=database_url, plugins="", env=env)
    second = live_server(database_url=database_url, plugins="", env=env, migrate=False)
    return first, second


def booking(hotel, guest: str, nights: int = 1, offset: int = 1, notes: str = "") -> dict:
    arrival = hotel.business_date + timedelta(days=offset)
    return {
        "propertyId": hotel.property_id,
        "roomTypeId": hotel.room_type_id,
        "guestId": guest,
        "arrival": arrival.isoformat(),
        "departure": (arrival + timedelta(days=nights)).isoformat(),
        "notes": notes,
    }


def test_forty_clients_booking_the_last_rooms_across_two_processes(database_url, live_server):
    servers = two_servers(live_server, database_url)
    hotel = build_live_hotel(LiveApi(servers[0].base_url), rooms=5, guests=40)
    outcomes: list[tuple[int, dict]] = []
    start = threading.Barrier(40)

    def client(guest: str, server) -> None:
        start.wait()
        response = LiveApi(server.base_url).post(BOOK, {"input": booking(hotel, guest, 2)})
        outcomes.append((response.status_code, response.json()))

    threads = [
        threading.Thread(target=client, args=(guest, server))
        for guest, server in zip(hotel.guests, cycle(servers), strict=False)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {status for status, _ in outcomes} == {200}
    booked = [body["data"]["bookStay"]["stay"] for _, body in outcomes]
    acknowledged = {stay["id"] for stay in booked if stay}
    assert len(acknowledged) == 5  # exactly the rooms there were
    stored = sql(database_url, "SELECT id FROM core_stay WHERE status = 'booked'")
    assert {str(row["id"]) for row in stored} == acknowledged
    doubles = sql(
        database_url,
        "SELECT night, slot FROM core_stay_night "
        "GROUP BY room_type, night, slot HAVING count(*) > 1",
    )
    assert doubles == []


def test_sigkill_under_booking_and_payment_load_loses_no_acknowledged_write(
    database_url, live_server
):
    victim, survivor = two_servers(live_server, database_url)
    hotel = build_live_hotel(LiveApi(survivor.base_url), rooms=60, guests=4)
    acknowledged_stays: dict[str, str] = {}  # idempotency key -> stay id
    sent: dict[str, dict] = {}  # idempotency key -> the booking sent with it
    acknowledged_payments: list[str] = []
    unanswered: list[tuple[str, dict]] = []
    stop = threading.Event()

    def client(n: int, server) -> None:
        api = LiveApi(server.base_url, timeout=10)
        for i in range(30):
            if stop.is_set():
                return
            key = f"probe-{n}-{i}-{uuid.uuid4().hex[:6]}"
            payload = booking(hotel, hotel.guests[n], offset=1 + (n * 30 + i) % 300, notes=key)
            sent[key] = payload
            try:
                body = api.post(BOOK, {"input": payload}, **{"Idempotency-Key": key}).json()
            except httpx.HTTPError:
                unanswered.append((key, payload))
                continue
            result = body["data"]["bookStay"]
            if result["errors"]:
                continue  # no room left that night: a clear answer, not a failure
            acknowledged_stays[key] = result["stay"]["id"]
            folio = result["stay"]["folios"][0]["id"]
            payment = {"folioId": folio, "amount": "10.00", "currency": "EUR", "method": "CARD"}
            try:
                paid = api.post(PAY, {"input": payment}).json()["data"]["recordPayment"]
            except httpx.HTTPError:
                continue
            if not paid["errors"]:
                acknowledged_payments.append(paid["entry"]["id"])

    threads = [
        threading.Thread(target=client, args=(n, server))
        for n, server in zip(range(4), cycle([victim, survivor]), strict=False)
    ]
    for thread in threads:
        thread.start()
    while len(acknowledged_stays) < 8:
        time.sleep(0.05)
    victim.kill()
    time.sleep(1)
    stop.set()
    for thread in threads:
        thread.join()
    restarted = live_server(database_url=database_url, plugins="", migrate=False)

    stays = {str(r["id"]): r["notes"] for r in sql(database_url, "SELECT id, notes FROM core_stay")}
    assert set(acknowledged_stays.values()) <= set(stays)
    entries = {str(r["id"]) for r in sql(database_url, "SELECT id FROM folios_entry")}
    assert set(acknowledged_payments) <= entries
    half_written = sql(
        database_url,
        "SELECT s.id FROM core_stay s WHERE s.status = 'booked' AND NOT EXISTS "
        "(SELECT 1 FROM core_stay_night n WHERE n.stay = s.id)",
    )
    assert half_written == []
    api = LiveApi(restarted.base_url)
    for key, stay_id in list(acknowledged_stays.items())[:3]:  # an acknowledged retry replays
        body = api.post(BOOK, {"input": sent[key]}, **{"Idempotency-Key": key}).json()
        assert body["data"]["bookStay"]["stay"]["id"] == stay_id
    for key, payload in unanswered:  # the cut requests: replayed, or run afresh, never twice
        body = api.post(BOOK, {"input": payload}, **{"Idempotency-Key": key}).json()
        assert "errors" not in body, body
    notes = [r["notes"] for r in sql(database_url, "SELECT notes FROM core_stay")]
    assert all(notes.count(key) <= 1 for key, _ in unanswered)


def test_sigkill_during_a_night_audit_then_again_posts_each_room_charge_once(
    database_url, live_server
):
    server = live_server(database_url=database_url, plugins="")
    api = LiveApi(server.base_url)
    hotel = build_live_hotel(api, rooms=30, guests=30)
    for guest in hotel.guests:
        stay = api.ok("bookStay", booking(hotel, guest, nights=2, offset=0), "stay { id }")["stay"][
            "id"
        ]
        api.ok("checkIn", {"stayId": stay}, "__typename")
    env = {**os.environ, "FRONTDESK_DATABASE_URL": database_url, "FRONTDESK_PLUGINS": ""}
    command = [sys.executable, "-m", "frontdesk.server.cli", "night-audit", "LIVE"]
    audit = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not sql(database_url, "SELECT 1 FROM folios_entry WHERE category = 'room'"):
        assert time.monotonic() < deadline and audit.poll() is None
        time.sleep(0.02)
    audit.kill()
    audit.wait()
    partly = sql(database_url, "SELECT count(*) AS n FROM folios_entry WHERE category='room'")
    assert 0 < partly[0]["n"] < 30  # killed midway
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    charges = sql(
        database_url,
        "SELECT stay, count(*) AS n FROM folios_entry WHERE category = 'room' GROUP BY stay",
    )
    assert len(charges) == 30 and {row["n"] for row in charges} == {1}
