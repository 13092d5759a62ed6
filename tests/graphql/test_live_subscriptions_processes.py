"""Live events across server processes (PostgreSQL LISTEN/NOTIFY; docs/live.md): two
``frontdesk serve`` processes over one database, a mutation on one, the subscriber on the
other; and the LISTEN connection coming back after PostgreSQL drops it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import asyncpg
import pytest
from support.hotel import build_hotel
from support.live import http_client, subscriber

BOARD = "subscription($p: ID!) { boardChanged(propertyId: $p) { name stayId } }"
ROOMS = "subscription($p: ID!) { roomStatusChanged(propertyId: $p) { name roomId } }"


@pytest.fixture
def postgres_url(request, backend) -> str:
    if backend != "postgres":
        pytest.skip("several server processes share a database on PostgreSQL only")
    return request.getfixturevalue("database_url")


async def test_an_event_committed_on_one_process_reaches_a_subscriber_on_another(
    live_server, postgres_url, admin_key
):
    first = live_server(database_url=postgres_url, migrate=False, plugins="")
    second = live_server(database_url=postgres_url, migrate=False, plugins="")
    async with http_client(first.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="TWO", doubles=1, suites=0, guests=1)
        async with subscriber(second.base_url, admin_key) as sub:
            await sub.subscribe(BOARD, {"p": hotel.property_id})
            booked = await admin.ok(
                "bookStay",
                {
                    "propertyId": hotel.property_id,
                    "roomTypeId": hotel.room_types["DBL"],
                    "guestId": hotel.guests[0],
                    "arrival": hotel.business_date.isoformat(),
                    "departure": (hotel.business_date + timedelta(days=1)).isoformat(),
                },
                "stay { id }",
            )
            message = await sub.receive()  # within DELIVERY_SECONDS
    assert message["payload"]["data"]["boardChanged"] == {
        "name": "stay.booked",
        "stayId": booked["stay"]["id"],
    }


async def _listeners(url: str) -> list[int]:
    """Backend pids of the servers' LISTEN connections to this test's database."""
    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch(
            "SELECT pid FROM pg_stat_activity"
            " WHERE application_name = 'frontdesk-live' AND datname = current_database()"
        )
        return [row["pid"] for row in rows]
    finally:
        await connection.close()


async def _terminate(url: str, pids: list[int]) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(
            "SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) pid", pids
        )
    finally:
        await connection.close()


async def _new_listener(url: str, old: list[int]) -> list[int]:
    """Wait until a LISTEN connection other than ``old`` is open (the server reconnected)."""
    while True:
        current = await _listeners(url)
        if current and not set(current) & set(old):
            return current
        await asyncio.sleep(0.1)


async def test_live_events_resume_after_postgresql_drops_the_listen_connection(
    live_server, postgres_url, admin_key
):
    """What a PostgreSQL restart does to the server's session: it is terminated. The server
    opens a new one and LISTENs again; later events are delivered."""
    server = live_server(database_url=postgres_url, migrate=False, plugins="")
    async with http_client(server.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="RC", doubles=1, suites=0, guests=0)
        before = await _listeners(postgres_url)
        assert len(before) == 1
        await _terminate(postgres_url, before)
        await asyncio.wait_for(_new_listener(postgres_url, before), timeout=30)
        async with subscriber(server.base_url, admin_key) as sub:
            await sub.subscribe(ROOMS, {"p": hotel.property_id})
            room = {"roomId": hotel.rooms["101"], "status": "DIRTY"}
            await admin.ok("setRoomStatus", room, "room { id }")
            message = await sub.receive()
    assert message["payload"]["data"]["roomStatusChanged"] == {
        "name": "room.status_changed",
        "roomId": hotel.rooms["101"],
    }
