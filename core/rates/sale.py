"""What a stay was sold at: its nightly prices (kept at booking in ``folios_stay_night_rate``),
its rate plan, the taxes those nights carry and the total the guest pays for them.

The lines are the ones the night audit posts (``night_charges``), split at the property's
current tax rates, so the summary a desk shows before arrival is what the folio will hold
after the last night (as long as tax rates and the city tax rule do not change).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..money import ZERO, plain, split_line
from ..stays.tables import Stay
from .night_charges import SoldTerms, night_charges
from .tables import CityTaxRule, RatePlan, TaxRate


@dataclass(frozen=True)
class SoldNight:
    night: date
    price: Decimal


@dataclass(frozen=True)
class SaleTax:
    """``kind`` ``vat`` (one line per rate, ``rate`` in percent) or ``city_tax``."""

    kind: str
    name: str
    rate: Decimal | None
    amount: Decimal
    included: bool  # already part of the nightly prices


@dataclass(frozen=True)
class Sale:
    currency: str
    rate_plan: RatePlan | None
    prices_include_tax: bool
    nights: list[SoldNight]
    taxes: list[SaleTax]
    total: Decimal

    @property
    def room_total(self) -> Decimal:
        return sum((n.price for n in self.nights), ZERO)


@dataclass(frozen=True)
class SaleTerms:
    """What pricing a stay's nights depends on, as the caller has read it."""

    terms: SoldTerms | None
    plan: RatePlan | None
    rule: CityTaxRule | None
    tax_rates: Mapping[str, TaxRate]  # by category
    prices_include_tax: bool
    currency: str


def sale_of(stay: Stay, prices: Mapping[date, Decimal], given: SaleTerms) -> Sale | None:
    """The sale summary of ``stay`` from its night ``prices``; None for a stay booked without
    prices (its room type had no rate)."""
    if not prices:
        return None
    vat: dict[Decimal, list] = {}
    city_tax, total = ZERO, ZERO
    for night in sorted(prices):
        lines = night_charges(
            stay,
            night,
            prices[night],
            plan=given.plan,
            terms=given.terms,
            rule=given.rule,
            currency=given.currency,
        )
        for line in lines:
            row = given.tax_rates.get(line.category)
            rate = Decimal(row.rate) if row is not None else ZERO
            split = split_line(
                line.quantity,
                line.unit_price,
                rate,
                given.currency,
                inclusive=given.prices_include_tax,
            )
            total += split.gross
            if line.category == "city_tax":
                city_tax += split.net
            if split.tax:
                bucket = vat.setdefault(plain(rate), [row.name if row else "", ZERO])
                bucket[1] += split.tax
    taxes = [
        SaleTax("vat", name or f"VAT {rate} %", rate, amount, given.prices_include_tax)
        for rate, (name, amount) in sorted(vat.items())
    ]
    if city_tax:
        rule = given.rule
        percent = plain(rule.amount) if rule and rule.kind == "percent_of_room" else None
        taxes.append(SaleTax("city_tax", "City tax", percent, city_tax, False))
    nights = [SoldNight(night, prices[night]) for night in sorted(prices)]
    return Sale(given.currency, given.plan, given.prices_include_tax, nights, taxes, total)
