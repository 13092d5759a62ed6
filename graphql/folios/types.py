"""GraphQL types of folios, their entries, the city ledger and invoices.
Resolvers receive Piccolo rows as ``self``; related rows load through per-request loaders.
Amounts are Decimal (serialized as strings) with their currency beside them."""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.types import Info

from frontdesk.core.folios.city_ledger import age, ledger_balance
from frontdesk.core.folios.invoice_parties import invoice_parties
from frontdesk.core.folios.invoices import render_html
from frontdesk.core.folios.ledger import balance_of
from frontdesk.core.folios.tables import CityLedgerAccount as AccountRow
from frontdesk.core.folios.tables import CityLedgerEntry as LedgerEntryRow
from frontdesk.core.folios.tables import Folio as FolioRow
from frontdesk.core.folios.tables import FolioEntry as EntryRow
from frontdesk.core.folios.tables import Invoice as InvoiceRow
from frontdesk.core.folios.tables import RoutingRule as RoutingRow
from frontdesk.core.money import plain
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.stays.tables import Stay as StayRow

from ..common.money import Money, money
from ..rates.types import ChargeCategory
from ..stays.types import Stay
from . import documents
from .documents import InvoiceTaxLine

NS = "folios"


@strawberry.enum
class PaymentMethod(enum.Enum):
    CASH = "cash"
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    VOUCHER = "voucher"
    CITY_LEDGER = "city_ledger"


@strawberry.enum
class FolioStatus(enum.Enum):
    OPEN = "open"
    SETTLED = "settled"
    TRANSFERRED = "transferred"


@strawberry.enum
class FolioEntryKind(enum.Enum):
    CHARGE = "charge"
    PAYMENT = "payment"
    REFUND = "refund"
    CORRECTION = "correction"
    TRANSFER = "transfer"


@strawberry.enum
class CityLedgerAccountKind(enum.Enum):
    COMPANY = "company"
    TRAVEL_AGENT = "travel_agent"


@strawberry.type
class FolioEntry:
    id: strawberry.ID
    seq: int
    description: str
    quantity: int
    currency: str
    reference: str | None
    night: date | None
    business_date: date
    posted_at: datetime
    posted_by: str | None

    @strawberry.field
    def kind(self) -> FolioEntryKind:
        return FolioEntryKind(self.kind)

    @strawberry.field
    def category(self) -> ChargeCategory | None:
        return ChargeCategory(self.category) if self.category else None

    @strawberry.field
    def method(self) -> PaymentMethod | None:
        return PaymentMethod(self.method) if self.method else None

    @strawberry.field
    def unit_price(self) -> Money:
        return money(self.unit_price, self.currency)

    @strawberry.field(description="Percent.")
    def tax_rate(self) -> Decimal:
        return plain(self.tax_rate)

    @strawberry.field
    def net(self) -> Money:
        return money(self.net, self.currency)

    @strawberry.field
    def tax(self) -> Money:
        return money(self.tax, self.currency)

    @strawberry.field
    def gross(self) -> Money:
        return money(self.gross, self.currency)

    @strawberry.field(description="Effect on the folio balance: + owed more, - paid.")
    def amount(self) -> Money:
        return money(self.amount, self.currency)

    @strawberry.field
    def refunded_entry_id(self) -> strawberry.ID | None:
        return strawberry.ID(str(self.refunded_entry)) if self.refunded_entry else None

    @strawberry.field
    def corrected_entry_id(self) -> strawberry.ID | None:
        return strawberry.ID(str(self.corrected_entry)) if self.corrected_entry else None


@strawberry.type
class Folio:
    id: strawberry.ID
    number: int
    name: str
    currency: str
    closed_at: datetime | None

    @strawberry.field
    def status(self) -> FolioStatus:
        return FolioStatus(self.status)

    @strawberry.field
    async def entries(self, info: Info) -> list[FolioEntry]:
        return await info.context.loaders.many_by(EntryRow, "folio", namespace=NS).load(self.id)

    @strawberry.field(description="The sum of the entries' amounts: what is still owed.")
    async def balance(self, info: Info) -> Money:
        entries = await info.context.loaders.many_by(EntryRow, "folio", namespace=NS).load(self.id)
        return money(balance_of(entries, self.currency), self.currency)

    @strawberry.field
    async def stay(self, info: Info) -> Stay:
        return await info.context.loaders.by_id(StayRow).load(self.stay)

    @strawberry.field
    async def invoice(self, info: Info) -> Invoice | None:
        found = await info.context.loaders.many_by(InvoiceRow, "folio", namespace=NS).load(self.id)
        return found[0] if found else None

    @strawberry.field
    async def city_ledger_account(self, info: Info) -> CityLedgerAccount | None:
        if self.city_ledger_account is None:
            return None
        return await info.context.loaders.by_id(AccountRow, namespace=NS).load(
            self.city_ledger_account
        )

    @strawberry.field(
        description="Charges of these categories posted to the stay go to this folio."
    )
    async def routed_categories(self, info: Info) -> list[ChargeCategory]:
        rules = await info.context.loaders.many_by(RoutingRow, "folio", namespace=NS).load(self.id)
        return sorted(
            {ChargeCategory(rule.category) for rule in rules}, key=list(ChargeCategory).index
        )


