"""Idempotency keys survive a crash: a real server process is SIGKILLed in the middle of an
idempotent booking (inside its transaction, or after the commit but before the answer went
out), restarted, and the identical retry either runs the booking afresh (once the abandoned
key's lease is over) or replays the stored answer. Never a second stay, never a key stuck at
IDEMPOTENCY_KEY_IN_PROGRESS."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from support.hotel import build_hotel

from frontdesk.testing.databases import TEST_ADMIN_KEY

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins" / "accounting_bridge"))
from live_server import eventually, free_port  # noqa: E402

SUPPORT = Path(__file__).resolve().parent.parent / "support" / "crash_server.py"
BOOK = """mutation($input: BookStayInput!) { bookStay(input: $input) {
  stay { id confirmationCode } errors { code } } }"""
STAYS = "{ stays(first: 50) { nodes { id primaryGuest { lastName } } } }"


class CrashServer:
    def __init__(self, database_url: str, workdir: Path) -> None:
        self.database_url = database_url
        self.workdir = workdir
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.marker = workdir / "frozen"

    async def start(self, moment: str) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "FRONTDESK_DATABASE_URL": self.database_url,
            "FRONTDESK_PLUGINS": "",
            "FRONTDESK_REQUEST_BUDGET_MS": "1000",
            "FRONTDESK_IDEMPOTENCY_LEASE_SECONDS": "2",
        }
        self.process = subprocess.Popen(
            [sys.executable, str(SUPPORT), str(port), moment, str(self.marker)],
            cwd=self.workdir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        async def healthy() -> bool:
            assert self.process.poll() is None, "the server exited"
            try:
                async with httpx.AsyncClient() as client:
                    return (await client.get(f"{self.url}/health")).status_code == 200
            except httpx.TransportError:
                return False

        await eventually(healthy, "the server to answer /health", timeout=60)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    async def post(self, body: dict, key: str) -> httpx.Response:
        async with httpx.AsyncClient(timeout=60) as client:
            return await client.post(
                f"{self.url}/graphql",
                json=body,
                headers={"Authorization": f"Bearer {TEST_ADMIN_KEY}", "Idempotency-Key": key},
            )


@pytest.fixture
async def server(database_url, tmp_path):
    crash = CrashServer(database_url, tmp_path)
    yield crash
    if crash.process is not None and crash.process.poll() is None:
        crash.kill()


async def _crash_mid_booking(server: CrashServer, gql, moment: str) -> tuple[dict, str]:
    hotel = await build_hotel(gql, code="K", doubles=2, suites=0, guests=1)
    body = {
        "query": BOOK,
        "variables": {
            "input": {
                "propertyId": hotel.property_id,
                "roomTypeId": hotel.room_types["DBL"],
                "guestId": hotel.guests[0],
                "arrival": "2026-11-23",
                "departure": "2026-11-25",
            }
        },
    }
    await server.start(moment)
    first = asyncio.create_task(server.post(body, "crash-1"))
    await eventually(server.marker.exists, f"the server to freeze {moment}")
    server.kill()
    with pytest.raises(httpx.TransportError):
        await first  # the client never got an answer
    await server.start("none")
    return body, "crash-1"


async def _retry_until_answered(server: CrashServer, body: dict, key: str) -> httpx.Response:
    async def answered() -> httpx.Response | None:
        response = await server.post(body, key)
        return None if response.status_code == 409 else response

    return await eventually(answered, "the abandoned key's lease to run out", timeout=30)


async def _stays(gql) -> list:
    return (await gql.execute(STAYS))["stays"]["nodes"]


async def test_a_crash_inside_the_transaction_leaves_a_key_the_retry_runs_afresh(server, gql):
    body, key = await _crash_mid_booking(server, gql, "in_transaction")
    assert await _stays(gql) == []  # nothing of the killed request was committed
    retry = await _retry_until_answered(server, body, key)
    assert retry.status_code == 200
    assert retry.json()["data"]["bookStay"]["stay"]["id"]
    assert "idempotent-replayed" not in retry.headers
    again = await server.post(body, key)
    assert again.json() == retry.json() and again.headers["idempotent-replayed"] == "true"
    assert len(await _stays(gql)) == 1


async def test_a_crash_after_the_commit_replays_the_stored_answer(server, gql):
    body, key = await _crash_mid_booking(server, gql, "after_commit")
    stays = await _stays(gql)
    assert len(stays) == 1  # the booking committed, its answer never reached the client
    retry = await server.post(body, key)
    assert retry.status_code == 200
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.json()["data"]["bookStay"]["stay"]["id"] == stays[0]["id"]
    assert len(await _stays(gql)) == 1
