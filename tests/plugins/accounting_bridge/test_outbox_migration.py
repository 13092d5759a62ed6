"""Upgrading a database whose bridge kept its own outbox: every message moves into core's
shared outbox with its idempotency key, status and history, the old table goes, and a
message that was waiting is then delivered once, signed, to a real local receiver."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from frontdesk.core import bootstrap, db
from frontdesk.core.outbox.signing import generate_secret, verify
from frontdesk.core.outbox.tables import OutboxMessage
from frontdesk.core.properties.service import create_property
from frontdesk.core.settings import Settings
from frontdesk.plugins.accounting_bridge import outbox
from frontdesk.plugins.accounting_bridge.tables import ConnectorSetting
from frontdesk.testing import databases

#: The bridge's last migration while it kept its own outbox table.
BEFORE = {"accounting_bridge": "2026-12-03T14:00:00:000000"}
OLD_ROW = """INSERT INTO accounting_bridge_outbox (property, connector, kind, idempotency_key,
  payload, status, attempts, last_error, next_attempt_at, claimed_until, claimed_by,
  delivered_at, created_at) VALUES ({}, 'webhook', 'entry', {}, {}, {}, {}, {}, {}, {}, {}, {},
  {})"""


async def _old_message(property_id: int, key: str, status: str, **extra) -> None:
    """A row as the bridge's own outbox held it before the move."""
    created = datetime.now(UTC) - timedelta(hours=1)
    values = {
        "attempts": 0,
        "last_error": None,
        "next_attempt_at": created,
        "claimed_until": None,
        "claimed_by": None,
        "delivered_at": None,
        "created_at": created,
    } | extra
    payload = json.dumps({"type": "accounting.journal_entry", "key": key}, sort_keys=True)
    await ConnectorSetting.raw(OLD_ROW, property_id, key, payload, status, *values.values())


async def test_a_waiting_message_moves_to_the_shared_outbox_and_is_delivered_once(
    empty_url, receiver
):
    rt = bootstrap.start(
        Settings(
            database_url=empty_url,
            plugins=["accounting_bridge"],
            extra={"accounting_bridge.webhook_allow_private_targets": True},
        )
    )
    await databases.migrate_up_to(rt, BEFORE)
    hotel = await create_property(code="OLD", name="Old Hotel")
    secret = generate_secret()
    await ConnectorSetting.insert(
        ConnectorSetting(property=hotel.id, connector="webhook", url=receiver.url, secret=secret)
    )
    sent = f"frontdesk-{hotel.id}-webhook-entry-1"
    waiting = f"frontdesk-{hotel.id}-webhook-entry-2"
    await _old_message(
        hotel.id,
        sent,
        "delivered",
        attempts=2,
        next_attempt_at=None,
        delivered_at=datetime.now(UTC),
    )
    await _old_message(
        hotel.id,
        waiting,
        "failed",
        attempts=1,
        last_error="HTTP 500",
        claimed_until=datetime.now(UTC) + timedelta(hours=1),  # a lease left by a dead worker
        claimed_by="old-worker",
    )

    await databases.migrate_up_to(rt, {})

    tables = await rt.engine.run_ddl(
        "SELECT COUNT(*) AS n FROM information_schema.tables "
        "WHERE table_name = 'accounting_bridge_outbox'"
        if rt.engine.engine_type != "sqlite"
        else "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'accounting_bridge_outbox'"
    )
    assert tables[0]["n"] == 0
    moved = await OutboxMessage.objects().order_by(OutboxMessage.id)
    assert [
        (m.channel, m.target, m.event_type, m.message_id, m.status, m.attempts) for m in moved
    ] == [
        ("accounting", "webhook", "entry", sent, "delivered", 2),
        ("accounting", "webhook", "entry", waiting, "failed", 1),
    ]
    assert moved[1].last_error == "HTTP 500" and moved[1].claimed_by is None

    first = await outbox.deliver_due()
    again = await outbox.deliver_due(now=datetime.now(UTC) + timedelta(days=1))
    assert (first.delivered, again.delivered, again.failed) == (1, 0, 0)
    [request] = receiver.requests
    assert request.headers["webhook-id"] == waiting
    verify(secret, request.headers, request.body)
    assert json.loads(request.body)["key"] == waiting
    delivered = await OutboxMessage.objects().where(OutboxMessage.message_id == waiting).first()
    assert (delivered.status, delivered.attempts) == ("delivered", 2)
    await db.close_pool(rt.engine)
