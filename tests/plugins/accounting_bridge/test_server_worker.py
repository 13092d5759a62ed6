"""The delivery worker as the real server runs it: started by ``frontdesk serve``'s lifespan,
delivering to a real local receiver that fails, times out, refuses connections and recovers,
and surviving a SIGKILL mid-delivery. On SQLite and, when configured, PostgreSQL; with the
bridge alone, as the plugin matrix is proven by the in-process tests and each server start
costs seconds."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import timedelta

import httpx
import pytest
from live_server import FAST_DELIVERY, LiveServer, eventually
from receiver import Receiver
from support.hotel import book, build_hotel
from support.money import charge, set_up_rates

from frontdesk.core.outbox.signing import verify
from frontdesk.testing.client import GraphQLClient

OUTBOX = """query($p: ID!) { accountingOutbox(propertyId: $p, first: 100) {
  nodes { id idempotencyKey status attempts lastError } } }"""


@pytest.fixture
def enabled_plugins():
    return ["accounting_bridge"]


@pytest.fixture
def server(database_url, tmp_path, receiver):
    live = LiveServer(database_url, "accounting_bridge", tmp_path, FAST_DELIVERY)
    yield live
    live.stop()


def _client(server: LiveServer, admin_key: str) -> GraphQLClient:
    http = httpx.AsyncClient(base_url=server.url, timeout=10)
    return GraphQLClient(http, headers={"Authorization": f"Bearer {admin_key}"})


async def _hotel_with_webhook(gql: GraphQLClient, url: str) -> tuple[str, str, str]:
    """A property with one checked-in stay and a webhook connector: (property, stay, secret)."""
    hotel = await build_hotel(gql, doubles=1, suites=0, guests=1)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    configured = await gql.ok(
        "accountingConfigureConnector",
        {"propertyId": hotel.property_id, "connector": "webhook", "url": url},
        "secret",
    )
    return hotel.property_id, stay, configured["secret"]


async def _outbox(gql: GraphQLClient, property_id: str) -> list[dict]:
    return (await gql.execute(OUTBOX, {"p": property_id}))["accountingOutbox"]["nodes"]


async def _charges(gql: GraphQLClient, stay: str, prices: list[str]) -> None:
    for price in prices:
        payload = await charge(gql, {"stayId": stay}, "FOOD_BEVERAGE", price)
        assert not payload["errors"], payload


def _assert_complete_and_in_order(
    receiver: Receiver, messages: list[dict], secret: str, prices: list[str]
) -> None:
    """Every message arrived, signed; a duplicate is only a resend under the same
    ``webhook-id`` with the same body; first arrivals follow the queue's order."""
    keys = [m["idempotencyKey"] for m in messages]
    assert {m["status"] for m in messages} == {"DELIVERED"}
    assert {r.headers["webhook-id"] for r in receiver.accepted()} == set(keys)
    bodies: dict[str, set[bytes]] = defaultdict(set)
    for request in receiver.requests:
        verify(secret, request.headers, request.body)
        bodies[request.headers["webhook-id"]].add(request.body)
    assert all(len(variants) == 1 for variants in bodies.values())
    first_arrivals = list(dict.fromkeys(receiver.arrivals))
    assert first_arrivals == keys
    amounts = [json.loads(next(iter(bodies[k])))["entry"]["postings"][0]["amount"] for k in keys]
    assert amounts == prices


async def test_the_servers_own_worker_delivers_through_failures_timeouts_and_refusals(
    server, receiver, admin_key
):
    await server.start()
    gql = _client(server, admin_key)
    property_id, stay, secret = await _hotel_with_webhook(gql, receiver.url)
    prices = ["10.00", "20.00", "30.00"]

    async def head_failed_with(text: str) -> bool:
        head = (await _outbox(gql, property_id))[0]
        return head["status"] == "FAILED" and text in (head["lastError"] or "")

    receiver.mode = "fail"
    await _charges(gql, stay, prices)
    await eventually(lambda: head_failed_with("HTTP 500"), "a 500 to be recorded")
    receiver.mode, receiver.delay = "slow", 1.5  # answers after the 0.5 s timeout
    await eventually(lambda: head_failed_with("timeout"), "a timeout to be recorded")
    receiver.stop()
    await eventually(lambda: head_failed_with("Connect"), "a refused connection")
    behind = (await _outbox(gql, property_id))[1:]
    assert [m["status"] for m in behind] == ["PENDING", "PENDING"]  # the head holds its queue

    receiver.mode = "ok"
    receiver.start()  # the same port again
    prices.append("40.00")
    await _charges(gql, stay, prices[-1:])

    async def all_delivered() -> list[dict]:
        messages = await _outbox(gql, property_id)
        return messages if {m["status"] for m in messages} == {"DELIVERED"} else []

    messages = await eventually(all_delivered, "every message to be delivered")
    assert len(messages) == 4 and messages[0]["attempts"] >= 4
    _assert_complete_and_in_order(receiver, messages, secret, prices)
    assert len(receiver.accepted()) == 4  # nothing the receiver acknowledged was sent again
    await gql.http.aclose()


async def test_killing_the_server_mid_delivery_loses_nothing(server, receiver, admin_key):
    await server.start()
    gql = _client(server, admin_key)
    property_id, stay, secret = await _hotel_with_webhook(gql, receiver.url)
    prices = ["10.00", "20.00", "30.00", "40.00", "50.00"]

    await _charges(gql, stay, prices[:2])
    await eventually(lambda: len(receiver.accepted()) == 2, "the first two deliveries")
    receiver.mode = "hold"
    await _charges(gql, stay, prices[2:])
    in_flight = await _outbox(gql, property_id)
    await eventually(lambda: len(receiver.arrivals) == 3, "the third delivery to be in flight")
    server.kill()
    assert len(receiver.arrivals) == 3  # the killed worker sent nothing more
    receiver.mode = "ok"
    receiver.release.set()  # the receiver processes the request the sender never heard back of
    await eventually(lambda: len(receiver.accepted()) == 3, "the held request to be answered")

    await server.start()
    await gql.http.aclose()
    gql = _client(server, admin_key)

    async def all_delivered() -> list[dict]:
        messages = await _outbox(gql, property_id)
        return messages if {m["status"] for m in messages} == {"DELIVERED"} else []

    messages = await eventually(all_delivered, "every message after the restart")
    assert [m["idempotencyKey"] for m in messages] == [m["idempotencyKey"] for m in in_flight]
    _assert_complete_and_in_order(receiver, messages, secret, prices)
    resent = messages[2]["idempotencyKey"]
    assert [r.headers["webhook-id"] for r in receiver.accepted()].count(resent) == 2
    await gql.http.aclose()
