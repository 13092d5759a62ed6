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
from ..stays.inventory import nights_between
from .service import get_rate_plan, inclusions_of
from .tables import BaseRate, RatePlan


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


# A booking's rate reads in one statement: the calendar's prices for its nights, the base
# rate, and whether the room type has any calendar price at all (a room type without any
# rate is booked unpriced). Three reads were three round trips of a booking's thirteen.
# The calendar's rows come first, so SQLite's declared types (DATE, MONEY_TEXT) convert.
STAY_RATES_SQL = (
    "SELECT 1 AS kind, night, amount FROM rates_calendar"
    " WHERE room_type = {} AND night >= {} AND night < {}"
    " UNION ALL SELECT 0, NULL, amount FROM rates_base_rate WHERE room_type = {}"
    " UNION ALL SELECT 2, NULL, NULL"
    " WHERE EXISTS (SELECT 1 FROM rates_calendar WHERE room_type = {})"
)


@dataclass(frozen=True)
class StayRates:
    """What pricing needs of one room type for a range of nights."""

    base: Decimal | None
    overrides: dict[date, Decimal]
    any_calendar: bool

    @property
    def priced(self) -> bool:
        return self.base is not None or self.any_calendar


async def stay_rates(room_type_id: int, arrival: date, departure: date) -> StayRates:
    """The base rate and calendar prices of [arrival, departure), read in one statement."""
    type_id = int(room_type_id)
    rows = await BaseRate.raw(STAY_RATES_SQL, type_id, arrival, departure, type_id, type_id)
    base = None
    overrides: dict[date, Decimal] = {}
    any_calendar = False
    for row in rows:
        if row["kind"] == 1:
            night = row["night"]
            night = date.fromisoformat(night) if isinstance(night, str) else night
            overrides[night] = Decimal(row["amount"])
        elif row["kind"] == 0:
            base = Decimal(row["amount"])
        else:
            any_calendar = True
    return StayRates(base, overrides, any_calendar)


async def price_stay(
    *,
    property_id: int,
    room_type_id: int,
    arrival: date,
    departure: date,
    rate_plan_id: int | None = None,
    adults: int = 1,
    known: tuple[Property, RoomType] | None = None,
    rates: StayRates | None = None,
) -> Quote:
    """Price every night of [arrival, departure). Refuses when a night has no rate, the plan
    is inactive or of another property, or a night's price cannot cover the plan's inclusions.
    ``known`` and ``rates``: rows a booking has just read (``rates`` of this room type and
    these nights), not read again."""
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
    if rates is None:
        rates = await stay_rates(room_type.id, arrival, departure)
    base, overrides = rates.base, rates.overrides
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
            rate = base
        rate = round_money(rate, prop.currency)
        price = apply_plan(rate, plan, prop.currency)
        if price < included:
            raise InvalidInput(
                f"The price of {night.isoformat()} does not cover the plan's inclusions.",
                field="ratePlanId",
            )
        nights.append(NightPrice(night=night, rate=rate, price=price))
    return Quote(property_id, room_type.id, plan, prop.currency, nights)
