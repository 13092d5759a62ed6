"""Which event sends which e-mail, and writing it to the outbox in the event's transaction
(so a booking that rolls back sends nothing, and one that commits cannot lose its mail).

The payload holds the finished subject, text and HTML in the guest's language; an invoice
is attached as PDF when the message is sent (an issued invoice never changes)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from frontdesk.api import DomainEvent, fmt
from frontdesk.api.outbox import queue
from frontdesk.api.tables import Folio, Guest, Invoice, Property, RoomType, Stay

from . import settings, templates
from .tables import MailTemplate

CHANNEL = "email"
KIND_OF_EVENT = {
    "stay.booked": "confirmation",
    "stay.modified": "modification",
    "stay.cancelled": "cancellation",
    "invoice.issued": "invoice",
}


async def _template(property_id: int, kind: str, language: str) -> tuple[str, str]:
    own = (
        await MailTemplate.objects()
        .where(
            (MailTemplate.property == property_id)
            & (MailTemplate.kind == kind)
            & (MailTemplate.language == language)
        )
        .first()
    )
    return (own.subject, own.body) if own else templates.DEFAULTS[kind][language]


async def _values(stay: Stay, guest: Guest, prop: Property) -> dict[str, str]:
    room_type = await RoomType.objects().where(RoomType.id == stay.room_type).first()
    return {
        "hotel": prop.name,
        "guest": f"{guest.first_name} {guest.last_name}",
        "confirmation": stay.confirmation_code,
        "arrival": stay.arrival.isoformat(),
        "departure": stay.departure.isoformat(),
        "room_type": room_type.name if room_type else "",
        "check_in": prop.check_in_time.strftime("%H:%M") if prop.check_in_time else "",
    }


async def queue_mail(
    kind: str, stay: Stay, *, invoice: Invoice | None = None, guest_id: int | None = None
) -> bool:
    """Queue one e-mail of ``kind`` about ``stay`` to its guest; False when the guest has no
    address."""
    guest = await Guest.objects().where(Guest.id == (guest_id or stay.primary_guest)).first()
    if guest is None or not guest.email:
        return False
    prop = await Property.objects().where(Property.id == stay.property).first()
    language = templates.language_of(guest.language)
    values = await _values(stay, guest, prop)
    attachments = []
    if invoice is not None:
        values |= {
            "invoice_number": str(invoice.number),
            "gross": f"{fmt(Decimal(invoice.gross), invoice.currency)} {invoice.currency}",
        }
        attachments.append({"invoiceId": invoice.id, "filename": f"invoice-{invoice.number}.pdf"})
    subject, text, html = templates.render(*await _template(prop.id, kind, language), values)
    payload = {
        "to": guest.email,
        "kind": kind,
        "language": language,
        "subject": subject,
        "text": text,
        "html": html,
        "attachments": attachments,
    }
    await queue.enqueue(
        channel=CHANNEL,
        target=guest.email,
        property_id=prop.id,
        event_type=kind,
        payload=json.dumps(payload, sort_keys=True),
    )
    return True


async def record(event: DomainEvent, objects: dict[str, Any]) -> None:
    """In the event's transaction: the e-mail this event sends, if any (none while no SMTP
    server is configured: an installation without mail keeps no growing backlog)."""
    if not settings.setting(settings.SMTP_HOST):
        return
    kind = KIND_OF_EVENT.get(event.name)
    if kind == "invoice":
        invoice: Invoice = objects["invoice"]
        folio: Folio = objects["folio"]
        stay = await Stay.objects().where(Stay.id == folio.stay).first()
        await queue_mail(kind, stay, invoice=invoice, guest_id=folio.guest)
    elif kind is not None:
        await queue_mail(kind, objects["stay"])
    elif event.name == "night_audit.completed" and event.property_id is not None:
        await queue_pre_arrival(event.property_id, objects["business_date"] + timedelta(days=1))


async def queue_pre_arrival(property_id: int, business_date: date) -> int:
    """When the night audit opens ``business_date``: the pre-arrival e-mail to every booked
    stay arriving ``guest_mail.pre_arrival_days`` days later (each date is audited once)."""
    day = business_date + timedelta(days=int(settings.setting(settings.PRE_ARRIVAL_DAYS)))
    stays = (
        await Stay.objects()
        .where((Stay.property == property_id) & (Stay.arrival == day) & (Stay.status == "booked"))
        .order_by(Stay.id)
    )
    return sum([await queue_mail("pre_arrival", stay) for stay in stays])
