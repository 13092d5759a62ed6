"""Plain, immutable double-entry ledger types used by the accounting bridge.

The bridge turns folio activity (charges, payments, transfers, payroll accruals)
into journal entries and exports them for an external bookkeeping system. These
types carry no database or framework dependencies so that exports and checks can
be tested, and reasoned about, in isolation.

Sign convention (the same one hledger and Beancount use): a posting amount is
positive for a debit and negative for a credit, so a balanced entry sums to zero
in every currency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal, get_args

AccountKind = Literal["asset", "liability", "equity", "revenue", "expense"]
ACCOUNT_KINDS: tuple[str, ...] = get_args(AccountKind)

# Codes end up inside hledger and Beancount account names. Restricting them here
# (Beancount components allow only letters, digits and "-") means no exporter
# ever has to mangle a code, so a code in an export always matches the chart.
ACCOUNT_CODE_PATTERN = re.compile(r"^[0-9A-Z][0-9A-Za-z-]*$")
# ISO 4217 style codes are valid commodities in both hledger and Beancount.
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Account:
    """One account of the chart; `code` is the stable key used by postings."""

    code: str
    name: str
    kind: AccountKind

    def __post_init__(self) -> None:
        if not ACCOUNT_CODE_PATTERN.match(self.code):
            raise ValueError(
                f"account code {self.code!r} must match {ACCOUNT_CODE_PATTERN.pattern}"
            )
        if self.kind not in ACCOUNT_KINDS:
            raise ValueError(f"account kind {self.kind!r} is not one of {ACCOUNT_KINDS}")
        if not self.name.strip():
            raise ValueError(f"account {self.code} needs a name")


@dataclass(frozen=True)
class Posting:
    """One line of a journal entry: debit positive, credit negative."""

    account_code: str
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        # Floats would silently introduce binary rounding errors into money.
        if not isinstance(self.amount, Decimal):
            raise TypeError(f"posting amount must be a Decimal, got {type(self.amount).__name__}")
        if not self.amount.is_finite():
            raise ValueError(f"posting amount must be finite, got {self.amount}")
        if not CURRENCY_PATTERN.match(self.currency):
            raise ValueError(f"currency {self.currency!r} must be a three-letter ISO 4217 code")
        if not ACCOUNT_CODE_PATTERN.match(self.account_code):
            raise ValueError(f"account code {self.account_code!r} is not a valid code")


@dataclass(frozen=True)
class JournalEntry:
    """A dated, balanced group of postings with a pointer back to its source.

    `source_type`/`source_id` name the hotel object that caused the entry (for
    example a folio charge), and `reverses_entry_id` links a correction to the
    entry it cancels: entries are never edited, only reversed, so an exported
    ledger stays reproducible. `invoice_number` names the document the entry
    belongs to (the invoice of its folio), the reference an auditor follows.
    """

    id: int
    property_code: str
    business_date: date
    description: str
    source_type: str
    source_id: str | None
    postings: tuple[Posting, ...]
    reverses_entry_id: int | None = None
    invoice_number: str | None = None

    def __post_init__(self) -> None:
        # Accept any iterable for convenience but store a tuple to stay hashable
        # and immutable.
        if not isinstance(self.postings, tuple):
            object.__setattr__(self, "postings", tuple(self.postings))
        if not self.postings:
            raise ValueError(f"journal entry {self.id} has no postings")


def sums_by_currency(postings: Iterable[Posting]) -> dict[str, Decimal]:
    """Sum posting amounts per currency."""
    totals: dict[str, Decimal] = {}
    for posting in postings:
        totals[posting.currency] = totals.get(posting.currency, Decimal(0)) + posting.amount
    return totals


def assert_balanced(entry: JournalEntry) -> None:
    """Raise ValueError unless the entry's postings sum to zero in every currency.

    Balancing per currency (not across currencies) is what both hledger and
    Beancount require when no exchange rate is given, and the bridge never
    converts currencies itself.
    """
    imbalances = {
        currency: total for currency, total in sums_by_currency(entry.postings).items() if total
    }
    if imbalances:
        detail = ", ".join(f"{total} {currency}" for currency, total in sorted(imbalances.items()))
        raise ValueError(f"journal entry {entry.id} is not balanced: off by {detail}")


def trial_balance(entries: Iterable[JournalEntry]) -> dict[tuple[str, str], Decimal]:
    """Balance per (account_code, currency) over the given entries.

    Keyed per currency because adding EUR to USD would be meaningless. Accounts
    that were touched but net to zero are kept (with Decimal 0) so a report shows
    that they moved; the key order is sorted for stable output.
    """
    balances: dict[tuple[str, str], Decimal] = {}
    for entry in entries:
        for posting in entry.postings:
            key = (posting.account_code, posting.currency)
            balances[key] = balances.get(key, Decimal(0)) + posting.amount
    return dict(sorted(balances.items()))
