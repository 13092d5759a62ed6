"""The folio ledger's primitives: reading folios and entries, the per-folio row lock, the
balance, appending an entry, routing a charge to an open folio, and what is left of a payment.

Kept apart from the posting rules (``service``) so closing, the city ledger and the night
audit share exactly one way to lock, read and append.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ..errors import InvalidTransition
from ..money import ZERO, round_money
from ..properties.service import get_property
from ..properties.tables import Property
from ..repository import get_or_not_found, insert
from ..stays.tables import Stay
from .tables import Folio, FolioEntry, RoutingRule


def now() -> datetime:
    return datetime.now(UTC)


async def get_folio(folio_id: int) -> Folio:
    return await get_or_not_found(Folio, folio_id, name="Folio", field="folioId")


async def get_entry(entry_id: int, field: str = "entryId") -> FolioEntry:
    return await get_or_not_found(FolioEntry, entry_id, name="Folio entry", field=field)


async def get_stay_row(stay_id: int) -> Stay:
    return await get_or_not_found(Stay, stay_id, name="Stay", field="stayId")


async def lock_folio(folio_id: int) -> Folio:
    """Take the folio's row lock for this transaction and return the row as it is now
    (``repository.lock_row``): postings on one folio serialize."""
    return await get_or_not_found(Folio, folio_id, name="Folio", field="folioId", lock=True)


def ensure_open(folio: Folio) -> None:
    if folio.status != "open":
        raise InvalidTransition(
            f"Folio {folio.number} is {folio.status}; it takes no more entries.", field="folioId"
        )


async def entries_of(folio_id: int) -> list[FolioEntry]:
    return await FolioEntry.objects().where(FolioEntry.folio == folio_id).order_by(FolioEntry.seq)


def balance_of(entries: list[FolioEntry], currency: str) -> Decimal:
    """The balance is the sum of the entries' amounts (what the payer still owes)."""
    return round_money(sum((Decimal(e.amount) for e in entries), ZERO), currency)


async def folio_balance(folio: Folio) -> Decimal:
    return balance_of(await entries_of(folio.id), folio.currency)


async def guest_open_balances(guest_id: int) -> list[tuple[Folio, Decimal]]:
    """The open folios the guest pays whose balance is not zero (owed by or to the guest).

    The guest pays a folio that names them, and a folio of a stay they are the primary guest
    of that names no one (the one the invoice goes to, as ``closing`` addresses it). A folio
    billed to a city-ledger account is the company's debt, like the account's receivable, so
    it does not count. Closed folios are zero by rule and are not read."""
    primary_stays = Stay.select(Stay.id).where(Stay.primary_guest == guest_id)
    payer = (Folio.guest == guest_id) | (Folio.guest.is_null() & Folio.stay.is_in(primary_stays))
    folios = (
        await Folio.objects()
        .where((Folio.status == "open") & Folio.city_ledger_account.is_null() & payer)
        .order_by(Folio.id)
    )
    found = []
    for folio in folios:
        balance = await folio_balance(folio)
        if balance != ZERO:
            found.append((folio, balance))
    return found


async def insert_entry(
    folio: Folio, prop: Property, actor: str | None, **values: Any
) -> FolioEntry:
    """Append an entry to a locked, open folio, stamped with the business date and time."""
    last = (
        await FolioEntry.select(FolioEntry.seq)
        .where(FolioEntry.folio == folio.id)
        .order_by(FolioEntry.seq, ascending=False)
        .limit(1)
    )
    entry = FolioEntry(
        folio=folio.id,
        property=folio.property,
        stay=folio.stay,
        seq=(last[0]["seq"] + 1) if last else 1,
        currency=folio.currency,
        business_date=prop.business_date,
        posted_at=now(),
        posted_by=actor,
        **values,
    )
    await entry.save()
    return entry


async def route(stay: Stay, category: str) -> Folio:
    """The open folio a charge of ``category`` on ``stay`` goes to: the routing rule's target,
    else the guest folio, else the first open folio, else a new one (a closed folio is never
    reopened by a posting)."""
    rule = (
        await RoutingRule.objects()
        .where((RoutingRule.stay == stay.id) & (RoutingRule.category == category))
        .first()
    )
    folios = await Folio.objects().where(Folio.stay == stay.id).order_by(Folio.number)
    preferred = [f for f in folios if rule is not None and f.id == rule.folio]
    for folio in [*preferred, *folios]:
        if folio.status == "open":
            return folio
    return await create_folio(stay, name="Additional charges", number=len(folios) + 1)


async def create_folio(
    stay: Stay,
    *,
    name: str,
    number: int,
    guest_id: int | None = None,
    city_ledger_account_id: int | None = None,
    prop: Property | None = None,
) -> Folio:
    """A new open folio of ``stay`` in the property's currency (``prop`` when the caller has
    the property row already)."""
    prop = prop or await get_property(stay.property)
    folio = new_folio(stay, name=name, number=number, guest_id=guest_id, currency=prop.currency)
    folio.city_ledger_account = city_ledger_account_id
    await insert([folio])
    return folio


def new_folio(stay: Stay, *, name: str, number: int, guest_id: int | None, currency: str) -> Folio:
    """An open folio of ``stay``, not yet written (a booking writes it with its prices)."""
    return Folio(
        property=stay.property,
        stay=stay.id,
        number=number,
        name=name,
        guest=guest_id,
        city_ledger_account=None,
        currency=currency,
        status="open",
    )


async def live_refunds(payment: FolioEntry) -> list[FolioEntry]:
    refunds = await FolioEntry.objects().where(FolioEntry.refunded_entry == payment.id)
    corrected = await corrected_ids([r.id for r in refunds])
    return [r for r in refunds if r.id not in corrected]


async def corrected_ids(entry_ids: list[int]) -> set[int]:
    if not entry_ids:
        return set()
    rows = await FolioEntry.select(FolioEntry.corrected_entry).where(
        FolioEntry.corrected_entry.is_in(entry_ids)
    )
    return {r["corrected_entry"] for r in rows}


async def refundable(payment: FolioEntry) -> Decimal:
    """What is left to refund of a payment: its amount less the refunds not corrected."""
    if await corrected_ids([payment.id]):
        return ZERO
    given = sum((Decimal(r.amount) for r in await live_refunds(payment)), ZERO)
    return round_money(-Decimal(payment.amount) - given, payment.currency)
