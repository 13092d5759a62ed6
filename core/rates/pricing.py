"""Pricing a stay night by night: calendar override or base rate, then the rate plan's rule.

The same function prices a ``quote`` and a booking, so a guest is booked at what was quoted
(as long as the rates did not change in between); the booking then keeps those prices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import validation
from ..errors import Conflict, InvalidInput
from ..money import round_money
from ..properties.service import get_property, get_room_type
from ..properties.tables import Property, RoomType
from ..repository import find_row, find_rows
from ..stays.inventory import nights_between
from .service import get_rate_plan, inclusions_of
from .tables import BaseRate, RateCalendarEntry, RatePlan


@dataclass(frozen=True)
class NightPrice:
    night: date
    rate: Decimal  # the base or calendar rate before the plan
    price: Decimal  # what the night sells for


@dataclass(frozen=True)
class Quote:
    property_id: int
    room_type_id: int
    rate_plan: RatePlan | None
    currency: str
    nights: list[NightPrice]

    @property
    def total(self) -> Decimal:
        return sum((n.price for n in self.nights), Decimal(0))


def apply_plan(rate: Decimal, plan: RatePlan | None, currency: str) -> Decimal:
    if plan is None:
        return rate
    adjustment = Decimal(plan.adjustment)
    if plan.adjustment_kind == "percent":
        price = rate * (Decimal(100) + adjustment) / Decimal(100)
    else:
        price = rate + adjustment
    return round_money(max(price, Decimal(0)), currency)


async def price_stay(
    *,
    property_id: int,
    room_type_id: int,
    arrival: date,
    departure: date,
    rate_plan_id: int | None = None,
    adults: int = 1,
    known: tuple[Property, RoomType] | None = None,
    base_rate: BaseRate | None = None,
) -> Quote:
    """Price every night of [arrival, departure). Refuses when a night has no rate, the plan
    is inactive or of another property, or a night's price cannot cover the plan's inclusions.
    ``known`` and ``base_rate``: rows a booking has just read, not read again."""
    validation.night_range(arrival, departure)
    if known is not None and (known[0].id, known[1].id) == (property_id, room_type_id):
        prop, room_type = known  # the caller (a booking) has just read both
    else:
        prop = await get_property(property_id)
        room_type = await get_room_type(room_type_id, property_id=property_id)
    plan = None
    if rate_plan_id is not None:
        plan = await get_rate_plan(rate_plan_id, property_id=property_id)
        if not plan.active:
            raise InvalidInput(f"Rate plan {plan.code} is not sold any more.", field="ratePlanId")
    base = base_rate if base_rate is not None and base_rate.room_type == room_type.id else None
    if base is None:
        base = await find_row(BaseRate, BaseRate.room_type == room_type.id)
    overrides = {
        row.night: Decimal(row.amount)
        for row in await find_rows(
            RateCalendarEntry,
            (RateCalendarEntry.room_type == room_type.id)
            & (RateCalendarEntry.night >= arrival)
            & (RateCalendarEntry.night < departure),
        )
    }
    included = sum((i["amount"] for i in inclusions_of(plan)), Decimal(0)) * adults
    nights = []
    for night in nights_between(arrival, departure):
        rate = overrides.get(night)
        if rate is None:
            if base is None:
                raise Conflict(
                    f"Room type {room_type.code} has no rate for {night.isoformat()}.",
                    field="roomTypeId",
                )
            rate = Decimal(base.amount)
        rate = round_money(rate, prop.currency)
        price = apply_plan(rate, plan, prop.currency)
        if price < included:
            raise InvalidInput(
                f"The price of {night.isoformat()} does not cover the plan's inclusions.",
                field="ratePlanId",
            )
        nights.append(NightPrice(night=night, rate=rate, price=price))
    return Quote(property_id, room_type.id, plan, prop.currency, nights)
