"""Queueing the journal for the back office, and sending it through core's shared outbox.

Queueing: ``queue_entry``/``queue_invoice``/``queue_day`` run inside the transaction that
writes the journal entry, issues the invoice or seals the day, so a message exists exactly
when what it carries does (core's ``outbox_message``, channel ``accounting``, ``target`` =
the connector's name). Before writing they lock the property's connector rows, which
serializes queueing per property and makes id order equal commit order (PostgreSQL hands out
ids before commit). The key ``frontdesk-<property>-<connector>-<what>`` is the message id,
unique in the database, so nothing is queued twice.

Delivery is core's (``frontdesk.core.outbox.queue.deliver_due`` with ``in_order``): at least
once, in order per property and connector, claimed with a lease, retried with backoff; this
module only supplies ``send``, which hands a message to its connector (outside any
transaction) and disables the connector when the receiver says it is gone.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from decimal import Decimal

from frontdesk.api import get_property, lock_rows, run_write
from frontdesk.api.outbox import Outcome, backlog, queue
from frontdesk.api.tables import Folio, Invoice, OutboxMessage, Property

from . import connectors as conn
from . import invoices
from .chart import chart_of
from .tables import ConnectorSetting, JournalEntryRow, JournalPosting, LateEntry, SealedDay

CHANNEL = "accounting"


async def _locked_connectors(property_id: int, deliver: str) -> list[ConnectorSetting]:
    """The property's enabled connectors that take ``deliver``, id order; every connector
    row of the property is locked (see the module docstring), so they are read in that one
    statement and filtered here: this runs for every journal entry."""
    locked = await lock_rows(ConnectorSetting, ConnectorSetting.property == property_id)
    return [row for row in locked if row.enabled and row.deliver == deliver]


async def entry_documents(property_id: int, entries: list[JournalEntryRow]) -> list[dict]:
    """Entries as JSON-ready dicts with the hotel's account codes; amounts are strings.
    ``invoiceId``/``invoiceNumber``: the invoice covering the entry, once one is issued;
    ``late``: journaled on catch-up after the bridge was off (catch_up.py)."""
    codes = {line.account.code: line.export_code for line in await chart_of(property_id)}
    links = await invoices.links_of(entries)
    ids = [e.id for e in entries] or [-1]
    postings = (
        await JournalPosting.objects()
        .where(JournalPosting.entry.is_in(ids))
        .order_by(JournalPosting.entry, JournalPosting.line)
    )
    late = {
        r["entry"]
        for r in await LateEntry.select(LateEntry.entry).where(LateEntry.entry.is_in(ids))
    }
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
            "late": e.id in late,
            "postings": by_entry.get(e.id, []),
        }
        for e in entries
    ]


async def _property_code(property_id: int) -> str:
    row = await Property.select(Property.code).where(Property.id == property_id).first()
    return row["code"]


async def _queue(
    property_id: int,
    deliver: str,
    suffix: str,
    document: Callable[[], Awaitable[dict]],
    kind: str | None = None,
) -> None:
    """``document`` is built only when a connector takes it: most hotels have none, and the
    document costs several reads per journal entry."""
    targets = await _locked_connectors(property_id, deliver)
    if not targets:
        return
    body = json.dumps(await document(), sort_keys=True)
    for t in targets:
        await queue.enqueue(
            channel=CHANNEL,
            target=t.connector,
            property_id=property_id,
            event_type=kind or deliver,
            payload=body,
            message_id=message_key(property_id, t.connector, suffix),
        )


def message_key(property_id: int, connector: str, suffix: str) -> str:
    """The idempotency key (``webhook-id``) of what ``suffix`` names (``entry-12``,
    ``invoice-3``, ``day-2026-12-03``) for one connector of a property."""
    return f"frontdesk-{property_id}-{connector}-{suffix}"


async def queue_entry(entry: JournalEntryRow) -> None:
    """In the entry's transaction: one message per connector that delivers each entry."""

    async def document() -> dict:
        return {
            "type": "accounting.journal_entry",
            "property": await _property_code(entry.property),
            "entry": (await entry_documents(entry.property, [entry]))[0],
        }

    await _queue(entry.property, "entry", f"entry-{entry.id}", document)


