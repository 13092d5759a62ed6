"""The outbox: queued in the movement's transaction, delivered at least once, in order per
property, with backoff, to a real local receiver that fails for a while and recovers."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from support.hotel import book, build_hotel
from support.money import charge, set_up_rates

from frontdesk.core.outbox import claims
from frontdesk.core.outbox.signing import verify
from frontdesk.core.outbox.tables import OutboxMessage
from frontdesk.core.settings import Settings
from frontdesk.plugins.accounting_bridge import outbox
from frontdesk.plugins.accounting_bridge.tables import ConnectorSetting

OUTBOX = """query($p: ID!, $s: AccountingOutboxStatus) { accountingOutbox(propertyId: $p,
  status: $s, first: 100) { nodes { id idempotencyKey status attempts lastError nextAttemptAt
  deliveredAt payload } } }"""


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    """The server's own worker idles (tests drive deliver_due with their own clock); the
    webhook timeout is short so a slow receiver times out quickly."""
    return Settings(
        database_url=database_url,
        plugins=enabled_plugins,
        dev_mode=True,
        extra={
            "accounting_bridge.poll_seconds": 3600.0,
            "accounting_bridge.webhook_timeout_seconds": 0.5,
            "accounting_bridge.retry_cap_seconds": 60.0,
            "accounting_bridge.lease_seconds": 30.0,
            "accounting_bridge.webhook_allow_private_targets": True,
        },
    )


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC) + timedelta(seconds=1)

    def advance(self, seconds: float = 120) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


async def _hotel_with_webhook(gql, url: str, deliver: str = "ENTRY"):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    configured = await gql.ok(
        "accountingConfigureConnector",
        {"propertyId": hotel.property_id, "connector": "webhook", "url": url, "deliver": deliver},
        "secret connector { id enabled deliver url }",
    )
    return hotel, stay, configured["secret"]


async def _messages(gql, property_id: str, status: str | None = None) -> list[dict]:
    data = await gql.execute(OUTBOX, {"p": property_id, "s": status})
    return data["accountingOutbox"]["nodes"]


async def test_each_entry_is_queued_with_its_movement(gql, receiver, in_app):
    hotel, stay, _secret = await _hotel_with_webhook(gql, receiver.url)
    await charge(gql, {"stayId": stay}, "SPA", "40.00")
    [message] = await _messages(gql, hotel.property_id)
    assert message["status"] == "PENDING" and message["attempts"] == 0
    body = json.loads(message["payload"])
    assert body["type"] == "accounting.journal_entry"
    assert {p["account"]: Decimal(p["amount"]) for p in body["entry"]["postings"]} == {
        "1200": Decimal("40.00"),
        "4300": Decimal("-33.61"),
        "2200-19": Decimal("-6.39"),
    }
    refused = await charge(gql, {"stayId": stay}, "SPA", "-1.00")
    assert refused["errors"] and len(await _messages(gql, hotel.property_id)) == 1


async def test_a_failing_then_recovering_receiver_gets_every_message_once_in_order(
    gql, receiver, in_app
):
    hotel, stay, secret = await _hotel_with_webhook(gql, receiver.url)
    clock = Clock()
    for price in ("10.00", "20.00", "30.00"):
        await charge(gql, {"stayId": stay}, "FOOD_BEVERAGE", price)

    receiver.mode = "fail"
    assert (await in_app(outbox.deliver_due, now=clock.advance())).failed == 1
    first, *rest = await _messages(gql, hotel.property_id)
    assert (first["status"], first["attempts"], first["lastError"]) == ("FAILED", 1, "HTTP 500")
    assert first["nextAttemptAt"] is not None
    assert [m["status"] for m in rest] == ["PENDING", "PENDING"]  # in order: they wait

    receiver.mode, receiver.delay = "slow", 2.0
    await in_app(outbox.deliver_due, now=clock.advance())
    assert "timeout" in (await _messages(gql, hotel.property_id))[0]["lastError"]

    receiver.stop()
    await in_app(outbox.deliver_due, now=clock.advance())
    head = (await _messages(gql, hotel.property_id))[0]
    assert head["attempts"] == 3 and "Connect" in head["lastError"]

    receiver.mode = "ok"
    receiver.start()  # the same port again
    await charge(gql, {"stayId": stay}, "FOOD_BEVERAGE", "40.00")
    report = await in_app(outbox.deliver_due, now=clock.advance())
    assert report.delivered == 4
    messages = await _messages(gql, hotel.property_id)
    assert {m["status"] for m in messages} == {"DELIVERED"}

    keys = [m["idempotencyKey"] for m in messages]
    assert [r.headers["webhook-id"] for r in receiver.accepted()] == keys
    for request in receiver.requests:
        verify(secret, request.headers, request.body)
        assert request.headers["webhook-id"] in keys  # a duplicate is only a retry
    amounts = [json.loads(r.body)["entry"]["postings"][0]["amount"] for r in receiver.accepted()]
    assert amounts == ["10.00", "20.00", "30.00", "40.00"]


async def test_retry_after_is_honoured(gql, receiver, in_app):
    hotel, stay, _ = await _hotel_with_webhook(gql, receiver.url)
    await charge(gql, {"stayId": stay}, "SPA", "5.00")
    clock = Clock()
    receiver.mode, receiver.retry_after = "busy", "600"
    moment = clock.advance()
    await in_app(outbox.deliver_due, now=moment)
    [row] = await in_app(OutboxMessage.objects().where(OutboxMessage.channel == outbox.CHANNEL).run)
    assert row.next_attempt_at >= moment + timedelta(seconds=600)
    receiver.mode = "ok"
    assert (await in_app(outbox.deliver_due, now=clock.advance(300))).delivered == 0
    assert (await in_app(outbox.deliver_due, now=clock.advance(400))).delivered == 1


async def test_410_disables_the_endpoint_until_it_is_fixed_and_retried(gql, receiver, in_app):
    hotel, stay, _ = await _hotel_with_webhook(gql, receiver.url)
    await charge(gql, {"stayId": stay}, "SPA", "5.00")
    clock = Clock()
    receiver.mode = "gone"
    await in_app(outbox.deliver_due, now=clock.advance())
    [message] = await _messages(gql, hotel.property_id)
    assert message["status"] == "FAILED" and message["nextAttemptAt"] is None
    assert (await in_app(ConnectorSetting.objects().first().run)).enabled is False
    receiver.mode = "ok"
    assert (await in_app(outbox.deliver_due, now=clock.advance(3600))).delivered == 0
    await gql.ok(
        "accountingConfigureConnector",
        {"propertyId": hotel.property_id, "url": receiver.url, "enabled": True},
        "connector { enabled }",
    )
    retried = await gql.ok("accountingRetryOutbox", {"propertyId": hotel.property_id}, "retried")
    assert retried["retried"] == 1
    assert (await in_app(outbox.deliver_due, now=clock.advance())).delivered == 1


async def test_a_worker_killed_mid_delivery_loses_nothing(gql, receiver, in_app):
    hotel, stay, _ = await _hotel_with_webhook(gql, receiver.url)
    await charge(gql, {"stayId": stay}, "SPA", "5.00")
    clock = Clock()
    moment = clock.advance()
    [head] = await _messages(gql, hotel.property_id)
    claimed = await in_app(
        claims.claim,
        OutboxMessage,
        int(head["id"]),
        now=moment,
        worker="killed-worker",
        lease_seconds=30.0,
    )
    assert claimed is not None  # then the worker dies
    assert (await in_app(outbox.deliver_due, now=moment, worker="other")).delivered == 0
    assert receiver.requests == []  # never sent concurrently with the claim holder
    assert (await in_app(outbox.deliver_due, now=clock.advance(31), worker="other")).delivered == 1
    [message] = await _messages(gql, hotel.property_id)
    assert message["status"] == "DELIVERED"


async def test_concurrent_workers_never_send_a_message_twice(gql, receiver, in_app):
    hotel, stay, _ = await _hotel_with_webhook(gql, receiver.url)
    for price in ("1.00", "2.00", "3.00", "4.00", "5.00"):
        await charge(gql, {"stayId": stay}, "SPA", price)
    moment = Clock().advance()

    async def three_workers():
        return await asyncio.gather(
            *[outbox.deliver_due(now=moment, worker=f"w{i}") for i in range(3)]
        )

    reports = await in_app(three_workers)
    assert sum(r.delivered for r in reports) == 5
    ids = [r.headers["webhook-id"] for r in receiver.requests]
    assert len(ids) == len(set(ids)) == 5


async def test_sealed_days_are_queued_for_day_connectors(gql, receiver, in_app):
    hotel, stay, _ = await _hotel_with_webhook(gql, receiver.url, deliver="DAY")
    await charge(gql, {"stayId": stay}, "SPA", "5.00")
    assert await _messages(gql, hotel.property_id) == []
    await gql.ok("runNightAudit", {"propertyId": hotel.property_id}, "report { status }")
    [message] = await _messages(gql, hotel.property_id)
    body = json.loads(message["payload"])
    assert body["type"] == "accounting.sealed_day"
    assert body["businessDate"] == hotel.business_date.isoformat()
    assert [e["sourceType"] for e in body["entries"]] == ["folio_charge"] * len(body["entries"])
    assert (await in_app(outbox.deliver_due, now=Clock().advance())).delivered == 1


async def test_bad_connector_settings_are_user_errors(gql, receiver, in_app):
    hotel = await build_hotel(gql)
    for fields, field in (
        ({"url": "ftp://x"}, "url"),
        ({"url": None}, "url"),
        ({"url": receiver.url, "connector": "xero"}, "connector"),
        ({"url": receiver.url, "options": "[1]"}, "options"),
    ):
        payload = await gql.mutate(
            "accountingConfigureConnector",
            {"propertyId": hotel.property_id, **fields},
            "connector { id }",
        )
        assert payload["connector"] is None and payload["errors"][0]["field"] == field
    assert await in_app(ConnectorSetting.count().run) == 0
