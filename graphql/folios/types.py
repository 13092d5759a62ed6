"""GraphQL types of the money area (rates, folios, city ledger, invoices, night audit).
Resolvers receive Piccolo rows as ``self``; related rows load through per-request loaders.
Amounts are Decimal (serialized as strings) with their currency beside them."""

from __future__ import annotations

import asyncio
import enum
import json
from collections.abc import Awaitable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from frontdesk.core.folios.city_ledger import age, ledger_balance
from frontdesk.core.folios.invoice_parties import invoice_parties
from frontdesk.core.folios.invoices import render_html
from frontdesk.core.folios.ledger import balance_of
from frontdesk.core.folios.money import ZERO, plain, round_money
from frontdesk.core.folios.tables import CityLedgerAccount as AccountRow
from frontdesk.core.folios.tables import CityLedgerEntry as LedgerEntryRow
from frontdesk.core.folios.tables import Folio as FolioRow
from frontdesk.core.folios.tables import FolioEntry as EntryRow
from frontdesk.core.folios.tables import Invoice as InvoiceRow
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.rows import id_list
from frontdesk.core.stays.tables import Stay as StayRow

from .. import prefetch
from ..batches import Batch
from . import documents

if TYPE_CHECKING:
    from ..stays.types import Stay

NS = "folios"


@strawberry.enum
class ChargeCategory(enum.Enum):
    ROOM = "room"
    FOOD_BEVERAGE = "food_beverage"
    MINIBAR = "minibar"
    SPA = "spa"
    CITY_TAX = "city_tax"
    FEE = "fee"
    OTHER = "other"


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


@strawberry.type(
    description="An amount of money: a decimal string with the currency's minor units "
    '("380.50", "0.00", JPY "1200") and its ISO 4217 currency code.'
)
class Money:
    amount: Decimal
    currency: str


#: The rule for output fields (tests/graphql/test_money_shape.py walks the schema): a field
#: whose type is the ``Decimal`` scalar, or whose name ends in a money word (``amount``,
#: ``price``, ``total``, ``balance``...), is money and must be ``Money``, unless it is listed
#: here with the reason it is not. Plugins follow the same rule; a number that is not money
#: (a percentage, a ratio) is added here by the change that adds it.
NOT_MONEY: dict[str, str] = {
    "FolioEntry.taxRate": "percent",
    "InvoiceTaxLine.rate": "percent",
    "TaxRate.rate": "percent",
    "StayTax.rate": "percent",
    "NightAuditReport.occupancyPercent": "percent",
    "RatePlan.cancellationFeePercent": "percent",
    "RatePlan.noShowFeePercent": "percent",
    "RatePlan.adjustment": "percent or amount by adjustmentKind; adjustmentAmount is Money",
    "CityTaxRule.amount": "percent or amount by kind; perPersonNight is Money",
}


def money(value: Decimal | str | int, currency: str) -> Money:
    """``value`` as Money: an exact Decimal rounded to the currency's minor units, so the
    amount reads the same on SQLite and PostgreSQL ("380.50", "0.00", JPY "1200")."""
    return Money(amount=round_money(Decimal(value), currency), currency=currency)


def optional_money(value: Decimal | str | int | None, currency: str | None) -> Money | None:
    """Money, or None when there is no amount (an optional price)."""
    if value is None or currency is None:
        return None
    return money(value, currency)


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
    async def stay(
        self, info: Info
    ) -> Annotated[Stay, strawberry.lazy("frontdesk.graphql.stays.types")]:
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
class InvoiceTaxLine:
    rate: Decimal = strawberry.field(description="Percent.")
    net: Money
    tax: Money
    gross: Money


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


@strawberry.type
class CategoryRevenue:
    category: ChargeCategory
    net: Money
    gross: Money


@strawberry.type
class MethodAmount:
    method: PaymentMethod
    amount: Money


