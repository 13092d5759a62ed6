"""Rate configuration: base rates, the rate calendar, rate plans, tax rates, city tax rules
and a property's money settings. Each setter is one write transaction."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from .. import validation
from ..errors import InvalidInput
from ..money import parse_amount, parse_percent
from ..properties.service import get_property, get_room_type
from ..repository import get_or_not_found
from ..stays.inventory import nights_between
from ..transactions import run_write
from .tables import (
    ADJUSTMENT_KINDS,
    CANCELLATION_FEE_KINDS,
    CHARGE_CATEGORIES,
    CITY_TAX_KINDS,
    NO_SHOW_FEE_KINDS,
    NO_SHOW_POLICIES,
    BaseRate,
    CityTaxRule,
    MoneySettings,
    RateCalendarEntry,
    RatePlan,
    TaxRate,
)

MAX_INCLUSIONS = 10
HUNDRED = Decimal(100)


def _choice(value: str, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise InvalidInput(f"{field} must be one of {', '.join(allowed)}.", field=field)
    return value


def check_category(category: str, field: str = "category") -> str:
    return _choice(category, CHARGE_CATEGORIES, field)


async def set_base_rate(*, room_type_id: int, amount: Any) -> BaseRate:
    """Set the standard nightly price of a room type (existing bookings keep theirs)."""

    async def change() -> BaseRate:
        room_type = await get_room_type(room_type_id)
        prop = await get_property(room_type.property)
        value = parse_amount(amount, "amount", prop.currency)
        row = await BaseRate.objects().where(BaseRate.room_type == room_type_id).first()
        if row is None:
            row = BaseRate(property=prop.id, room_type=room_type_id, amount=value)
        row.amount = value
        await row.save()
        return row

    return await run_write(change, conflict_message="The rate changed concurrently; retry.")


async def set_calendar_rate(
    *, room_type_id: int, start: date, end: date, amount: Any | None
) -> list[RateCalendarEntry]:
    """Override the nightly price for the nights [start, end); ``amount`` None removes the
    overrides so the base rate applies again."""
    validation.night_range(start, end, field="end")

    async def change() -> list[RateCalendarEntry]:
        room_type = await get_room_type(room_type_id)
        prop = await get_property(room_type.property)
        nights = nights_between(start, end)
        await RateCalendarEntry.delete().where(
            (RateCalendarEntry.room_type == room_type_id)
            & (RateCalendarEntry.night >= start)
            & (RateCalendarEntry.night < end)
        )
        if amount is None:
            return []
        value = parse_amount(amount, "amount", prop.currency)
        rows = [
            RateCalendarEntry(property=prop.id, room_type=room_type_id, night=n, amount=value)
            for n in nights
        ]
        await RateCalendarEntry.insert(*rows)
        return rows

    return await run_write(change, conflict_message="The calendar changed concurrently; retry.")


def _inclusions(items: list[dict[str, Any]] | None, currency: str) -> str:
    items = items or []
    if len(items) > MAX_INCLUSIONS:
        raise InvalidInput(f"At most {MAX_INCLUSIONS} inclusions.", field="inclusions")
    cleaned = []
    for item in items:
        cleaned.append(
            {
                "name": validation.text(item.get("name"), "inclusions.name", max_length=100),
                "category": check_category(item.get("category", ""), "inclusions.category"),
                "amount": str(parse_amount(item.get("amount"), "inclusions.amount", currency)),
            }
        )
        if cleaned[-1]["category"] in ("room", "city_tax"):
            raise InvalidInput(
                "An inclusion is posted apart from the room: pick another category.",
                field="inclusions.category",
            )
    return json.dumps(cleaned)


def inclusions_of(plan: RatePlan | None) -> list[dict[str, Any]]:
    if plan is None:
        return []
    return [{**i, "amount": Decimal(i["amount"])} for i in json.loads(plan.inclusions or "[]")]


def _clean_plan(
    *,
    code: str,
    name: str,
    adjustment_kind: str,
    cancellation_fee_kind: str,
    no_show_fee_kind: str,
    cancellation_free_days: int | None,
    cancellation_fee_percent: Any,
    no_show_fee_percent: Any,
) -> tuple[str, str, Decimal, Decimal]:
    """A new plan's code, name and fee percentages, checked; every invalid field is reported
    at once (the adjustment is checked once the property's currency is known)."""
    checks = validation.Checks()
    code = checks(validation.code, code, "code")
    name = checks(validation.text, name, "name")
    checks(_choice, adjustment_kind, ADJUSTMENT_KINDS, "adjustmentKind")
    checks(_choice, cancellation_fee_kind, CANCELLATION_FEE_KINDS, "cancellationFeeKind")
    checks(_choice, no_show_fee_kind, NO_SHOW_FEE_KINDS, "noShowFeeKind")
    if cancellation_free_days is not None:
        checks(
            validation.integer,
            cancellation_free_days,
            "cancellationFreeDays",
            minimum=0,
            maximum=365,
        )
    zero = Decimal(0)
    cancel_pct = checks(
        parse_percent,
        cancellation_fee_percent,
        "cancellationFeePercent",
        minimum=zero,
        maximum=HUNDRED,
    )
    no_show_pct = checks(
        parse_percent, no_show_fee_percent, "noShowFeePercent", minimum=zero, maximum=HUNDRED
    )
    checks.done()
    return code, name, cancel_pct, no_show_pct


async def create_rate_plan(
    *,
    property_id: int,
    code: str,
    name: str,
    adjustment_kind: str = "percent",
    adjustment: Any = "0",
    inclusions: list[dict[str, Any]] | None = None,
    cancellation_free_days: int | None = None,
    cancellation_fee_kind: str = "first_night",
    cancellation_fee_percent: Any = "0",
    no_show_fee_kind: str = "none",
    no_show_fee_percent: Any = "0",
) -> RatePlan:
    """A rate plan: a price rule relative to the nightly rate, inclusions and policies."""
    code, name, cancel_pct, no_show_pct = _clean_plan(
        code=code,
        name=name,
        adjustment_kind=adjustment_kind,
        cancellation_fee_kind=cancellation_fee_kind,
        no_show_fee_kind=no_show_fee_kind,
        cancellation_free_days=cancellation_free_days,
        cancellation_fee_percent=cancellation_fee_percent,
        no_show_fee_percent=no_show_fee_percent,
    )

    async def change() -> RatePlan:
        prop = await get_property(property_id)
        if adjustment_kind == "percent":
            value = parse_percent(adjustment, "adjustment", minimum=-HUNDRED, maximum=Decimal(1000))
        else:
            value = parse_amount(
                adjustment, "adjustment", prop.currency, allow_zero=True, allow_negative=True
            )
        if await RatePlan.exists().where(
            (RatePlan.property == property_id) & (RatePlan.code == code)
        ):
            raise InvalidInput(f"A rate plan with code {code} exists already.", field="code")
        plan = RatePlan(
            property=property_id,
            code=code,
            name=name,
            adjustment_kind=adjustment_kind,
            adjustment=value,
            inclusions=_inclusions(inclusions, prop.currency),
            cancellation_free_days=cancellation_free_days,
            cancellation_fee_kind=cancellation_fee_kind,
            cancellation_fee_percent=cancel_pct,
            no_show_fee_kind=no_show_fee_kind,
            no_show_fee_percent=no_show_pct,
        )
        await plan.save()
        return plan

    return await run_write(change, conflict_message=f"Rate plan code {code} is taken.")


async def set_rate_plan_active(*, rate_plan_id: int, active: bool) -> RatePlan:
    """Stop (or resume) selling a plan; stays booked on it keep their prices and policy."""

    async def change() -> RatePlan:
        plan = await get_rate_plan(rate_plan_id)
        plan.active = active
        await plan.save()
        return plan

    return await run_write(change, conflict_message="The rate plan changed concurrently.")


async def get_rate_plan(rate_plan_id: int, *, property_id: int | None = None) -> RatePlan:
    return await get_or_not_found(
        RatePlan, rate_plan_id, name="Rate plan", field="ratePlanId", property_id=property_id
    )


async def set_tax_rate(*, property_id: int, category: str, rate: Any, name: str) -> TaxRate:
    """The tax rate charges of ``category`` get from now on (posted charges keep theirs)."""
    check_category(category)
    value = parse_percent(rate, "rate", minimum=Decimal(0), maximum=HUNDRED)
    name = validation.text(name, "name", max_length=100)

    async def change() -> TaxRate:
        await get_property(property_id)
        row = (
            await TaxRate.objects()
            .where((TaxRate.property == property_id) & (TaxRate.category == category))
            .first()
        )
        if row is None:
            row = TaxRate(property=property_id, category=category, rate=value, name=name)
        row.rate, row.name = value, name
        await row.save()
        return row

    return await run_write(change, conflict_message="The tax rate changed concurrently.")


async def tax_rate_for(property_id: int, category: str) -> Decimal:
    row = (
        await TaxRate.objects()
        .where((TaxRate.property == property_id) & (TaxRate.category == category))
        .first()
    )
    return Decimal(row.rate) if row is not None else Decimal(0)


async def set_city_tax_rule(
    *,
    property_id: int,
    kind: str,
    amount: Any,
    max_nights: int | None = None,
    child_exemption_age: int | None = None,
    business_exempt: bool = False,
    active: bool = True,
) -> CityTaxRule:
    """How the night audit charges city tax at the property (see CityTaxRule)."""
    _choice(kind, CITY_TAX_KINDS, "kind")
    if max_nights is not None:
        validation.integer(max_nights, "maxNights", minimum=1, maximum=366)
    if child_exemption_age is not None:
        validation.integer(child_exemption_age, "childExemptionAge", minimum=1, maximum=25)

    async def change() -> CityTaxRule:
        prop = await get_property(property_id)
        if kind == "percent_of_room":
            value = parse_percent(amount, "amount", minimum=Decimal(0), maximum=HUNDRED)
        else:
            value = parse_amount(amount, "amount", prop.currency, allow_zero=True)
        row = await CityTaxRule.objects().where(CityTaxRule.property == property_id).first()
        if row is None:
            row = CityTaxRule(property=property_id, amount=value)
        row.kind, row.amount, row.max_nights = kind, value, max_nights
        row.child_exemption_age, row.business_exempt, row.active = (
            child_exemption_age,
            business_exempt,
            active,
        )
        await row.save()
        return row

    return await run_write(change, conflict_message="The city tax rule changed concurrently.")


async def city_tax_rule_for(property_id: int) -> CityTaxRule | None:
    return await CityTaxRule.objects().where(CityTaxRule.property == property_id).first()


async def set_money_settings(
    *, property_id: int, prices_include_tax: bool | None = None, no_show_policy: str | None = None
) -> MoneySettings:
    if no_show_policy is not None:
        _choice(no_show_policy, NO_SHOW_POLICIES, "noShowPolicy")

    async def change() -> MoneySettings:
        await get_property(property_id)
        row = await money_settings(property_id)
        if prices_include_tax is not None:
            row.prices_include_tax = prices_include_tax
        if no_show_policy is not None:
            row.no_show_policy = no_show_policy
        await row.save()
        return row

    return await run_write(change, conflict_message="The settings changed concurrently.")


async def money_settings(property_id: int) -> MoneySettings:
    """The property's settings row, or an unsaved one holding the defaults."""
    row = await MoneySettings.objects().where(MoneySettings.property == property_id).first()
    return row or MoneySettings(
        property=property_id, prices_include_tax=True, no_show_policy="mark"
    )
