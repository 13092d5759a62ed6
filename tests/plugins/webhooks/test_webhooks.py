"""Event webhooks: written with the change, signed (Standard Webhooks), retried with backoff
until a real receiver on 127.0.0.1 takes them, once per endpoint, logged and replayable."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from receiver import Receiver
from support.hotel import book, build_hotel

from frontdesk.core.outbox.signing import verify
from frontdesk.plugins.webhooks import delivery

DELIVERIES = """query($p: ID!, $e: ID) { webhookDeliveries(propertyId: $p, endpointId: $e,
  first: 100) { nodes { id messageId eventType endpointId status attempts lastError payload
  log { attempt outcome error } } } }"""


@pytest.fixture
def receiver():
    r = Receiver()
    r.start()
    yield r
    r.stop()


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC) + timedelta(seconds=1)

    def advance(self, seconds: float = 120) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


async def _endpoint(gql, hotel, url: str, types: list[str]) -> dict:
    return await gql.ok(
        "webhookCreateEndpoint",
        {"propertyId": hotel.property_id, "url": url, "eventTypes": types},
        "secret endpoint { id url eventTypes enabled }",
    )


async def _deliveries(gql, hotel, endpoint_id: str | None = None) -> list[dict]:
    data = await gql.execute(DELIVERIES, {"p": hotel.property_id, "e": endpoint_id})
    return data["webhookDeliveries"]["nodes"]


async def test_events_are_queued_in_the_change_per_subscribed_endpoint(gql, receiver):
    hotel = await build_hotel(gql)
    stays_only = await _endpoint(gql, hotel, receiver.url, ["stay.booked", "stay.checked_in"])
    everything = await _endpoint(gql, hotel, receiver.url + "/all", ["*"])
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")

    mine = await _deliveries(gql, hotel, stays_only["endpoint"]["id"])
    assert [d["eventType"] for d in mine] == ["stay.booked", "stay.checked_in"]
    assert {d["status"] for d in mine} == {"PENDING"}
    body = json.loads(mine[0]["payload"])
    assert body["type"] == "stay.booked" and body["data"]["subjectId"] == int(stay)
    assert body["data"]["stay"]["id"] == int(stay)
    all_types = {
        d["eventType"] for d in await _deliveries(gql, hotel, everything["endpoint"]["id"])
    }
    assert {"stay.booked", "stay.checked_in"} <= all_types

    refused = await gql.mutate("checkIn", {"stayId": stay}, "stay { id }")
    assert refused["errors"]  # a refused change leaves no message behind
    assert len(await _deliveries(gql, hotel, stays_only["endpoint"]["id"])) == 2


async def test_a_failing_receiver_is_retried_with_backoff_until_it_takes_every_message(
    gql, receiver, in_app
):
    hotel = await build_hotel(gql)
    created = await _endpoint(gql, hotel, receiver.url, ["stay.booked"])
    day = hotel.business_date
    for offset in range(3):
        await book(gql, hotel, day + timedelta(days=offset), day + timedelta(days=offset + 1))
    clock = Clock()

    receiver.mode = "fail"
    assert (await in_app(delivery.deliver_due, now=clock.advance())).failed == 3
    failed = await _deliveries(gql, hotel)
    assert {(d["status"], d["attempts"], d["lastError"]) for d in failed} == {
        ("FAILED", 1, "HTTP 500")
    }
    receiver.stop()
    await in_app(delivery.deliver_due, now=clock.advance())
    receiver.mode = "ok"
    receiver.start()
    assert (await in_app(delivery.deliver_due, now=clock.advance())).delivered == 3

    done = await _deliveries(gql, hotel)
    assert {d["status"] for d in done} == {"DELIVERED"}
    assert [e["outcome"] for e in done[0]["log"]] == ["retry", "retry", "delivered"]
    ids = {d["messageId"] for d in done}
    assert {r.headers["webhook-id"] for r in receiver.accepted()} == ids
    assert len(receiver.accepted()) == 3
    for request in receiver.requests:
        verify(created["secret"], request.headers, request.body)
        assert request.headers["webhook-signature"].startswith("v1,")


async def test_two_deliverers_send_each_message_once_per_endpoint(gql, receiver, in_app):
    hotel = await build_hotel(gql)
    await _endpoint(gql, hotel, receiver.url, ["stay.booked"])
    await _endpoint(gql, hotel, receiver.url + "/second", ["stay.booked"])
    day = hotel.business_date
    for offset in range(4):
        await book(gql, hotel, day + timedelta(days=offset), day + timedelta(days=offset + 1))
    moment = Clock().advance()

    async def two_deliverers():
        return await asyncio.gather(
            *[delivery.deliver_due(now=moment, worker=f"w{i}") for i in range(2)]
        )

    reports = await in_app(two_deliverers)
    assert sum(r.delivered for r in reports) == 8
    ids = [r.headers["webhook-id"] for r in receiver.requests]
    assert len(ids) == len(set(ids)) == 8


async def test_replay_sends_a_delivered_message_again_with_the_same_id(gql, receiver, in_app):
    hotel = await build_hotel(gql)
    await _endpoint(gql, hotel, receiver.url, ["stay.booked"])
    day = hotel.business_date
    await book(gql, hotel, day, day + timedelta(days=1))
    clock = Clock()
    await in_app(delivery.deliver_due, now=clock.advance())
    [sent] = await _deliveries(gql, hotel)
    replayed = await gql.ok(
        "webhookReplayDelivery", {"deliveryId": sent["id"]}, "delivery { id status }"
    )
    assert replayed["delivery"]["status"] == "PENDING"
    assert (await in_app(delivery.deliver_due, now=clock.advance())).delivered == 1
    assert [r.headers["webhook-id"] for r in receiver.accepted()] == [sent["messageId"]] * 2


async def test_endpoint_mistakes_are_user_errors_and_a_deleted_endpoint_hears_nothing(gql):
    hotel = await build_hotel(gql)
    bad = await gql.execute(
        """mutation($i: WebhookCreateEndpointInput!) { webhookCreateEndpoint(input: $i) {
        endpoint { id } errors { code field } } }""",
        {"i": {"propertyId": hotel.property_id, "url": "ftp://x", "eventTypes": ["stay.booked"]}},
    )
    assert bad["webhookCreateEndpoint"]["errors"][0]["field"] == "url"
    created = await _endpoint(gql, hotel, "http://127.0.0.1:9/x", ["stay.booked"])
    changed = await gql.mutate(
        "webhookUpdateEndpoint",
        {"endpointId": created["endpoint"]["id"], "eventTypes": [], "enabled": False},
        "endpoint { id }",
    )
    assert changed["errors"][0]["field"] == "eventTypes"
    await gql.ok("webhookDeleteEndpoint", {"endpointId": created["endpoint"]["id"]}, "deletedId")
    day = hotel.business_date
    await book(gql, hotel, day, day + timedelta(days=1))
    assert await _deliveries(gql, hotel) == []


@pytest.mark.parametrize("enabled_plugins", [["webhooks", "concierge"]])
async def test_a_plugins_own_event_reaches_its_subscribers(gql, enabled_plugins):
    hotel = await build_hotel(gql)
    created = await _endpoint(gql, hotel, "http://127.0.0.1:9/c", ["concierge.request_changed"])
    request = await gql.ok(
        "createConciergeRequest",
        {"propertyId": hotel.property_id, "type": "LUGGAGE", "description": "Bags"},
        "request { id }",
    )
    [delivery] = await _deliveries(gql, hotel, created["endpoint"]["id"])
    body = json.loads(delivery["payload"])
    assert body["type"] == "concierge.request_changed"
    assert body["data"]["subjectId"] == int(request["request"]["id"])


async def test_an_endpoint_on_this_machine_is_refused_unless_allowed(gql, settings):
    hotel = await build_hotel(gql)
    settings.extra["webhooks.allow_private_targets"] = False
    refused = await gql.mutate(
        "webhookCreateEndpoint",
        {"propertyId": hotel.property_id, "url": "http://127.0.0.1:5432/", "eventTypes": ["*"]},
        "endpoint { id }",
    )
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("FORBIDDEN_TARGET", "url")]
    assert "FRONTDESK_WEBHOOKS_ALLOW_PRIVATE_TARGETS" in refused["errors"][0]["message"]


def test_every_event_the_source_commits_is_listed_for_subscribers():
    """`webhookEventTypes` (and docs/channels.md's table) list every event core and the
    built-in plugins commit: a new event cannot be left out of what an integrator sees."""
    import re
    from pathlib import Path

    from frontdesk.plugins.webhooks.events import EVENT_TYPES

    root = Path(__file__).resolve().parents[3]
    committed = re.compile(r'(?:emit|record)\(\s*"frontdesk_\w+",\s*"([a-z_]+\.[a-z_]+)"', re.S)
    found = set()
    for folder in ("core", "plugins"):
        for path in (root / folder).rglob("*.py"):
            found.update(committed.findall(path.read_text()))
    assert len(found) >= 20
    assert sorted(found - set(EVENT_TYPES)) == []
    table = (root / "docs" / "channels.md").read_text()
    assert [name for name in EVENT_TYPES if f"`{name}`" not in table] == []


async def test_deleting_an_unreadable_endpoint_id_is_a_user_error_on_endpoint_id(gql):
    payload = await gql.mutate("webhookDeleteEndpoint", {"endpointId": "x"}, "deletedId")
    assert payload["deletedId"] is None
    assert [e["field"] for e in payload["errors"]] == ["endpointId"]
