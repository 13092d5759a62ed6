"""Rate mutations (base rates, the calendar, rate plans, taxes, city tax, money settings):
one ``input`` each, a payload with the result and ``errors``. Amounts and percentages come
in as strings and are checked by core, so a malformed one is a UserError."""

from __future__ import annotations

from datetime import date

import strawberry

from frontdesk.core.errors import DomainError
from frontdesk.core.rates import service as rates

from ..common.contributions import secure_mutation
from ..common.errors import UserError, decode_id
from ..common.mutations import service_mutation
from .types import (
    AdjustmentKind,
    BaseRate,
    CancellationFeeKind,
    ChargeCategory,
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


def _inclusions(inclusions: list[RatePlanInclusionInput] | None) -> list[dict]:
    return [
        {"name": i.name, "category": i.category.value, "amount": i.amount} for i in inclusions or []
    ]


@strawberry.type
class RateMutation:
    set_base_rate = service_mutation(
        rates.set_base_rate,
        BaseRatePayload,
        "base_rate",
        input=SetBaseRateInput,
        actor=False,
        permission="rates.write",
    )
    set_calendar_rate = service_mutation(
        rates.set_calendar_rate,
        CalendarRatePayload,
        "nights",
        input=SetCalendarRateInput,
        actor=False,
        then=len,
        permission="rates.write",
    )
    create_rate_plan = service_mutation(
        rates.create_rate_plan,
        RatePlanPayload,
        "rate_plan",
        input=CreateRatePlanInput,
        actor=False,
        convert={"inclusions": _inclusions},
        permission="rates.write",
    )
    set_rate_plan_active = service_mutation(
        rates.set_rate_plan_active,
        RatePlanPayload,
        "rate_plan",
        input=SetRatePlanActiveInput,
        actor=False,
        permission="rates.write",
    )
    set_tax_rate = service_mutation(
        rates.set_tax_rate,
        TaxRatePayload,
        "tax_rate",
        input=SetTaxRateInput,
        actor=False,
        permission="rates.write",
    )
    set_city_tax_rule = service_mutation(
        rates.set_city_tax_rule,
        CityTaxRulePayload,
        "city_tax_rule",
        input=SetCityTaxRuleInput,
        actor=False,
        permission="rates.write",
    )

    @secure_mutation(permission="rates.write")
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
