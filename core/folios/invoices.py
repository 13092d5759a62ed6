"""Invoices: issued when a folio closes, numbered gapless per property.

The number comes from ``InvoiceSequence`` incremented inside the closing transaction, so a
rolled-back closing gives its number back and the unique (property, number) key refuses a
duplicate. Totals are sums of the folio's charge lines (charges and their corrections), each
already rounded, so net + tax = gross holds per tax rate and in total to the cent.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

from .. import events
from ..money import ZERO, fmt, plain
from ..properties.tables import Property
from .invoice_parties import InvoiceParties
from .numbering import next_number
from .tables import Folio, FolioEntry, Invoice, InvoiceSequence


def revenue_lines(entries: list[FolioEntry]) -> list[FolioEntry]:
    return [e for e in entries if e.kind == "charge" or (e.kind == "correction" and e.category)]


def tax_breakdown(entries: list[FolioEntry], currency: str) -> list[dict[str, str]]:
    totals: dict[Decimal, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for entry in revenue_lines(entries):
        bucket = totals[plain(entry.tax_rate)]
        bucket[0] += Decimal(entry.net)
        bucket[1] += Decimal(entry.tax)
        bucket[2] += Decimal(entry.gross)
    return [
        {
            "rate": str(rate),
            "net": fmt(n, currency),
            "tax": fmt(t, currency),
            "gross": fmt(g, currency),
        }
        for rate, (n, t, g) in sorted(totals.items())
    ]


async def issue_invoice(
    folio: Folio, entries: list[FolioEntry], prop: Property, recipient: str, actor: str | None
) -> Invoice | None:
    """Issue the folio's invoice inside the closing transaction (None without charges)."""
    lines = revenue_lines(entries)
    if not lines:
        return None
    breakdown = tax_breakdown(entries, folio.currency)
    paid = -sum(
        (
            Decimal(e.amount)
            for e in entries
            if e.kind in ("payment", "refund") or (e.kind == "correction" and not e.category)
        ),
        ZERO,
    )
    invoice = Invoice(
        property=prop.id,
        folio=folio.id,
        number=await next_number(InvoiceSequence, prop.id),
        recipient=recipient,
        currency=folio.currency,
        net=sum((Decimal(b["net"]) for b in breakdown), ZERO),
        tax=sum((Decimal(b["tax"]) for b in breakdown), ZERO),
        gross=sum((Decimal(b["gross"]) for b in breakdown), ZERO),
        paid=paid,
        tax_breakdown=json.dumps(breakdown),
        business_date=prop.business_date,
        issued_by=actor,
    )
    await invoice.save()
    await events.emit(
        "frontdesk_invoice_issued",
        "invoice.issued",
        property_id=prop.id,
        subject_id=invoice.id,
        actor=actor,
        data={"number": invoice.number, "folio_id": folio.id, "gross": str(invoice.gross)},
        invoice=invoice,
        folio=folio,
    )
    return invoice


def _esc(value: Any) -> str:
    return html.escape(str(value))


def _parties_html(parties: InvoiceParties | None, recipient: str) -> str:
    """Seller, recipient with address, and the stay billed (dates, room, guest)."""
    if parties is None:
        return f"<p>To: {_esc(recipient)}</p>"
    seller = "<br>".join(_esc(line) for line in parties.seller)
    to = "<br>".join(_esc(line) for line in [recipient, *parties.recipient_address])
    stay = ""
    if parties.arrival is not None:
        stay = (
            f"<p class=stay>Stay: {_esc(parties.arrival.isoformat())} to "
            f"{_esc(parties.departure.isoformat())}"
            + (f", room {_esc(parties.room)}" if parties.room else "")
            + (f", guest {_esc(parties.guest)}" if parties.guest else "")
            + "</p>"
        )
    return f"<p class=seller>{seller}</p><p class=recipient>To: {to}</p>{stay}"


def render_html(
    invoice: Invoice,
    prop: Property,
    entries: list[FolioEntry],
    parties: InvoiceParties | None = None,
) -> str:
    """A printable, self-contained HTML page of the invoice (every value escaped), with the
    seller, the recipient's address and the stay when ``parties`` is given."""
    cur = invoice.currency
    esc = _esc

    rows = "".join(
        f"<tr><td>{esc(e.business_date.isoformat())}</td><td>{esc(e.description)}</td>"
        f"<td class=n>{e.quantity}</td><td class=n>{esc(fmt(Decimal(e.unit_price), cur))}</td>"
        f"<td class=n>{esc(plain(e.tax_rate))} %</td>"
        f"<td class=n>{esc(fmt(Decimal(e.gross), cur))}</td></tr>"
        for e in revenue_lines(entries)
    )
    taxes = "".join(
        f"<tr><td>VAT {esc(b['rate'])} %</td><td class=n>{esc(b['net'])}</td>"
        f"<td class=n>{esc(b['tax'])}</td><td class=n>{esc(b['gross'])}</td></tr>"
        for b in json.loads(invoice.tax_breakdown)
    )
    return (
        "<!DOCTYPE html><html><head><meta charset=utf-8>"
        f"<title>Invoice {invoice.number}</title><style>body{{font-family:sans-serif}}"
        "table{border-collapse:collapse;width:100%}td,th{padding:4px;border-bottom:1px solid #ccc}"
        ".n{text-align:right}@media print{button{display:none}}</style></head><body>"
        f"<h1>{esc(prop.name)}</h1><h2>Invoice {invoice.number}</h2>"
        f"{_parties_html(parties, invoice.recipient)}"
        f"<p>Date: {esc(invoice.business_date.isoformat())}</p>"
        "<table><tr><th>Date</th><th>Description</th><th>Qty</th><th>Unit price</th>"
        f"<th>Tax</th><th>Amount ({esc(cur)})</th></tr>{rows}</table>"
        "<h3>Taxes</h3><table><tr><th>Rate</th><th>Net</th><th>Tax</th><th>Gross</th></tr>"
        f"{taxes}<tr><th>Total</th><th class=n>{esc(fmt(Decimal(invoice.net), cur))}</th>"
        f"<th class=n>{esc(fmt(Decimal(invoice.tax), cur))}</th>"
        f"<th class=n>{esc(fmt(Decimal(invoice.gross), cur))}</th></tr></table>"
        f"<p>Paid: {esc(fmt(Decimal(invoice.paid), cur))} {esc(cur)}</p></body></html>"
    )
