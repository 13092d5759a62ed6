"""The Money type (an exact decimal amount with its currency) and the rule for which output
fields are money, for core's areas and the plugins alike (docs/money.md)."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from frontdesk.core.money import round_money


@strawberry.type(
    description="An amount of money: a decimal string with the currency's minor units "
    '("380.50", "0.00", JPY "1200") and its ISO 4217 currency code.'
)
class Money:
    amount: Decimal
    currency: str


#: The rule for output fields (tests/graphql/test_money_shape.py walks the schema): a field
#: whose type is the ``Decimal`` scalar, or whose name ends in a money word (``amount``,
#: ``price``, ``total``, ``balance``...), is money and must be ``Money``, unless it is listed
#: here with the reason it is not. Plugins follow the same rule; a number that is not money
#: (a percentage, a ratio) is added here by the change that adds it.
NOT_MONEY: dict[str, str] = {
    "FolioEntry.taxRate": "percent",
    "InvoiceTaxLine.rate": "percent",
    "TaxRate.rate": "percent",
    "StayTax.rate": "percent",
    "NightAuditReport.occupancyPercent": "percent",
    "RatePlan.cancellationFeePercent": "percent",
    "RatePlan.noShowFeePercent": "percent",
    "RatePlan.adjustment": "percent or amount by adjustmentKind; adjustmentAmount is Money",
    "CityTaxRule.amount": "percent or amount by kind; perPersonNight is Money",
}


def money(value: Decimal | str | int, currency: str) -> Money:
    """``value`` as Money: an exact Decimal rounded to the currency's minor units, so the
    amount reads the same on SQLite and PostgreSQL ("380.50", "0.00", JPY "1200")."""
    return Money(amount=round_money(Decimal(value), currency), currency=currency)


def optional_money(value: Decimal | str | int | None, currency: str | None) -> Money | None:
    """Money, or None when there is no amount (an optional price)."""
    if value is None or currency is None:
        return None
    return money(value, currency)
