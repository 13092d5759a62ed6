"""Money arithmetic: Decimal only, rounded per line half-up to the currency's minor unit.

Every stored amount passes through :func:`round_money`, so sums of stored lines add up to the
cent. Tax is computed per line (never on totals): with tax-inclusive prices the tax is
``gross x r / (100 + r)`` and net the rest; otherwise tax is ``net x r / 100``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .errors import InvalidInput

# ISO 4217 currencies whose minor unit is not 2 digits; every other code has 2.
MINOR_UNITS = {
    "BIF": 0,
    "CLP": 0,
    "DJF": 0,
    "GNF": 0,
    "ISK": 0,
    "JPY": 0,
    "KMF": 0,
    "KRW": 0,
    "PYG": 0,
    "RWF": 0,
    "UGX": 0,
    "VND": 0,
    "VUV": 0,
    "XAF": 0,
    "XOF": 0,
    "XPF": 0,
    "BHD": 3,
    "IQD": 3,
    "JOD": 3,
    "KWD": 3,
    "LYD": 3,
    "OMR": 3,
    "TND": 3,
}
MAX_AMOUNT = Decimal("1000000000")
ZERO = Decimal(0)


def minor_unit(currency: str) -> int:
    return MINOR_UNITS.get(currency.upper(), 2)


def round_money(value: Any, currency: str) -> Decimal:
    """``value`` rounded half-up to the minor unit of ``currency`` (EUR: 0.005 -> 0.01)."""
    exponent = Decimal(1).scaleb(-minor_unit(currency))
    return Decimal(value).quantize(exponent, rounding=ROUND_HALF_UP)


def parse_amount(
    value: Any, field: str, currency: str, *, allow_zero: bool = False, allow_negative: bool = False
) -> Decimal:
    """A client-given amount as Decimal; refuses floats' noise, too many decimals, signs."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput(f"{field} is not a number.", field=field) from None
    if not amount.is_finite():
        raise InvalidInput(f"{field} must be a finite number.", field=field)
    # Before rounding: quantizing 1e999999999 raises InvalidOperation (it has no cents).
    if amount.copy_abs() > MAX_AMOUNT:
        raise InvalidInput(f"{field} is too large.", field=field)
    if amount != round_money(amount, currency):
        raise InvalidInput(
            f"{field} has more decimals than {currency} allows ({minor_unit(currency)}).",
            field=field,
        )
    if amount < 0 and not allow_negative:
        raise InvalidInput(f"{field} must not be negative.", field=field)
    if amount == 0 and not allow_zero:
        raise InvalidInput(f"{field} must be greater than zero.", field=field)
    return round_money(amount, currency)


def parse_percent(value: Any, field: str, *, minimum: Decimal, maximum: Decimal) -> Decimal:
    try:
        percent = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput(f"{field} is not a number.", field=field) from None
    if not percent.is_finite() or percent < minimum or percent > maximum:
        raise InvalidInput(f"{field} must be between {minimum} and {maximum}.", field=field)
    if percent != percent.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP):
        raise InvalidInput(f"{field} may have at most 3 decimals.", field=field)
    return percent


@dataclass(frozen=True)
class Line:
    """The revenue split of one charge line."""

    net: Decimal
    tax: Decimal
    gross: Decimal


def split_line(
    quantity: int, unit_price: Decimal, rate: Decimal, currency: str, *, inclusive: bool
) -> Line:
    """Net, tax and gross of ``quantity`` x ``unit_price`` at ``rate`` percent, per line."""
    amount = round_money(Decimal(quantity) * unit_price, currency)
    if inclusive:
        tax = round_money(amount * rate / (Decimal(100) + rate), currency)
        return Line(net=amount - tax, tax=tax, gross=amount)
    tax = round_money(amount * rate / Decimal(100), currency)
    return Line(net=amount, tax=tax, gross=amount + tax)


def fmt(value: Decimal, currency: str) -> str:
    """A stored amount as a plain decimal string with the currency's minor digits."""
    return str(round_money(value, currency))


def plain(value: Any) -> Decimal:
    """A percentage without trailing zeros or exponent: 7.000 -> 7, 10 -> 10, 5.50 -> 5.5."""
    number = Decimal(value).normalize()
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number
