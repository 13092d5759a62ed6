"""Closing folios: settle at balance zero, or transfer the balance to the city ledger; and
the check-out rule that every folio of a stay must be closed one of these two ways.

Closing issues the folio's invoice in the same transaction, so a closed folio always has its
number, and a closed folio takes no entry afterwards (it never reopens silently).
"""

from __future__ import annotations

from decimal import Decimal

from .. import events
from ..errors import Conflict, InvalidInput, InvalidTransition
from ..guests.tables import Guest
from ..money import ZERO
from ..properties.service import get_property
from ..repository import find_row
from ..stays.tables import Stay
from ..transactions import run_write
from .city_ledger import append_ledger_entry, ledger_balance, ledger_entries, lock_account
from .invoices import issue_invoice
from .ledger import (
    balance_of,
    ensure_open,
    entries_of,
    get_stay_row,
    insert_entry,
    lock_folio,
    now,
)
from .tables import CityLedgerAccount, Folio, FolioEntry, Invoice

CLOSABLE_STAY_STATUSES = ("checked_in", "checked_out", "cancelled", "no_show")


async def _recipient(folio: Folio) -> str:
    guest_id = folio.guest
    if guest_id is None:
        stay = await get_stay_row(folio.stay)
        guest_id = stay.primary_guest
    guest = await find_row(Guest, Guest.id == guest_id)
    return f"{guest.first_name} {guest.last_name}" if guest else folio.name


async def settle_in_transaction(folio: Folio, actor: str | None) -> Invoice | None:
    """Close a locked open folio whose balance is zero, issuing its invoice."""
    entries = await entries_of(folio.id)
    balance = balance_of(entries, folio.currency)
    if balance != ZERO:
        raise Conflict(
            f"Folio {folio.number} ({folio.name}) has a balance of {balance} {folio.currency}; "
            "settle it or transfer it to the city ledger.",
            field="folioId",
        )
    prop = await get_property(folio.property)
    invoice = await issue_invoice(folio, entries, prop, await _recipient(folio), actor)
    folio.status, folio.closed_at = "settled", now()
    await folio.save()
    await events.emit(
        "frontdesk_folio_settled",
        "folio.settled",
        property_id=folio.property,
        subject_id=folio.id,
        actor=actor,
        data={"invoice_id": invoice.id if invoice else None},
        folio=folio,
        invoice=invoice,
    )
    return invoice


async def _closable(folio: Folio) -> None:
    stay = await get_stay_row(folio.stay)
    if stay.status not in CLOSABLE_STAY_STATUSES:
        raise InvalidTransition(
            "A folio closes once its guest is in house (at check-out) or the stay was "
            f"cancelled or a no-show; this stay is {stay.status}.",
            field="folioId",
        )


async def settle_folio(*, folio_id: int, actor: str | None = None) -> Folio:
    """Close a folio whose balance is zero (its invoice is issued now)."""

    async def change() -> Folio:
        folio = await lock_folio(folio_id)
        ensure_open(folio)
        await _closable(folio)
        await settle_in_transaction(folio, actor)
        return folio

    return await run_write(change, conflict_message="The folio changed concurrently; retry.")


async def _transfer_terms(
    folio: Folio, account: CityLedgerAccount
) -> tuple[list[FolioEntry], Decimal]:
    """The folio's entries and the balance to transfer, once the account may take it: same
    property and currency, open, and within its credit limit afterwards."""
    if account.property != folio.property:
        raise InvalidInput("The account belongs to another property.", field="accountId")
    if not account.active:
        raise InvalidTransition(f"Account {account.code} is closed.", field="accountId")
    if account.currency != folio.currency:
        raise InvalidInput("The account is kept in another currency.", field="accountId")
    entries = await entries_of(folio.id)
    balance = balance_of(entries, folio.currency)
    if balance <= ZERO:
        raise InvalidTransition(
            "Only a folio with an amount owed can be transferred.", field="folioId"
        )
    owed = ledger_balance(await ledger_entries(account.id), account.currency)
    if owed + balance > Decimal(account.credit_limit):
        raise Conflict(
            f"The transfer of {balance} would take account {account.code} to "
            f"{owed + balance}, above its credit limit of "
            f"{Decimal(account.credit_limit)} {account.currency}.",
            field="accountId",
        )
    return entries, balance


async def transfer_to_city_ledger(
    *, folio_id: int, account_id: int, actor: str | None = None
) -> Folio:
    """Move a folio's balance to a company or travel-agent account within its credit limit;
    the folio closes with an invoice to the account."""

    async def change() -> Folio:
        folio = await lock_folio(folio_id)
        ensure_open(folio)
        await _closable(folio)
        account = await lock_account(account_id)
        entries, balance = await _transfer_terms(folio, account)
        prop = await get_property(folio.property)
        invoice = await issue_invoice(folio, entries, prop, account.name, actor)
        entry = await insert_entry(
            folio,
            prop,
            actor,
            kind="transfer",
            method="city_ledger",
            description=f"Transfer to city ledger {account.code}",
            amount=-balance,
        )
        ledger_entry = await append_ledger_entry(
            account,
            actor,
            kind="transfer",
            amount=balance,
            folio=folio.id,
            invoice=invoice.id if invoice else None,
        )
        folio.status, folio.closed_at = "transferred", now()
        folio.city_ledger_account = account.id
        await folio.save()
        await events.emit(
            "frontdesk_city_ledger_transferred",
            "city_ledger.transferred",
            property_id=folio.property,
            subject_id=folio.id,
            actor=actor,
            data={"account_id": account.id, "amount": str(balance)},
            folio=folio,
            entry=entry,
            account=account,
            ledger_entry=ledger_entry,
            invoice=invoice,
        )
        return folio

    return await run_write(change, conflict_message="The folio changed concurrently; retry.")


async def close_for_check_out(stay: Stay, actor: str | None) -> None:
    """Inside the check-out transaction: settle every open folio at balance zero, refuse when
    one still has a balance (it must be paid or transferred to the city ledger first)."""
    folios = await Folio.objects().where(Folio.stay == stay.id).order_by(Folio.number)
    for folio in folios:
        if folio.status != "open":
            continue
        folio = await lock_folio(folio.id)
        try:
            await settle_in_transaction(folio, actor)
        except Conflict as error:
            raise Conflict(error.message, field="stayId") from None