@strawberry.type
class NightAuditReport:
    business_date: date
    status: str
    currency: str
    rooms_sold: int
    rooms_available: int
    occupancy_percent: Decimal
    room_revenue: Money
    adr: Money = strawberry.field(description="Net room revenue per room sold.")
    revpar: Money = strawberry.field(description="Net room revenue per available room.")
    no_shows: int
    revenue_by_category: list[CategoryRevenue]
    payments_by_method: list[MethodAmount]
    completed_at: datetime | None


def report_from_run(run) -> NightAuditReport:
    data = json.loads(run.report or "{}")
    currency = data.get("currency", "")
    return NightAuditReport(
        business_date=run.business_date,
        status=run.status,
        currency=currency,
        rooms_sold=data.get("rooms_sold", 0),
        rooms_available=data.get("rooms_available", 0),
        occupancy_percent=Decimal(data.get("occupancy_percent", "0")),
        room_revenue=money(data.get("room_revenue", "0"), currency),
        adr=money(data.get("adr", "0"), currency),
        revpar=money(data.get("revpar", "0"), currency),
        no_shows=data.get("no_shows", 0),
        revenue_by_category=[
            CategoryRevenue(
                category=ChargeCategory(r["category"]),
                net=money(r["net"], currency),
                gross=money(r["gross"], currency),
            )
            for r in data.get("revenue_by_category", [])
        ],
        payments_by_method=[
            MethodAmount(method=PaymentMethod(p["method"]), amount=money(p["amount"], currency))
            for p in data.get("payments_by_method", [])
        ],
        completed_at=run.completed_at,
    )


async def stay_folios(info: Info, stay_id: int) -> list:
    return await info.context.loaders.many_by(FolioRow, "stay", namespace=NS).load(stay_id)


#: The selected columns, built once (piccolo builds each through ``__getattribute__``).
_ENTRY_STAY = EntryRow.stay.as_alias("stay_id")


async def _balances_by_stay(stay_ids: list[int]) -> list[Decimal]:
    """What is owed on all folios of each stay, in one statement for a whole page of stays
    (only the amounts are read: the board shows a balance per row).

    Every entry carries its folio's stay (``ledger.insert_entry``; folios and entries are
    never edited), and ``folios_entry.stay`` has its own index: no join with the folios.
    Joining through the folio made PostgreSQL hash-join every entry of the database, a
    cost that grew with the history (3.6 ms per board at 18k entries)."""
    records = await EntryRow.select(_ENTRY_STAY, EntryRow.amount).where(
        EntryRow.stay.is_in(id_list(stay_ids))
    )
    totals: dict[int, Decimal] = {}
    for record in records:
        key = record["stay_id"]
        totals[key] = totals.get(key, ZERO) + Decimal(record["amount"])
    return [totals.get(key, ZERO) for key in stay_ids]


def _balances(info: Info) -> Batch:
    return info.context.loaders.batch(f"{NS}.balance_by_stay", _balances_by_stay)


def stay_balance(info: Info, stay) -> Money | Awaitable[Money]:
    """The stay's balance, at once when a list prefetched it, else as an awaitable (the
    stays resolved in one turn of the event loop still share one statement)."""
    balances = _balances(info)
    total = balances.values.get(stay.id)
    prop = info.context.loaders.row(PropertyRow, stay.property)
    if total is not None and not isinstance(prop, asyncio.Future):
        return money(total, prop.currency)

    async def later() -> Money:
        await balances.load_many([stay.id])
        row = await prop if isinstance(prop, asyncio.Future) else prop
        return money(balances.values[stay.id], row.currency)

    return later()


async def _prefetch_balances(info: Info, rows: list) -> None:
    await asyncio.gather(
        _balances(info).load_many([row.id for row in rows]),
        info.context.loaders.preload(PropertyRow, {row.property for row in rows}),
    )


prefetch.register("Stay", "balance", _prefetch_balances)
