"""Documents in the API: invoice, credit note and registration card PDFs (base64, a download
for staff) and issuing a credit note. The PDFs are rendered by core/documents."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from decimal import Decimal

import strawberry

from frontdesk.core.documents.credit_note_pdf import credit_note_pdf
from frontdesk.core.documents.invoice_pdf import invoice_pdf
from frontdesk.core.documents.registration_card import registration_card_pdf
from frontdesk.core.folios import credit_notes
from frontdesk.core.folios.credit_note_tables import CreditNote as CreditNoteRow

from ..common.errors import UserError
from ..common.money import Money, money
from ..common.mutations import service_mutation


@strawberry.type
class InvoiceTaxLine:
    rate: Decimal = strawberry.field(description="Percent.")
    net: Money
    tax: Money
    gross: Money


def _money(value: Decimal, currency: str) -> Money:
    return money(Decimal(value), currency)


def b64(pdf: bytes) -> str:
    return base64.b64encode(pdf).decode("ascii")


@strawberry.type(description="A credit note: cancels an invoice in full, numbered gapless.")
class CreditNote:
    id: strawberry.ID
    number: int
    reason: str
    currency: str
    business_date: date
    issued_at: datetime

    @strawberry.field(description="Net amount, negative.")
    def net(self) -> Money:
        return _money(self.net, self.currency)

    @strawberry.field(description="Tax amount, negative.")
    def tax(self) -> Money:
        return _money(self.tax, self.currency)

    @strawberry.field(description="Gross amount, negative.")
    def gross(self) -> Money:
        return _money(self.gross, self.currency)

    @strawberry.field
    def invoice_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.invoice))

    @strawberry.field(description="Tax by rate, negative amounts.")
    def tax_breakdown(
        self,
    ) -> list[InvoiceTaxLine]:
        return [
            InvoiceTaxLine(
                rate=Decimal(b["rate"]),
                net=_money(b["net"], self.currency),
                tax=_money(b["tax"], self.currency),
                gross=_money(b["gross"], self.currency),
            )
            for b in json.loads(self.tax_breakdown or "[]")
        ]

    @strawberry.field(description="The credit note as PDF, base64-encoded.")
    async def pdf(self) -> str:
        return b64(await credit_note_pdf(int(self.id)))


async def invoice_pdf_base64(invoice_id: int) -> str:
    return b64(await invoice_pdf(invoice_id))


async def registration_card_base64(stay_id: int) -> str:
    return b64(await registration_card_pdf(stay_id))


async def credit_note_of(invoice_id: int) -> CreditNoteRow | None:
    return await CreditNoteRow.objects().where(CreditNoteRow.invoice == invoice_id).first()


@strawberry.input
class IssueCreditNoteInput:
    invoice_id: strawberry.ID
    reason: str


@strawberry.type
class IssueCreditNotePayload:
    credit_note: CreditNote | None
    errors: list[UserError]


@strawberry.type
class DocumentsMutation:
    issue_credit_note = service_mutation(
        credit_notes.issue_credit_note,
        IssueCreditNotePayload,
        "credit_note",
        input=IssueCreditNoteInput,
        description="Cancel an invoice in full with a credit note of the next number.",
        permission="folios.write",
    )
