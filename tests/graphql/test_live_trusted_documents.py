"""Subscriptions and trusted documents (docs/api.md): on a server accepting known documents
only, a subscription over the WebSocket must be a registered document too (sent as its text or
named by its hash), and an unknown one is refused with ``DOCUMENT_NOT_TRUSTED`` as over HTTP;
the desk's own subscription still delivers its events."""

from __future__ import annotations

import json

import httpx
import pytest
from support.hotel import build_hotel
from support.live import http_client, subscriber

from frontdesk.graphql.execution.trusted import sha256_of
from frontdesk.plugins.web.documents import DESK

DESK_BOARD = next(text for text in DESK.registered() if "boardChanged(" in text)
UNKNOWN = "subscription($p: ID!) { boardChanged(propertyId: $p) { name } }"
SET_ROOM_STATUS = next(text for text in DESK.registered() if "setRoomStatus(" in text)


@pytest.fixture
def enabled_plugins() -> list[str]:
    return ["web"]


@pytest.fixture
def server(live_server, database_url):
    """``frontdesk serve`` with the web desk's documents, accepting known documents only."""
    env = {"FRONTDESK_TRUSTED_DOCUMENTS_ONLY": "1"}
    return live_server(database_url=database_url, migrate=False, plugins="web", env=env)


async def test_an_unknown_subscription_is_refused_and_a_known_one_delivers(
    server, live_server, database_url, admin_key
):
    # the hotel is built through a second server on the database that takes any document
    permissive = live_server(database_url=database_url, migrate=False, plugins="web")
    async with http_client(permissive.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="TD", doubles=2, suites=0, guests=1)
        async with subscriber(server.base_url, admin_key) as sub:
            await sub.socket.send(
                json.dumps(
                    {
                        "id": "unknown",
                        "type": "subscribe",
                        "payload": {"query": UNKNOWN, "variables": {"p": hotel.property_id}},
                    }
                )
            )
            refused = await sub.receive()
            assert refused["id"] == "unknown" and refused["type"] == "error"
            assert refused["payload"][0]["extensions"]["code"] == "DOCUMENT_NOT_TRUSTED"

            op = await sub.subscribe(DESK_BOARD, {"p": hotel.property_id})
            await _set_status(server, admin_key, hotel)
            delivered = await sub.receive()
    assert delivered["id"] == op and delivered["type"] == "next"
    assert delivered["payload"]["data"]["boardChanged"]["name"] == "room.status_changed"


async def test_a_subscription_may_name_a_known_document_by_its_hash(server, admin_key):
    async with subscriber(server.base_url, admin_key) as sub:
        document_id = f"sha256:{sha256_of(DESK_BOARD)}"
        payload = {"documentId": document_id, "variables": {"p": "999999"}}
        await sub.socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        answer = await sub.receive()
        assert (await sub.receive())["type"] == "complete"
        unknown = {"documentId": f"sha256:{sha256_of(UNKNOWN)}", "variables": {}}
        await sub.socket.send(json.dumps({"id": "2", "type": "subscribe", "payload": unknown}))
        not_found = await sub.receive()
    # the document ran (and refused the unknown property): it was found by its hash
    assert answer["id"] == "1" and answer["type"] == "next"
    assert answer["payload"]["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert not_found["type"] == "error"
    assert not_found["payload"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def _set_status(server, admin_key: str, hotel) -> None:
    """A room's status changed through the desk's registered mutation, by its id: the one
    server refuses the test client's own texts."""
    room = next(iter(hotel.rooms.values()))
    body = {
        "documentId": f"sha256:{sha256_of(SET_ROOM_STATUS)}",
        "variables": {"input": {"roomId": room, "status": "INSPECTED"}},
    }
    headers = {"Authorization": f"Bearer {admin_key}"}
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        answer = (await http.post("/graphql", json=body, headers=headers)).json()
    assert answer["data"]["setRoomStatus"]["errors"] == [], answer
