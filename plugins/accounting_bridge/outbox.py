"""The transactional outbox and its delivery worker.

Queueing: ``queue_entry``/``queue_day`` run inside the transaction that writes the journal
entry or seals the day, so a message exists exactly when what it carries does. Before the
insert they lock the property's connector rows, which serializes queueing per property and
makes id order equal commit order (PostgreSQL hands out ids before commit).

Delivery (``deliver_due``), at least once and in order per property and connector:

1. The head of each queue is its oldest undelivered message; later ones wait behind it.
2. A worker claims a due head with a lease and records the outcome only under that lease
   (the shared ``frontdesk.core.outbox.claims``), so several server processes never send a
   message concurrently and a killed worker's message is sent again with the same key.
3. The connector is called outside any transaction.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from frontdesk.core.errors import NotFound
from frontdesk.core.folios.tables import Folio, Invoice
from frontdesk.core.outbox import claims
from frontdesk.core.outbox.policy import Outcome, next_attempt_delay
from frontdesk.core.properties.tables import Property
from frontdesk.core.transactions import run_write

from . import connectors as conn
from . import invoices
from .chart import chart_of
from .tables import ConnectorSetting, JournalEntryRow, JournalPosting, OutboxMessage, SealedDay

log = logging.getLogger("frontdesk.accounting_bridge.outbox")
WORKER_ID = claims.WORKER_ID
utcnow = claims.utcnow


async def _locked_connectors(property_id: int, deliver: str) -> list[ConnectorSetting]:
    await ConnectorSetting.raw(
        "UPDATE accounting_bridge_connector SET enabled = enabled WHERE property = {}",
        property_id,
    )
    return (
        await ConnectorSetting.objects()
        .where(
            (ConnectorSetting.property == property_id)
            & (ConnectorSetting.enabled == True)  # noqa: E712
            & (ConnectorSetting.deliver == deliver)
        )
        .order_by(ConnectorSetting.id)
    )


async def entry_documents(property_id: int, entries: list[JournalEntryRow]) -> list[dict]:
    """Entries as JSON-ready dicts with the hotel's account codes; amounts are strings.
    ``invoiceId``/``invoiceNumber``: the invoice covering the entry, once one is issued."""
    codes = {line.account.code: line.export_code for line in await chart_of(property_id)}
    links = await invoices.links_of(entries)
    ids = [e.id for e in entries] or [-1]
    postings = (
        await JournalPosting.objects()
        .where(JournalPosting.entry.is_in(ids))
        .order_by(JournalPosting.entry, JournalPosting.line)
    )
    by_entry: dict[int, list[dict]] = {}
    for p in postings:
        by_entry.setdefault(p.entry, []).append(
            {
                "account": codes.get(p.account_code, p.account_code),
                "amount": format(Decimal(p.amount).quantize(Decimal("0.01")), "f"),
                "currency": p.currency,
            }
        )
    return [
        {
            "id": e.id,
            "businessDate": e.business_date.isoformat(),
            "description": e.description,
            "sourceType": e.source_type,
            "sourceKey": e.source_key,
            "folioEntryId": e.folio_entry,
            "folioId": e.folio,
            "stayId": e.stay,
            "invoiceId": links[e.id].id if e.id in links else None,
            "invoiceNumber": links[e.id].number if e.id in links else None,
            "reverses": e.reverses,
            "postings": by_entry.get(e.id, []),
        }
        for e in entries
    ]


async def _property_code(property_id: int) -> str:
    row = await Property.select(Property.code).where(Property.id == property_id).first()
    return row["code"]


async def _queue(
    property_id: int, deliver: str, suffix: str, document: dict, kind: str | None = None
) -> None:
    targets = await _locked_connectors(property_id, deliver)
    if not targets:
        return
    body = json.dumps(document, sort_keys=True)
    await OutboxMessage.insert(
        *[
            OutboxMessage(
                property=property_id,
                connector=t.connector,
                kind=kind or deliver,
                payload=body,
                idempotency_key=f"frontdesk-{property_id}-{t.connector}-{suffix}",
                status="pending",
                next_attempt_at=utcnow(),
            )
            for t in targets
        ]
    )


async def queue_entry(entry: JournalEntryRow) -> None:
    """In the entry's transaction: one message per connector that delivers each entry."""
    documents = await entry_documents(entry.property, [entry])
    await _queue(
        entry.property,
        "entry",
        f"entry-{entry.id}",
        {
            "type": "accounting.journal_entry",
            "property": await _property_code(entry.property),
            "entry": documents[0],
        },
    )


