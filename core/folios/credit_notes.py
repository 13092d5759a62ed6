"""Issuing a credit note for an invoice (see credit_note_tables.py for what it guarantees)."""

from __future__ import annotations

import json
from decimal import Decimal

from .. import events, validation
from ..errors import Conflict
from ..properties.service import get_property
from ..repository import get_or_not_found
from ..transactions import run_write
from .credit_note_tables import CreditNote, CreditNoteSequence
from .numbering import next_number
from .tables import Invoice


def _negated(breakdown: str) -> str:
    lines = json.loads(breakdown or "[]")
    return json.dumps(
        [
            {k: (v if k == "rate" else format(-Decimal(v), "f")) for k, v in line.items()}
            for line in lines
        ]
    )


async def issue_credit_note(*, invoice_id: int, reason: str, actor: str | None) -> CreditNote:
    """Cancel an invoice in full with a credit note of the next number; Conflict when the
    invoice already has one."""
    reason = validation.text(reason, "reason", max_length=500)

    async def change() -> CreditNote:
        invoice = await get_or_not_found(Invoice, invoice_id, name="Invoice", field="invoiceId")
        if await CreditNote.exists().where(CreditNote.invoice == invoice_id):
            raise Conflict(f"Invoice {invoice.number} is already credited.", field="invoiceId")
        prop = await get_property(invoice.property)
        note = CreditNote(
            property=prop.id,
            invoice=invoice.id,
            number=await next_number(CreditNoteSequence, prop.id),
            reason=reason,
            currency=invoice.currency,
            net=-Decimal(invoice.net),
            tax=-Decimal(invoice.tax),
            gross=-Decimal(invoice.gross),
            tax_breakdown=_negated(invoice.tax_breakdown),
            business_date=prop.business_date,
            issued_by=actor,
        )
        await note.save()
        await events.emit(
            "frontdesk_credit_note_issued",
            "credit_note.issued",
            property_id=prop.id,
            subject_id=note.id,
            actor=actor,
            data={"number": note.number, "invoice_number": invoice.number},
            credit_note=note,
            invoice=invoice,
        )
        return note

    return await run_write(change, conflict_message="The credit note was issued concurrently.")
