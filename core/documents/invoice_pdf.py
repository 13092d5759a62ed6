"""The invoice as PDF: the hotel's legal details, the recipient's address, the stay's dates
and room, every charge line (each night on its own line), the taxes by rate and the payments,
with the same figures as the stored invoice (its totals are never recomputed here)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..errors import NotFound
from ..folios.invoices import revenue_lines
from ..folios.tables import Folio, FolioEntry, Invoice
from ..guests.tables import Guest
from ..money import fmt, plain
from ..properties.tables import Property, Room
from ..stays.tables import Stay
from . import layout


@dataclass
class InvoiceData:
    invoice: Invoice
    prop: Property
    folio: Folio
    stay: Stay
    room: Room | None
    guest: Guest | None
    entries: list[FolioEntry]


async def load_invoice(invoice_id: int) -> InvoiceData:
    invoice = await Invoice.objects().where(Invoice.id == invoice_id).first()
    if invoice is None:
        raise NotFound(f"Invoice {invoice_id} does not exist.", field="invoiceId")
    folio = await Folio.objects().where(Folio.id == invoice.folio).first()
    stay = await Stay.objects().where(Stay.id == folio.stay).first()
    guest_id = folio.guest or stay.primary_guest
    return InvoiceData(
        invoice=invoice,
        prop=await Property.objects().where(Property.id == invoice.property).first(),
        folio=folio,
        stay=stay,
        room=await Room.objects().where(Room.id == stay.room).first() if stay.room else None,
        guest=await Guest.objects().where(Guest.id == guest_id).first(),
        entries=await FolioEntry.objects()
        .where(FolioEntry.folio == folio.id)
        .order_by(FolioEntry.seq),
    )


def _line(entry: FolioEntry, cur: str) -> list[str]:
    when = (entry.night or entry.business_date).isoformat()
    return [
        f"{when}  {entry.description}",
        str(entry.quantity),
        fmt(Decimal(entry.unit_price), cur),
        f"{plain(entry.tax_rate)} %",
        fmt(Decimal(entry.gross), cur),
    ]


def _payments(entries: list[FolioEntry], cur: str) -> list[list[str]]:
    rows = []
    for e in entries:
        if e.kind in ("payment", "refund") or (e.kind == "correction" and not e.category):
            label = f"{e.business_date.isoformat()}  {e.kind} {e.method or ''}".strip()
            rows.append([label, fmt(-Decimal(e.amount), cur)])
    return rows


def render_invoice(data: InvoiceData) -> bytes:
    inv, cur = data.invoice, data.invoice.currency
    pdf = layout.new_pdf(f"Invoice {inv.number}")
    recipient = layout.guest_lines(data.guest)
    if inv.recipient and (not recipient or inv.recipient != recipient[0]):
        recipient = [inv.recipient, *recipient[1:]]
    layout.letterhead(pdf, data.prop, f"Invoice {inv.number}", recipient)
    layout.facts(pdf, _stay_facts(data))
    widths = (95, 15, 25, 20, 25)
    rows = [_line(e, cur) for e in revenue_lines(data.entries)]
    layout.table(pdf, ("Description", "Qty", "Unit price", "VAT", f"Amount {cur}"), rows, widths)
    breakdown: list[dict[str, Any]] = json.loads(inv.tax_breakdown)
    taxes = [[f"VAT {b['rate']} %", b["net"], b["tax"], b["gross"]] for b in breakdown]
    taxes.append(
        [
            "Total",
            fmt(Decimal(inv.net), cur),
            fmt(Decimal(inv.tax), cur),
            fmt(Decimal(inv.gross), cur),
        ]
    )
    layout.heading(pdf, "Taxes by rate")
    layout.table(pdf, ("Rate", "Net", "VAT", "Gross"), taxes, (70, 40, 40, 30))
    layout.heading(pdf, "Payments")
    payments = _payments(data.entries, cur)
    payments.append(["Total paid", fmt(Decimal(inv.paid), cur)])
    layout.table(pdf, ("Payment", f"Amount {cur}"), payments, (150, 30))
    return layout.output(pdf)


def _stay_facts(data: InvoiceData) -> list[tuple[str, str]]:
    return [
        ("Invoice date", data.invoice.business_date.isoformat()),
        ("Confirmation", data.stay.confirmation_code),
        ("Stay", f"{data.stay.arrival.isoformat()} - {data.stay.departure.isoformat()}"),
        ("Room", data.room.number if data.room else "-"),
    ]


async def invoice_pdf(invoice_id: int) -> bytes:
    """The invoice's PDF; NotFound for an unknown id."""
    return render_invoice(await load_invoice(invoice_id))