async def queue_invoice(invoice: Invoice, folio: Folio) -> None:
    """In the invoice's transaction: one message per connector that delivers each entry, so
    the back office links the folio's entries (sent before, and after in this transaction)
    to the document number."""
    await _queue(
        invoice.property,
        "entry",
        f"invoice-{invoice.id}",
        {
            "type": "accounting.invoice",
            "property": await _property_code(invoice.property),
            "invoice": invoices.invoice_document(invoice, folio),
        },
        kind="invoice",
    )


async def queue_day(sealed: SealedDay) -> None:
    """In the night audit's transaction: one message per connector that delivers days."""
    entries = (
        await JournalEntryRow.objects()
        .where(
            (JournalEntryRow.property == sealed.property)
            & (JournalEntryRow.business_date == sealed.business_date)
        )
        .order_by(JournalEntryRow.id)
    )
    await _queue(
        sealed.property,
        "day",
        f"day-{sealed.business_date.isoformat()}",
        {
            "type": "accounting.sealed_day",
            "property": await _property_code(sealed.property),
            "businessDate": sealed.business_date.isoformat(),
            "entries": await entry_documents(sealed.property, entries),
            "invoices": await invoices.issued_on(sealed.property, sealed.business_date),
        },
    )


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0


async def _heads() -> list[int]:
    rows = await OutboxMessage.raw(
        "SELECT MIN(id) AS id FROM accounting_bridge_outbox WHERE status != 'delivered' "
        "GROUP BY property, connector"
    )
    return sorted(r["id"] for r in rows)


async def _claim(message_id: int, now: datetime, worker: str) -> OutboxMessage | None:
    return await claims.claim(
        OutboxMessage,
        message_id,
        now=now,
        worker=worker,
        lease_seconds=float(conn.setting(conn.LEASE_SECONDS)),
    )


async def _attempt(message: OutboxMessage) -> tuple[Outcome, ConnectorSetting | None]:
    setting = (
        await ConnectorSetting.objects()
        .where(
            (ConnectorSetting.property == message.property)
            & (ConnectorSetting.connector == message.connector)
        )
        .first()
    )
    if setting is None or not setting.enabled:
        return Outcome("retry", None, f"connector {message.connector} is not enabled"), setting
    connector = conn.registered().get(message.connector)
    if connector is None:
        return Outcome("retry", None, f"connector {message.connector} is not installed"), setting
    delivery = conn.OutboxDelivery(
        id=message.id,
        idempotency_key=message.idempotency_key,
        property_id=message.property,
        kind=message.kind,
        payload=message.payload.encode(),
        attempt=message.attempts + 1,
    )
    try:
        return await connector.deliver(delivery, conn.config_of(setting)), setting
    except Exception as exc:  # noqa: BLE001 - a broken connector must not stop the worker
        log.exception("connector %s raised", message.connector)
        return Outcome("retry", None, f"{type(exc).__name__}: {exc}"), setting


