"""A quote with its taxes: what a guest will pay for a prospective stay.

The desk's ``quote``, the website's quote and its booking confirmation all show this, and it
is what ``Stay.sale`` shows once the stay is booked: the nights priced by ``price_stay``,
each night's charge lines by the night audit's rule (``night_charges``: inclusions, room,
city tax per the property's rule), split at the property's tax rates, inclusive or not as its
money settings say (``sale_of``). No tax arithmetic of its own, so the figures cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import validation
from ..errors import InvalidInput
from ..stays.tables import Stay
from .night_charges import QuotedTerms
from .pricing import Quote, price_stay
from .sale import Sale, SaleTerms, sale_of
from .service import city_tax_rule_for, money_settings
from .tables import TaxRate


@dataclass(frozen=True)
class TaxedQuote:
    """The nightly prices (``quote``) and what they come to with taxes (``sale``)."""

    quote: Quote
    sale: Sale


async def sale_terms(property_id: int, quote: Quote, *, business_travel: bool = False) -> SaleTerms:
    """The property's tax rates, city tax rule and money settings as a sale is split at."""
    rates = await TaxRate.objects().where(TaxRate.property == property_id)
    settings = await money_settings(property_id)
    terms = QuotedTerms(business_travel=business_travel)
    return SaleTerms(
        terms=terms,
        plan=quote.rate_plan,
        rule=await city_tax_rule_for(property_id),
        tax_rates={row.category: row for row in rates},
        prices_include_tax=settings.prices_include_tax,
        currency=quote.currency,
    )


async def quote_with_taxes(
    *,
    property_id: int,
    room_type_id: int,
    arrival: date,
    departure: date,
    rate_plan_id: int | None = None,
    adults: int = 1,
    children: int = 0,
    business_travel: bool = False,
) -> TaxedQuote:
    """Price [arrival, departure) and split it into taxes as the booked stay would be.
    Refuses what ``price_stay`` refuses (no rate, inactive plan, bad range)."""
    validation.integer(children, "children", minimum=0, maximum=20)
    quote = await price_stay(
        property_id=property_id,
        room_type_id=room_type_id,
        arrival=arrival,
        departure=departure,
        rate_plan_id=rate_plan_id,
        adults=adults,
    )
    # The stay as it would be booked: the night rule reads its guests and arrival only.
    prospective = Stay(
        property=property_id,
        room_type=room_type_id,
        arrival=arrival,
        departure=departure,
        adults=adults,
        children=children,
    )
    given = await sale_terms(property_id, quote, business_travel=business_travel)
    sale = sale_of(prospective, {n.night: n.price for n in quote.nights}, given)
    if sale is None:  # unreachable: a valid range has a night, and price_stay prices each
        raise InvalidInput("The stay has no nights.", field="departure")
    return TaxedQuote(quote=quote, sale=sale)
