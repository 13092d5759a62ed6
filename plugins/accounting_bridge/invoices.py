"""Invoices in the journal: a document reference, never an amount.

An invoice moves no money: the folio's charges and payments were journaled as they happened,
so the bridge books nothing when one is issued. What an auditor needs is the trail from each
entry to its document (the "Belegnummer"): an entry belongs to the invoice of its folio
(core keeps one invoice per folio, issued as the folio closes, after which the folio takes no
entry), or to the invoice it names itself (a transfer to the city ledger, deposits applied at
closing). The link is read from core's invoices at the time of reading, so entries stay
untouched: an entry journaled before its folio closed shows its invoice number from then on,
with the same amounts, accounts and date.

When an invoice is issued, connectors that receive each entry get an ``accounting.invoice``
message in the same transaction, in order behind the folio's entries; sealed days list the
invoices issued on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from frontdesk.api.tables import Folio, Invoice

from .tables import JournalEntryRow

CHUNK = 500


@dataclass(frozen=True)
class InvoiceLink:
    id: int
    number: int


def covering_condition(invoice_ids: object):
    """Entries an invoice covers, for ``invoice_ids`` (a subquery or list of invoice ids)."""
    return JournalEntryRow.invoice.is_in(invoice_ids) | JournalEntryRow.folio.is_in(
        Invoice.select(Invoice.folio).where(Invoice.id.is_in(invoice_ids))
    )


async def links_of(entries: Sequence[JournalEntryRow]) -> dict[int, InvoiceLink]:
    """The invoice of each entry that has one, by entry id (own link first, then its folio's)."""
    folios = sorted({e.folio for e in entries if e.folio is not None})
    own = sorted({e.invoice for e in entries if e.invoice is not None})
    rows: list[dict] = []
    # In chunks: an export of a long range names more folios than a query may bind.
    for start in range(0, max(len(folios), len(own)), CHUNK):
        condition = Invoice.folio.is_in(folios[start : start + CHUNK] or [-1]) | Invoice.id.is_in(
            own[start : start + CHUNK] or [-1]
        )
        rows += await Invoice.select(Invoice.id, Invoice.folio, Invoice.number).where(condition)
    by_id = {r["id"]: InvoiceLink(r["id"], r["number"]) for r in rows}
    by_folio = {r["folio"]: by_id[r["id"]] for r in rows}
    links: dict[int, InvoiceLink] = {}
    for entry in entries:
        link = by_id.get(entry.invoice) if entry.invoice is not None else None
        link = link or by_folio.get(entry.folio)
        if link is not None:
            links[entry.id] = link
    return links


def invoice_document(invoice: Invoice, folio: Folio) -> dict:
    """What connectors learn of an invoice: its number and what it covers, no recipient (a
    person's name has no place in the books' trail) and no amounts of its own."""
    return {
        "id": invoice.id,
        "number": invoice.number,
        "businessDate": str(invoice.business_date),
        "folioId": folio.id,
        "folioNumber": folio.number,
        "stayId": folio.stay,
        "currency": invoice.currency,
    }


async def issued_on(property_id: int, business_date: date) -> list[dict]:
    """Invoices a property issued on a business date, by number, as connector documents."""
    invoices = (
        await Invoice.objects()
        .where((Invoice.property == property_id) & (Invoice.business_date == business_date))
        .order_by(Invoice.number)
    )
    folio_ids = [i.folio for i in invoices] or [-1]
    folios = {f.id: f for f in await Folio.objects().where(Folio.id.is_in(folio_ids))}
    return [invoice_document(i, folios[i.folio]) for i in invoices]


async def record_invoice(invoice: Invoice, folio: Folio, actor: str | None) -> None:
    """In the invoice's transaction: queue it for the connectors that receive each entry."""
    from .outbox import queue_invoice

    await queue_invoice(invoice, folio)