async def _record(
    message: OutboxMessage,
    outcome: Outcome,
    setting: ConnectorSetting | None,
    now: datetime,
    worker: str,
) -> bool:
    attempts = message.attempts + 1
    values: dict[Any, Any] = {OutboxMessage.attempts: attempts}
    if outcome.kind == "delivered":
        values |= {
            OutboxMessage.status: "delivered",
            OutboxMessage.delivered_at: utcnow(),
            OutboxMessage.last_error: None,
            OutboxMessage.next_attempt_at: None,
        }
    else:
        delay = next_attempt_delay(
            attempts,
            base=float(conn.setting(conn.RETRY_BASE)),
            cap=float(conn.setting(conn.RETRY_CAP)),
        )
        delay = max(delay, outcome.retry_after_seconds or 0.0)
        give_up = outcome.kind == "disable" or attempts >= int(conn.setting(conn.MAX_ATTEMPTS))
        values |= {
            OutboxMessage.status: "failed",
            OutboxMessage.last_error: (outcome.error or outcome.kind)[:500],
            OutboxMessage.next_attempt_at: None if give_up else now + timedelta(seconds=delay),
        }

    async def disable() -> None:
        if outcome.kind == "disable" and setting is not None:
            await ConnectorSetting.update(
                {
                    ConnectorSetting.enabled: False,
                    ConnectorSetting.disabled_reason: (outcome.error or "disabled")[:250],
                }
            ).where(ConnectorSetting.id == setting.id)

    return await claims.settle(
        OutboxMessage, message.id, worker=worker, values=values, also=disable
    )


async def deliver_due(
    batch: int = 50, *, now: datetime | None = None, worker: str = WORKER_ID
) -> DeliveryReport:
    """One pass of the worker: deliver due queue heads until ``batch`` attempts were made
    or no queue has a due head. ``now`` lets tests move the clock."""
    report = DeliveryReport()
    attempts = 0
    while attempts < batch:
        progressed = False
        for head in await _heads():
            if attempts >= batch:
                break
            moment = now or utcnow()
            message = await _claim(head, moment, worker)
            if message is None:
                continue
            attempts += 1
            outcome, setting = await _attempt(message)
            if await _record(message, outcome, setting, moment, worker):
                if outcome.kind == "delivered":
                    report.delivered += 1
                    progressed = True
                else:
                    report.failed += 1
        if not progressed:
            break
    return report


async def retry_failed(*, property_id: int, message_ids: list[int] | None = None) -> int:
    """Queue failed messages of a property for an immediate new attempt; how many."""

    async def change() -> int:
        if not await Property.exists().where(Property.id == property_id):
            raise NotFound(f"Property {property_id} does not exist.", field="propertyId")
        condition = (OutboxMessage.property == property_id) & (OutboxMessage.status == "failed")
        if message_ids is not None:
            condition &= OutboxMessage.id.is_in(message_ids or [-1])
        rows = (
            await OutboxMessage.update(
                {
                    OutboxMessage.status: "pending",
                    OutboxMessage.next_attempt_at: utcnow(),
                    OutboxMessage.claimed_until: None,
                    OutboxMessage.claimed_by: None,
                }
            )
            .where(condition)
            .returning(OutboxMessage.id)
        )
        return len(rows)

    return await run_write(change, conflict_message="The outbox changed concurrently; retry.")


async def outbox_samples() -> list[tuple[str, str, float, dict[str, str]]]:
    """For ``/metrics``: messages waiting for delivery and the age of the oldest, so an alert
    fires when the back office stops receiving the journal."""
    waiting = OutboxMessage.status.is_in(["pending", "failed"]) & (
        OutboxMessage.next_attempt_at.is_not_null()
    )
    depth = await OutboxMessage.count().where(waiting)
    oldest = (
        await OutboxMessage.select(OutboxMessage.created_at)
        .where(waiting)
        .order_by(OutboxMessage.created_at)
        .first()
    )
    age = (utcnow() - oldest["created_at"]).total_seconds() if oldest else 0.0
    return [
        (
            "frontdesk_accounting_bridge_outbox_depth",
            "Outbox messages awaiting delivery.",
            depth,
            {},
        ),
        (
            "frontdesk_accounting_bridge_outbox_oldest_seconds",
            "Age of the oldest outbox message awaiting delivery.",
            age,
            {},
        ),
    ]