async def queue_invoice(invoice: Invoice, folio: Folio) -> None:
    """In the invoice's transaction: one message per connector that delivers each entry, so
    the back office links the folio's entries (sent before, and after in this transaction)
    to the document number."""

    async def document() -> dict:
        return {
            "type": "accounting.invoice",
            "property": await _property_code(invoice.property),
            "invoice": invoices.invoice_document(invoice, folio),
        }

    await _queue(invoice.property, "entry", f"invoice-{invoice.id}", document, kind="invoice")


async def queue_day(sealed: SealedDay) -> None:
    """In the night audit's transaction: one message per connector that delivers days."""

    async def document() -> dict:
        entries = (
            await JournalEntryRow.objects()
            .where(
                (JournalEntryRow.property == sealed.property)
                & (JournalEntryRow.business_date == sealed.business_date)
            )
            .order_by(JournalEntryRow.id)
        )
        return {
            "type": "accounting.sealed_day",
            "property": await _property_code(sealed.property),
            "businessDate": sealed.business_date.isoformat(),
            "entries": await entry_documents(sealed.property, entries),
            "invoices": await invoices.issued_on(sealed.property, sealed.business_date),
        }

    await _queue(sealed.property, "day", f"day-{sealed.business_date.isoformat()}", document)


async def _setting(message: OutboxMessage) -> ConnectorSetting | None:
    return (
        await ConnectorSetting.objects()
        .where(
            (ConnectorSetting.property == message.property)
            & (ConnectorSetting.connector == message.target)
        )
        .first()
    )


async def _disable(setting: ConnectorSetting, reason: str) -> None:
    async def change() -> None:
        await ConnectorSetting.update(
            {ConnectorSetting.enabled: False, ConnectorSetting.disabled_reason: reason[:250]}
        ).where(ConnectorSetting.id == setting.id)

    await run_write(change, conflict_message="The connector changed concurrently.")


async def send(message: OutboxMessage) -> Outcome:
    """One attempt through the message's connector. A disabled or uninstalled connector keeps
    the message (and its queue) waiting; a ``disable`` outcome (410 Gone, a forbidden
    target) also disables the connector until someone fixes and re-enables it."""
    setting = await _setting(message)
    if setting is None or not setting.enabled:
        return Outcome("retry", None, f"connector {message.target} is not enabled")
    connector = conn.registered().get(message.target)
    if connector is None:
        return Outcome("retry", None, f"connector {message.target} is not installed")
    delivery = conn.OutboxDelivery(
        id=message.id,
        idempotency_key=message.message_id,
        property_id=message.property,
        kind=message.event_type,
        payload=message.payload.encode(),
        attempt=message.attempts + 1,
    )
    outcome = await connector.deliver(delivery, conn.config_of(setting))
    if outcome.kind == "disable":
        await _disable(setting, outcome.error or "disabled")
    return outcome


async def deliver_due(batch: int = 50, **kwargs) -> queue.DeliveryReport:
    """One pass of the worker (core's, in order per property and connector); ``kwargs``:
    ``now`` (tests move the clock) and ``worker``."""
    return await queue.deliver_due(
        CHANNEL, send, policy=conn.policy(), batch=batch, in_order=True, **kwargs
    )


async def retry_failed(*, property_id: int, message_ids: list[int] | None = None) -> int:
    """Queue failed messages of a property for an immediate new attempt; how many."""
    await get_property(property_id)
    return await queue.retry_failed(
        channel=CHANNEL, property_id=property_id, message_ids=message_ids
    )


async def outbox_samples() -> list[tuple[str, str, float, dict[str, str]]]:
    """For ``/metrics``: the bridge's names for its channel's backlog in core's outbox (which
    core also reports as ``frontdesk_outbox_*{channel="accounting"}``), always present, so an
    alert fires when the back office stops receiving the journal."""
    found = {b.channel: b for b in await backlog.backlog()}
    mine = found.get(CHANNEL, backlog.ChannelBacklog(CHANNEL))
    return [
        (
            "frontdesk_accounting_bridge_outbox_depth",
            "Outbox messages awaiting delivery.",
            mine.waiting,
            {},
        ),
        (
            "frontdesk_accounting_bridge_outbox_oldest_seconds",
            "Age of the oldest outbox message awaiting delivery.",
            mine.oldest_seconds,
            {},
        ),
    ]