@strawberry.type
class CityLedgerEntry:
    id: strawberry.ID
    seq: int
    kind: str
    currency: str
    reference: str | None
    business_date: date
    posted_at: datetime

    @strawberry.field
    def amount(self) -> Money:
        return money(self.amount, self.currency)

    @strawberry.field
    def method(self) -> PaymentMethod | None:
        return PaymentMethod(self.method) if self.method else None

    @strawberry.field
    def folio_id(self) -> strawberry.ID | None:
        return strawberry.ID(str(self.folio)) if self.folio else None

    @strawberry.field
    def invoice_id(self) -> strawberry.ID | None:
        return strawberry.ID(str(self.invoice)) if self.invoice else None


@strawberry.type
class Ageing:
    current: Money
    days30: Money
    days60: Money
    days90_plus: Money
    total: Money


@strawberry.type
class CityLedgerAccount:
    id: strawberry.ID
    code: str
    name: str
    currency: str
    address: str
    active: bool

    @strawberry.field
    def kind(self) -> CityLedgerAccountKind:
        return CityLedgerAccountKind(self.kind)

    @strawberry.field
    def credit_limit(self) -> Money:
        return money(Decimal(self.credit_limit), self.currency)

    @strawberry.field
    async def entries(self, info: Info) -> list[CityLedgerEntry]:
        loader = info.context.loaders.many_by(LedgerEntryRow, "account", namespace=NS)
        return await loader.load(self.id)

    @strawberry.field(description="What the account owes now.")
    async def balance(self, info: Info) -> Money:
        loader = info.context.loaders.many_by(LedgerEntryRow, "account", namespace=NS)
        return money(ledger_balance(await loader.load(self.id), self.currency), self.currency)

    @strawberry.field(description="Open amounts by age on asOf (default: the business date).")
    async def ageing(self, info: Info, as_of: date | None = None) -> Ageing:
        loader = info.context.loaders.many_by(LedgerEntryRow, "account", namespace=NS)
        prop = await info.context.loaders.by_id(PropertyRow).load(self.property)
        result = age(await loader.load(self.id), as_of or prop.business_date, self.currency)
        return Ageing(
            current=money(result.current, self.currency),
            days30=money(result.days_30, self.currency),
            days60=money(result.days_60, self.currency),
            days90_plus=money(result.days_90_plus, self.currency),
            total=money(result.total, self.currency),
        )


@strawberry.type
class Invoice:
    id: strawberry.ID
    number: int
    recipient: str
    currency: str
    business_date: date
    issued_at: datetime

    @strawberry.field
    def net(self) -> Money:
        return money(self.net, self.currency)

    @strawberry.field
    def tax(self) -> Money:
        return money(self.tax, self.currency)

    @strawberry.field
    def gross(self) -> Money:
        return money(self.gross, self.currency)

    @strawberry.field(description="Payments net of refunds on the folio.")
    def paid(self) -> Money:
        return money(self.paid, self.currency)

    @strawberry.field
    def tax_breakdown(self) -> list[InvoiceTaxLine]:
        return [
            InvoiceTaxLine(
                rate=Decimal(b["rate"]),
                net=money(b["net"], self.currency),
                tax=money(b["tax"], self.currency),
                gross=money(b["gross"], self.currency),
            )
            for b in json.loads(self.tax_breakdown or "[]")
        ]

    @strawberry.field(description="Charge lines (and their corrections) of the folio.")
    async def lines(self, info: Info) -> list[FolioEntry]:
        entries = await info.context.loaders.many_by(EntryRow, "folio", namespace=NS).load(
            self.folio
        )
        return [e for e in entries if e.category]

    @strawberry.field
    async def folio(self, info: Info) -> Folio:
        return await info.context.loaders.by_id(FolioRow, namespace=NS).load(self.folio)

    @strawberry.field(description="The invoice as a printable, self-contained HTML page.")
    async def html(self, info: Info) -> str:
        entries = await info.context.loaders.many_by(EntryRow, "folio", namespace=NS).load(
            self.folio
        )
        prop = await info.context.loaders.by_id(PropertyRow).load(self.property)
        return render_html(self, prop, entries, await invoice_parties(self, prop))

    @strawberry.field(description="The invoice as PDF, base64-encoded (a download for staff).")
    async def pdf(self) -> str:
        return await documents.invoice_pdf_base64(self.id)

    @strawberry.field(description="The credit note that cancelled this invoice, if any.")
    async def credit_note(self) -> documents.CreditNote | None:
        return await documents.credit_note_of(self.id)
