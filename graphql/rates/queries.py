"""Queries of rates and taxes: the quote of a prospective stay, rate plans, base rates, tax
rates, the city tax rule. Bad arguments never raise: unknown ids give null or empty lists,
and a quote that cannot be priced answers with errors."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from frontdesk.core import validation
from frontdesk.core.errors import DomainError
from frontdesk.core.rates.quote_taxes import quote_with_taxes
from frontdesk.core.rates.tables import BaseRate as BaseRateRow
from frontdesk.core.rates.tables import CityTaxRule as CityTaxRuleRow
from frontdesk.core.rates.tables import RatePlan as RatePlanRow
from frontdesk.core.rates.tables import TaxRate as TaxRateRow

from ..common.contributions import secure_field
from ..common.errors import UserError, decode_id, decode_optional_id, maybe_id
from ..common.money import money
from ..folios.sale import taxes_of
from ..rates.types import (
    BaseRate,
    CityTaxRule,
    Quote,
    QuoteNight,
    RatePlan,
    TaxRate,
)


@strawberry.type
class QuoteResult:
    quote: Quote | None
    errors: list[UserError]


def _property_rows(table, property_id: strawberry.ID, order):
    key = maybe_id(property_id)
    if key is None:
        return None
    return table.objects().where(table.property == key).order_by(order)


@strawberry.type
class RateQuery:
    @secure_field(
        permission="rates.read",
        description="Price a prospective stay night by night before booking, with its taxes "
        "(children count for a city tax charged per person unless the rule exempts them).",
    )
    async def quote(
        self,
        property_id: strawberry.ID,
        room_type_id: strawberry.ID,
        arrival: date,
        departure: date,
        rate_plan_id: strawberry.ID | None = None,
        adults: int = 1,
        children: int = 0,
        business_travel: bool = False,
    ) -> QuoteResult:
        try:
            taxed = await quote_with_taxes(
                property_id=decode_id(property_id, "propertyId"),
                room_type_id=decode_id(room_type_id, "roomTypeId"),
                arrival=arrival,
                departure=departure,
                rate_plan_id=decode_optional_id(rate_plan_id, "ratePlanId"),
                adults=validation.integer(adults, "adults", minimum=1, maximum=20),
                children=children,
                business_travel=business_travel,
            )
        except DomainError as error:
            return QuoteResult(quote=None, errors=[UserError.from_domain(error)])
        result, sale = taxed.quote, taxed.sale
        cur = result.currency
        nights = [
            QuoteNight(night=n.night, rate=money(n.rate, cur), price=money(n.price, cur))
            for n in result.nights
        ]
        quote = Quote(
            currency=cur,
            total=money(sale.total, cur),
            room_total=money(result.total, cur),
            prices_include_tax=sale.prices_include_tax,
            taxes=taxes_of(sale),
            nights=nights,
            rate_plan=result.rate_plan,
        )
        return QuoteResult(quote=quote, errors=[])

    @secure_field(permission="rates.read")
    async def rate_plans(self, property_id: strawberry.ID) -> list[RatePlan]:
        query = _property_rows(RatePlanRow, property_id, RatePlanRow.code)
        return [] if query is None else await query

    @secure_field(permission="rates.read", scopes={"id": RatePlanRow})
    async def rate_plan(self, info: Info, id: strawberry.ID) -> RatePlan | None:
        key = maybe_id(id)
        return (
            None
            if key is None
            else await RatePlanRow.objects().where(RatePlanRow.id == key).first()
        )

    @secure_field(permission="rates.read")
    async def base_rates(self, property_id: strawberry.ID) -> list[BaseRate]:
        query = _property_rows(BaseRateRow, property_id, BaseRateRow.room_type)
        return [] if query is None else await query

    @secure_field(permission="rates.read")
    async def tax_rates(self, property_id: strawberry.ID) -> list[TaxRate]:
        query = _property_rows(TaxRateRow, property_id, TaxRateRow.category)
        return [] if query is None else await query

    @secure_field(permission="rates.read")
    async def city_tax_rule(self, property_id: strawberry.ID) -> CityTaxRule | None:
        key = maybe_id(property_id)
        return (
            None
            if key is None
            else await CityTaxRuleRow.objects().where(CityTaxRuleRow.property == key).first()
        )
