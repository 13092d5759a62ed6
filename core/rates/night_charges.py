"""What one night of a stay charges: the room (less the rate plan's inclusions), each
inclusion under its own category, and city tax. One rule for the night audit, which posts
these lines, and for a stay's sale summary, which shows them before they are posted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from ..money import ZERO, round_money
from ..stays.tables import Stay
from .service import inclusions_of
from .tables import CityTaxRule, RatePlan


class SoldTerms(Protocol):
    """What a stay's sale terms say that its nights' charges depend on: a booked stay's
    ``StayTerms`` row (core/folios/tables.py), or a quote's ``QuotedTerms``."""

    business_travel: bool


@dataclass(frozen=True)
class QuotedTerms:
    """The terms of a stay not booked yet (a quote)."""

    business_travel: bool = False


@dataclass(frozen=True)
class NightCharge:
    """One charge line of a night; ``key`` ends the posting's idempotency key."""

    key: str
    category: str
    description: str
    quantity: int
    unit_price: Decimal


def night_charges(
    stay: Stay,
    day: date,
    price: Decimal,
    *,
    plan: RatePlan | None,
    terms: SoldTerms | None,
    rule: CityTaxRule | None,
    currency: str,
) -> list[NightCharge]:
    """The lines of night ``day`` sold at ``price``: inclusions (per adult), the room's
    rest, then city tax unless the rule exempts the night (business travel, past
    ``max_nights``) or it comes to nothing."""
    lines, room_part = [], price
    for index, item in enumerate(inclusions_of(plan)):
        room_part -= item["amount"] * stay.adults
        lines.append(
            NightCharge(
                f"incl{index}",
                item["category"],
                f"{item['name']} {day.isoformat()}",
                stay.adults,
                item["amount"],
            )
        )
    label = f"Room {day.isoformat()}" + (f" ({plan.code})" if plan else "")
    lines.append(NightCharge("room", "room", label, 1, room_part))
    city_tax = _city_tax(stay, day, room_part, terms, rule, currency)
    if city_tax is not None:
        lines.append(city_tax)
    return lines


def _city_tax(
    stay: Stay,
    day: date,
    room_part: Decimal,
    terms: SoldTerms | None,
    rule: CityTaxRule | None,
    currency: str,
) -> NightCharge | None:
    if rule is None or not rule.active:
        return None
    if rule.business_exempt and terms is not None and terms.business_travel:
        return None
    if rule.max_nights is not None and (day - stay.arrival).days >= rule.max_nights:
        return None
    if rule.kind == "per_person_night":
        persons = stay.adults + (0 if rule.child_exemption_age is not None else stay.children)
        quantity, unit = persons, Decimal(rule.amount)
    else:
        quantity, unit = 1, round_money(room_part * Decimal(rule.amount) / 100, currency)
    if quantity == 0 or unit <= ZERO:
        return None
    return NightCharge("city_tax", "city_tax", f"City tax {day.isoformat()}", quantity, unit)
