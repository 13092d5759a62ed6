"""``Stay.sale``: what a stay was sold at (nightly prices, rate plan, taxes, total), every
amount a ``Money``. Its rows load through per-request loaders, so a page of stays reads each
kind once."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import strawberry
from strawberry.types import Info

from frontdesk.core.folios.tables import StayNightRate, StayTerms
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.rates.sale import Sale, SaleTerms, sale_of
from frontdesk.core.rates.tables import CityTaxRule, MoneySettings, TaxRate
from frontdesk.core.rates.tables import RatePlan as RatePlanRow

from ..common.money import Money, money
from ..rates.types import RatePlan

NS = "folios"


@strawberry.enum
class StayTaxKind(enum.Enum):
    VAT = "vat"
    CITY_TAX = "city_tax"


@strawberry.type(description="One night of a stay and the price it was sold at.")
class StaySoldNight:
    night: date = strawberry.field(description="The night (by the date it begins).")
    price: Money


@strawberry.type(description="A tax the stay's nights carry: VAT per rate, or city tax.")
class StayTax:
    kind: StayTaxKind
    name: str
    rate: Decimal | None = strawberry.field(
        description="Percent; null for a city tax charged per person and night."
    )
    amount: Money
    included: bool = strawberry.field(
        description="Part of the nightly prices (VAT with tax-inclusive prices), else added."
    )


@strawberry.type(description="What a stay was sold at, kept from its booking.")
class StaySale:
    rate_plan: RatePlan | None
    prices_include_tax: bool
    nights: list[StaySoldNight]
    room_total: Money = strawberry.field(description="The sum of the nightly prices.")
    taxes: list[StayTax]
    total: Money = strawberry.field(
        description="What the nights cost the guest: room total, taxes not included in it, "
        "city tax (at the current tax rates; extras are on the folios)."
    )


def taxes_of(sale: Sale) -> list[StayTax]:
    """A sale's tax lines as GraphQL objects (a stay's sale and a quote share them)."""
    return [
        StayTax(
            kind=StayTaxKind(t.kind),
            name=t.name,
            rate=t.rate,
            amount=money(t.amount, sale.currency),
            included=t.included,
        )
        for t in sale.taxes
    ]


def _graphql(sale: Sale) -> StaySale:
    cur = sale.currency
    return StaySale(
        rate_plan=sale.rate_plan,  # type: ignore[arg-type]
        prices_include_tax=sale.prices_include_tax,
        nights=[StaySoldNight(night=n.night, price=money(n.price, cur)) for n in sale.nights],
        room_total=money(sale.room_total, cur),
        taxes=taxes_of(sale),
        total=money(sale.total, cur),
    )


async def _one(info: Info, table, column: str, key: int, namespace: str = NS):
    found = await info.context.loaders.many_by(table, column, namespace=namespace).load(key)
    return found[0] if found else None


async def stay_sale(info: Info, stay) -> StaySale | None:
    """The sale of ``stay`` (a Stay row); None when it was booked without prices."""
    loaders = info.context.loaders
    nights = await loaders.many_by(StayNightRate, "stay", namespace=NS).load(stay.id)
    if not nights:
        return None
    terms = await _one(info, StayTerms, "stay", stay.id)
    plan = None
    if terms is not None and terms.rate_plan is not None:
        plan = await loaders.by_id(RatePlanRow, namespace="rates").load(terms.rate_plan)
    settings = await _one(info, MoneySettings, "property", stay.property, "rates")
    prop = await loaders.by_id(PropertyRow).load(stay.property)
    rates = await loaders.many_by(TaxRate, "property", namespace="rates").load(stay.property)
    given = SaleTerms(
        terms=terms,
        plan=plan,
        rule=await _one(info, CityTaxRule, "property", stay.property, "rates"),
        tax_rates={row.category: row for row in rates},
        prices_include_tax=settings.prices_include_tax if settings is not None else True,
        currency=prop.currency,
    )
    sale = sale_of(stay, {n.night: Decimal(n.amount) for n in nights}, given)
    return None if sale is None else _graphql(sale)
