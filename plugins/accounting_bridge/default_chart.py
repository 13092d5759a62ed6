"""The chart of accounts a new hotel starts with, plus small lookup helpers.

The numbering loosely follows the common "1 assets, 2 liabilities, 3 equity,
4 revenue, 6 expenses" layout so an accountant recognises it at a glance; a
property can map the codes onto its own chart in the bookkeeping system.

VAT scheme: there is one "VAT payable" account per tax rate, coded
``2200-<rate>`` where ``<rate>`` is the percentage with trailing zeros removed
and a decimal point written as ``p`` (19 % -> ``2200-19``, 7 % -> ``2200-7``,
5.5 % -> ``2200-5p5``). One account per rate is what VAT returns ask for, and
``p`` instead of ``.`` keeps the code valid as a Beancount account component.

City tax is collected on behalf of the municipality, so the ``city_tax`` charge
category credits the liability 2300, not a revenue account.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType

from .ledger_model import Account

CASH = "1000"
CARD_CLEARING = "1010"
BANK = "1020"
GUEST_LEDGER = "1200"
CITY_LEDGER = "1210"
DEPOSITS_RECEIVED = "2100"
VAT_PAYABLE_PREFIX = "2200"
CITY_TAX_PAYABLE = "2300"
ACCRUED_WAGES = "2400"
OPENING_BALANCE_EQUITY = "3000"
ROOM_REVENUE = "4000"
FOOD_AND_BEVERAGE_REVENUE = "4100"
MINIBAR_REVENUE = "4200"
SPA_REVENUE = "4300"
FEE_REVENUE = "4400"
OTHER_REVENUE = "4800"
ROUNDING = "4900"
LABOUR_COST = "6000"

# German standard and reduced rates; other countries pass their own rates.
DEFAULT_VAT_RATES: tuple[Decimal, ...] = (Decimal("7"), Decimal("19"))

BASE_ACCOUNTS: tuple[Account, ...] = (
    Account(CASH, "Cash", "asset"),
    Account(CARD_CLEARING, "Card clearing", "asset"),
    Account(BANK, "Bank", "asset"),
    Account(GUEST_LEDGER, "Guest ledger", "asset"),
    Account(CITY_LEDGER, "City ledger (accounts receivable)", "asset"),
    Account(DEPOSITS_RECEIVED, "Deposits received", "liability"),
    Account(CITY_TAX_PAYABLE, "City tax payable", "liability"),
    Account(ACCRUED_WAGES, "Accrued wages", "liability"),
    Account(OPENING_BALANCE_EQUITY, "Opening balance equity", "equity"),
    Account(ROOM_REVENUE, "Room revenue", "revenue"),
    Account(FOOD_AND_BEVERAGE_REVENUE, "Food and beverage revenue", "revenue"),
    Account(MINIBAR_REVENUE, "Minibar revenue", "revenue"),
    Account(SPA_REVENUE, "Spa revenue", "revenue"),
    Account(FEE_REVENUE, "Fee revenue", "revenue"),
    Account(OTHER_REVENUE, "Other revenue", "revenue"),
    Account(ROUNDING, "Rounding differences", "revenue"),
    Account(LABOUR_COST, "Labour cost", "expense"),
)

CHARGE_CATEGORY_ACCOUNTS: Mapping[str, str] = MappingProxyType(
    {
        "room": ROOM_REVENUE,
        "food_and_beverage": FOOD_AND_BEVERAGE_REVENUE,
        "minibar": MINIBAR_REVENUE,
        "spa": SPA_REVENUE,
        "city_tax": CITY_TAX_PAYABLE,
        "fee": FEE_REVENUE,
        "other": OTHER_REVENUE,
    }
)


def _rate_label(rate: Decimal) -> str:
    if not isinstance(rate, Decimal) or not rate.is_finite():
        raise ValueError(f"VAT rate must be a finite Decimal, got {rate!r}")
    if rate <= 0 or rate >= 100:
        raise ValueError(f"VAT rate must be a percentage between 0 and 100, got {rate}")
    text = format(rate.normalize(), "f")
    return text.replace(".", "p")


def vat_account_code(rate: Decimal) -> str:
    """Account code of the VAT payable account for a rate given in percent."""
    return f"{VAT_PAYABLE_PREFIX}-{_rate_label(rate)}"


def vat_account(rate: Decimal) -> Account:
    """The VAT payable account for a rate given in percent (19 means 19 %)."""
    percent = format(rate.normalize(), "f")
    return Account(vat_account_code(rate), f"VAT payable {percent} %", "liability")


def revenue_account_code(charge_category: str) -> str:
    """Account credited for a charge of the given category (see module docstring)."""
    try:
        return CHARGE_CATEGORY_ACCOUNTS[charge_category]
    except KeyError:
        known = ", ".join(sorted(CHARGE_CATEGORY_ACCOUNTS))
        raise KeyError(f"unknown charge category {charge_category!r}; known: {known}") from None


def default_chart(vat_rates: Iterable[Decimal] = DEFAULT_VAT_RATES) -> tuple[Account, ...]:
    """The starting chart: base accounts plus one VAT account per rate, by code."""
    accounts = {account.code: account for account in BASE_ACCOUNTS}
    for rate in vat_rates:
        vat = vat_account(rate)
        accounts[vat.code] = vat
    return tuple(sorted(accounts.values(), key=lambda account: account.code))


def account_by_code(code: str, chart: Iterable[Account] | None = None) -> Account:
    """Find an account in `chart` (the default chart when omitted) or raise KeyError."""
    for account in default_chart() if chart is None else chart:
        if account.code == code:
            return account
    raise KeyError(f"no account with code {code!r}")
