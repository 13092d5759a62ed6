"""The city ledger (accounts receivable): company and travel-agent accounts that take over
folio balances at check-out within a credit limit, and pay later.

Ageing applies payments to the oldest open transfers first (FIFO) and sorts what remains by
the age of its transfer on the ``as_of`` date: current (< 30 days), 30, 60 and 90+ days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .. import events, validation
from ..errors import Conflict, InvalidInput
from ..money import ZERO, parse_amount, round_money
from ..properties.service import get_property
from ..repository import get_or_not_found
from ..transactions import run_write
from .ledger import now
from .tables import ACCOUNT_KINDS, PAYMENT_METHODS, CityLedgerAccount, CityLedgerEntry


async def get_account(
    account_id: int, *, property_id: int | None = None, lock: bool = False
) -> CityLedgerAccount:
    """The account, or NotFound; with ``lock`` its row is locked for the transaction first
    (``repository.lock_row``), so payments and transfers on one account serialize."""
    return await get_or_not_found(
        CityLedgerAccount,
        account_id,
        name="City-ledger account",
        field="accountId",
        property_id=property_id,
        lock=lock,
    )


async def lock_account(account_id: int) -> CityLedgerAccount:
    return await get_account(account_id, lock=True)


async def ledger_entries(account_id: int) -> list[CityLedgerEntry]:
    return (
        await CityLedgerEntry.objects()
        .where(CityLedgerEntry.account == account_id)
        .order_by(CityLedgerEntry.seq)
    )


def ledger_balance(entries: list[CityLedgerEntry], currency: str) -> Decimal:
    return round_money(sum((Decimal(e.amount) for e in entries), ZERO), currency)


async def create_account(
    *,
    property_id: int,
    code: str,
    name: str,
    kind: str = "company",
    credit_limit: Any,
    address: str = "",
) -> CityLedgerAccount:
    code = validation.code(code, "code")
    name = validation.text(name, "name")
    address = validation.text(address, "address", max_length=1000, required=False)
    if kind not in ACCOUNT_KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(ACCOUNT_KINDS)}.", field="kind")

    async def change() -> CityLedgerAccount:
        prop = await get_property(property_id)
        limit = parse_amount(credit_limit, "creditLimit", prop.currency, allow_zero=True)
        if await CityLedgerAccount.exists().where(
            (CityLedgerAccount.property == property_id) & (CityLedgerAccount.code == code)
        ):
            raise Conflict(f"An account with code {code} exists already.", field="code")
        account = CityLedgerAccount(
            property=property_id,
            code=code,
            name=name,
            kind=kind,
            credit_limit=limit,
            currency=prop.currency,
            address=address,
        )
        await account.save()
        return account

    return await run_write(change, conflict_message=f"Account code {code} is taken.")


async def append_ledger_entry(
    account: CityLedgerAccount, actor: str | None, **values: Any
) -> CityLedgerEntry:
    """Append to a locked account, stamped with the property's business date."""
    prop = await get_property(account.property)
    last = (
        await CityLedgerEntry.select(CityLedgerEntry.seq)
        .where(CityLedgerEntry.account == account.id)
        .order_by(CityLedgerEntry.seq, ascending=False)
        .limit(1)
    )
    entry = CityLedgerEntry(
        account=account.id,
        property=account.property,
        seq=(last[0]["seq"] + 1) if last else 1,
        currency=account.currency,
        business_date=prop.business_date,
        posted_at=now(),
        posted_by=actor,
        **values,
    )
    await entry.save()
    return entry


async def record_account_payment(
    *,
    account_id: int,
    amount: Any,
    currency: str,
    method: str,
    reference: str | None = None,
    actor: str | None = None,
) -> CityLedgerEntry:
    """A payment received from the company or agent, lowering what the account owes."""
    if method not in PAYMENT_METHODS or method == "city_ledger":
        allowed = ", ".join(m for m in PAYMENT_METHODS if m != "city_ledger")
        raise InvalidInput(f"method must be one of {allowed}.", field="method")
    reference = validation.optional_text(reference, "reference", max_length=100)

    async def change() -> CityLedgerEntry:
        account = await lock_account(account_id)
        if currency.upper() != account.currency:
            raise InvalidInput(
                f"The account is kept in {account.currency}; {currency} is not accepted.",
                field="currency",
            )
        value = parse_amount(amount, "amount", account.currency)
        owed = ledger_balance(await ledger_entries(account.id), account.currency)
        if value > owed:
            raise InvalidInput(
                f"The payment of {value} exceeds the {owed} {account.currency} owed.",
                field="amount",
            )
        entry = await append_ledger_entry(
            account, actor, kind="payment", amount=-value, method=method, reference=reference
        )
        await events.emit(
            "frontdesk_city_ledger_payment_recorded",
            "city_ledger.payment_recorded",
            property_id=account.property,
            subject_id=entry.id,
            actor=actor,
            data={"account_id": account.id, "amount": str(value), "method": method},
            account=account,
            ledger_entry=entry,
        )
        return entry

    return await run_write(change, conflict_message="The account changed concurrently; retry.")


@dataclass(frozen=True)
class Ageing:
    current: Decimal
    days_30: Decimal
    days_60: Decimal
    days_90_plus: Decimal

    @property
    def total(self) -> Decimal:
        return self.current + self.days_30 + self.days_60 + self.days_90_plus


def age(entries: list[CityLedgerEntry], as_of: date, currency: str) -> Ageing:
    """Open amounts by the age of the transfer they come from (payments settle the oldest)."""
    open_items = [[e.business_date, Decimal(e.amount)] for e in entries if Decimal(e.amount) > 0]
    credit = -sum((Decimal(e.amount) for e in entries if Decimal(e.amount) < 0), ZERO)
    for item in sorted(open_items, key=lambda i: i[0]):
        used = min(item[1], credit)
        item[1] -= used
        credit -= used
    buckets = [ZERO, ZERO, ZERO, ZERO]
    for when, amount in open_items:
        days = (as_of - when).days
        buckets[0 if days < 30 else 1 if days < 60 else 2 if days < 90 else 3] += amount
    b = [round_money(v, currency) for v in buckets]
    return Ageing(b[0], b[1], b[2], b[3])
