"""Rate mutations (base rates, the calendar, rate plans, taxes, city tax, money settings):
one ``input`` each, a payload with the result and ``errors``. Amounts and percentages come
in as strings and are checked by core, so a malformed one is a UserError."""

from __future__ import annotations

from datetime import date

import strawberry

from frontdesk.core.errors import DomainError
from frontdesk.core.rates import service as rates

from ..common.errors import UserError, decode_id, run_mutation
from ..folios.types import (
    ChargeCategory,
)
from .types import (
    AdjustmentKind,
    BaseRate,
    CancellationFeeKind,
    CityTaxKind,
    CityTaxRule,
    NoShowFeeKind,
    NoShowPolicy,
    RatePlan,
    TaxRate,
)

# --- rates -----------------------------------------------------------------------------------


@strawberry.input
class SetBaseRateInput:
    room_type_id: strawberry.ID
    amount: str


@strawberry.type
class BaseRatePayload:
    base_rate: BaseRate | None
    errors: list[UserError]


@strawberry.input
class SetCalendarRateInput:
    room_type_id: strawberry.ID
    start: date
    end: date = strawberry.field(description="Exclusive: the nights [start, end).")
    amount: str | None = strawberry.field(
        default=None, description="None removes the overrides (the base rate applies)."
    )


@strawberry.type
class CalendarRatePayload:
    nights: int | None
    errors: list[UserError]


@strawberry.input
class RatePlanInclusionInput:
    name: str
    category: ChargeCategory
    amount: str


@strawberry.input
class CreateRatePlanInput:
    property_id: strawberry.ID
    code: str
    name: str
    adjustment_kind: AdjustmentKind = AdjustmentKind.PERCENT
    adjustment: str = "0"
    inclusions: list[RatePlanInclusionInput] | None = None
    cancellation_free_days: int | None = None
    cancellation_fee_kind: CancellationFeeKind = CancellationFeeKind.FIRST_NIGHT
    cancellation_fee_percent: str = "0"
    no_show_fee_kind: NoShowFeeKind = NoShowFeeKind.NONE
    no_show_fee_percent: str = "0"


@strawberry.input
class SetRatePlanActiveInput:
    rate_plan_id: strawberry.ID
    active: bool


@strawberry.type
class RatePlanPayload:
    rate_plan: RatePlan | None
    errors: list[UserError]


@strawberry.input
class SetTaxRateInput:
    property_id: strawberry.ID
    category: ChargeCategory
    rate: str
    name: str


@strawberry.type
class TaxRatePayload:
    tax_rate: TaxRate | None
    errors: list[UserError]


@strawberry.input
class SetCityTaxRuleInput:
    property_id: strawberry.ID
    kind: CityTaxKind
    amount: str
    max_nights: int | None = None
    child_exemption_age: int | None = None
    business_exempt: bool = False
    active: bool = True


@strawberry.type
class CityTaxRulePayload:
    city_tax_rule: CityTaxRule | None
    errors: list[UserError]


@strawberry.input
class SetMoneySettingsInput:
    property_id: strawberry.ID
    prices_include_tax: bool | None = None
    no_show_policy: NoShowPolicy | None = None


@strawberry.type
class MoneySettingsPayload:
    prices_include_tax: bool | None
    no_show_policy: NoShowPolicy | None
    errors: list[UserError]


@strawberry.type
class RateMutation:
    @strawberry.mutation
    async def set_base_rate(self, input: SetBaseRateInput) -> BaseRatePayload:
        return await run_mutation(
            BaseRatePayload,
            "base_rate",
            lambda: rates.set_base_rate(
                room_type_id=decode_id(input.room_type_id, "roomTypeId"), amount=input.amount
            ),
        )

    @strawberry.mutation
    async def set_calendar_rate(self, input: SetCalendarRateInput) -> CalendarRatePayload:
        async def action() -> int:
            rows = await rates.set_calendar_rate(
                room_type_id=decode_id(input.room_type_id, "roomTypeId"),
                start=input.start,
                end=input.end,
                amount=input.amount,
            )
            return len(rows)

        return await run_mutation(CalendarRatePayload, "nights", action)

    @strawberry.mutation
    async def create_rate_plan(self, input: CreateRatePlanInput) -> RatePlanPayload:
        return await run_mutation(
            RatePlanPayload,
            "rate_plan",
            lambda: rates.create_rate_plan(
                property_id=decode_id(input.property_id, "propertyId"),
                code=input.code,
                name=input.name,
                adjustment_kind=input.adjustment_kind.value,
                adjustment=input.adjustment,
                inclusions=[
                    {"name": i.name, "category": i.category.value, "amount": i.amount}
                    for i in input.inclusions or []
                ],
                cancellation_free_days=input.cancellation_free_days,
                cancellation_fee_kind=input.cancellation_fee_kind.value,
                cancellation_fee_percent=input.cancellation_fee_percent,
                no_show_fee_kind=input.no_show_fee_kind.value,
                no_show_fee_percent=input.no_show_fee_percent,
            ),
        )

    @strawberry.mutation
    async def set_rate_plan_active(self, input: SetRatePlanActiveInput) -> RatePlanPayload:
        return await run_mutation(
            RatePlanPayload,
            "rate_plan",
            lambda: rates.set_rate_plan_active(
                rate_plan_id=decode_id(input.rate_plan_id, "ratePlanId"), active=input.active
            ),
        )

    @strawberry.mutation
    async def set_tax_rate(self, input: SetTaxRateInput) -> TaxRatePayload:
        return await run_mutation(
            TaxRatePayload,
            "tax_rate",
            lambda: rates.set_tax_rate(
                property_id=decode_id(input.property_id, "propertyId"),
                category=input.category.value,
                rate=input.rate,
                name=input.name,
            ),
        )

    @strawberry.mutation
    async def set_city_tax_rule(self, input: SetCityTaxRuleInput) -> CityTaxRulePayload:
        return await run_mutation(
            CityTaxRulePayload,
            "city_tax_rule",
            lambda: rates.set_city_tax_rule(
                property_id=decode_id(input.property_id, "propertyId"),
                kind=input.kind.value,
                amount=input.amount,
                max_nights=input.max_nights,
                child_exemption_age=input.child_exemption_age,
                business_exempt=input.business_exempt,
                active=input.active,
            ),
        )

    @strawberry.mutation
    async def set_money_settings(self, input: SetMoneySettingsInput) -> MoneySettingsPayload:
        async def action() -> MoneySettingsPayload:
            row = await rates.set_money_settings(
                property_id=decode_id(input.property_id, "propertyId"),
                prices_include_tax=input.prices_include_tax,
                no_show_policy=input.no_show_policy.value if input.no_show_policy else None,
            )
            return MoneySettingsPayload(
                prices_include_tax=row.prices_include_tax,
                no_show_policy=NoShowPolicy(row.no_show_policy),
                errors=[],
            )

        try:
            return await action()
        except DomainError as error:
            return MoneySettingsPayload(
                prices_include_tax=None, no_show_policy=None, errors=[UserError.from_domain(error)]
            )
