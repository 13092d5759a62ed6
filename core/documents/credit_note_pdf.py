"""The credit note as PDF: the hotel, the recipient of the credited invoice, which invoice
it cancels and why, and the negated totals by tax rate."""

from __future__ import annotations

import json
from decimal import Decimal

from ..errors import NotFound
from ..folios.credit_note_tables import CreditNote
from ..money import fmt
from . import layout
from .invoice_pdf import load_invoice


async def credit_note_pdf(credit_note_id: int) -> bytes:
    """The credit note's PDF; NotFound for an unknown id."""
    note = await CreditNote.objects().where(CreditNote.id == credit_note_id).first()
    if note is None:
        raise NotFound(f"Credit note {credit_note_id} does not exist.", field="creditNoteId")
    data = await load_invoice(note.invoice)
    cur = note.currency
    pdf = layout.new_pdf(f"Credit note {note.number}")
    recipient = layout.guest_lines(data.guest)
    layout.letterhead(pdf, data.prop, f"Credit note {note.number}", recipient)
    layout.facts(
        pdf,
        [
            ("Date", note.business_date.isoformat()),
            ("Cancels invoice", f"{data.invoice.number} of {data.invoice.business_date}"),
            ("Reason", note.reason),
            ("Stay", f"{data.stay.arrival.isoformat()} - {data.stay.departure.isoformat()}"),
        ],
    )
    rows = [
        [f"VAT {b['rate']} %", b["net"], b["tax"], b["gross"]]
        for b in json.loads(note.tax_breakdown)
    ]
    rows.append(
        [
            "Total",
            fmt(Decimal(note.net), cur),
            fmt(Decimal(note.tax), cur),
            fmt(Decimal(note.gross), cur),
        ]
    )
    layout.heading(pdf, f"Credited amounts ({cur})")
    layout.table(pdf, ("Rate", "Net", "VAT", "Gross"), rows, (70, 40, 40, 30))
    return layout.output(pdf)
