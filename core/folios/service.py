"""Posting to folios: charges, payments, refunds and corrections.

Every posting is one write transaction that first locks the folio row (``lock_folio``), then
re-reads its status and entries, so concurrent postings on one folio serialize and a closed
folio never takes an entry; the unique (folio, seq) key backs that up in the database. Nothing
is edited or deleted: ``correct_entry`` reverses a mistake with a new entry, ``post_credit``
gives a free-amount allowance (goodwill) as a negative charge.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from .. import events, validation
from ..errors import Conflict, InvalidInput, InvalidTransition
from ..money import ZERO, Line, parse_amount, round_money, split_line
from ..properties.service import get_property
from ..properties.tables import Property
from ..rates.service import check_category, money_settings, tax_rate_for
from ..stays.tables import Stay
from ..transactions import run_write
from .invoices import revenue_lines
from .ledger import (
    balance_of,
    corrected_ids,
    create_folio,
    ensure_open,
    entries_of,
    folio_balance,
    get_entry,
    get_folio,
    get_stay_row,
    insert_entry,
    live_refunds,
    lock_folio,
    now,
    refundable,
    route,
)
from .tables import Folio, FolioEntry, RoutingRule

OPEN_STAY_STATUSES = ("booked", "checked_in")
MAX_QUANTITY = 10_000
# Goodwill is not revenue of a department: it lowers 'other' unless the caller names one.
CREDIT_CATEGORY = "other"


async def _revenue_line(
    folio: Folio, category: str, quantity: int, unit_price: Decimal
) -> tuple[Folio, Property, Decimal, Line]:
    """Lock the open folio and split ``quantity`` x ``unit_price`` of ``category`` into net,
    tax and gross at the property's rate, the one way charges and credits are priced."""
    folio = await lock_folio(folio.id)
    ensure_open(folio)
    prop = await get_property(folio.property)
    settings = await money_settings(prop.id)
    rate = await tax_rate_for(prop.id, category)
    line = split_line(
        quantity, unit_price, rate, folio.currency, inclusive=settings.prices_include_tax
    )
    return folio, prop, rate, line


async def post_charge_in_transaction(
    *,
    folio: Folio,
    category: str,
    description: str,
    quantity: int,
    unit_price: Decimal,
    actor: str | None,
    night: date | None = None,
    source_key: str | None = None,
) -> FolioEntry | None:
    """Post a charge inside the caller's transaction. With ``source_key`` the posting is
    idempotent: an existing entry with that key means it was posted already (None)."""
    if source_key is not None and await FolioEntry.exists().where(
        FolioEntry.source_key == source_key
    ):
        return None
    folio, prop, rate, line = await _revenue_line(folio, category, quantity, unit_price)
    entry = await insert_entry(
        folio,
        prop,
        actor,
        kind="charge",
        category=category,
        description=description,
        quantity=quantity,
        unit_price=unit_price,
        tax_rate=rate,
        net=line.net,
        tax=line.tax,
        gross=line.gross,
        amount=line.gross,
        night=night,
        source_key=source_key,
    )
    await events.emit(
        "frontdesk_folio_charge_posted",
        "folio.charge_posted",
        property_id=prop.id,
        subject_id=entry.id,
        actor=actor,
        data={"folio_id": folio.id, "category": category, "gross": str(line.gross)},
        folio=folio,
        entry=entry,
    )
    return entry


async def post_charge(
    *,
    category: str,
    description: str,
    quantity: int,
    unit_price: Any,
    folio_id: int | None = None,
    stay_id: int | None = None,
    actor: str | None = None,
) -> FolioEntry:
    """Post a charge to a folio, or to a stay (routed by category) while the stay is booked
    or in house. A negative quantity or price, or a closed folio, is refused."""
    check_category(category)
    description = validation.text(description, "description")
    validation.integer(quantity, "quantity", minimum=1, maximum=MAX_QUANTITY)
    if (folio_id is None) == (stay_id is None):
        raise InvalidInput("Give either folioId or stayId.", field="folioId")

    async def change() -> FolioEntry:
        if folio_id is not None:
            folio = await get_folio(folio_id)
            stay = await get_stay_row(folio.stay)
        else:
            stay = await get_stay_row(stay_id)
        if stay.status not in OPEN_STAY_STATUSES:
            raise InvalidTransition(
                f"The stay is {stay.status}; charges go on booked or in-house stays only.",
                field="stayId" if stay_id is not None else "folioId",
            )
        if folio_id is None:
            folio = await route(stay, category)
        price = parse_amount(unit_price, "unitPrice", folio.currency)
        entry = await post_charge_in_transaction(
            folio=folio,
            category=category,
            description=description,
            quantity=quantity,
            unit_price=price,
            actor=actor,
        )
        assert entry is not None
        return entry

    return await run_write(change, conflict_message="The folio changed concurrently; retry.")


async def post_credit_in_transaction(
    *,
    stay_id: int,
    amount: Any,
    description: str,
    actor: str | None,
    category: str = CREDIT_CATEGORY,
) -> FolioEntry:
    """Give the guest of a booked or in-house stay ``amount`` off the folio that charges of
    ``category`` route to, inside the caller's transaction (a plugin resolving a complaint
    posts it with its own rows). See ``post_credit``."""
    check_category(category)
    if category == "city_tax":
        raise InvalidInput("City tax is owed to the city; it takes no goodwill.", field="category")
    description = validation.text(description, "description")
    stay = await get_stay_row(stay_id)
    if stay.status not in OPEN_STAY_STATUSES:
        raise InvalidTransition(
            f"The stay is {stay.status}; credits go on booked or in-house stays only.",
            field="stayId",
        )
    folio = await route(stay, category)
    value = parse_amount(amount, "amount", folio.currency)
    folio, prop, rate, line = await _revenue_line(folio, category, 1, value)
    lines = revenue_lines(await entries_of(folio.id))
    charged = round_money(sum((Decimal(e.gross) for e in lines), ZERO), folio.currency)
    if line.gross > charged:
        raise InvalidInput(
            f"A credit of {line.gross} {folio.currency} exceeds the {max(charged, ZERO)} "
            f"{folio.currency} charged on folio {folio.number}.",
            field="amount",
        )
    entry = await insert_entry(
        folio,
        prop,
        actor,
        kind="charge",
        category=category,
        description=description,
        quantity=1,
        unit_price=-value,
        tax_rate=rate,
        net=-line.net,
        tax=-line.tax,
        gross=-line.gross,
        amount=-line.gross,
    )
    await events.emit(
        "frontdesk_folio_charge_posted",
        "folio.charge_posted",
        property_id=prop.id,
        subject_id=entry.id,
        actor=actor,
        data={"folio_id": folio.id, "category": category, "gross": str(-line.gross)},
        folio=folio,
        entry=entry,
    )
    return entry


async def post_credit(
    *,
    stay_id: int,
    amount: Any,
    description: str,
    actor: str | None = None,
    category: str = CREDIT_CATEGORY,
) -> FolioEntry:
    """Post a goodwill credit (an allowance) to a booked or in-house stay: a charge line with
    negated net, tax and gross, priced like a charge of ``amount`` in ``category`` (so it
    lowers that category's revenue and tax), on the folio the category routes to. It never
    exceeds what that folio has charged (net of earlier credits and corrections): money beyond
    that is a refund of a payment. ``amount`` > 0; a cancelled or checked-out stay, or a
    closed folio, is refused."""
    return await run_write(
        lambda: post_credit_in_transaction(
            stay_id=stay_id,
            amount=amount,
            description=description,
            actor=actor,
            category=category,
        ),
        conflict_message="The folio changed concurrently; retry.",
    )


async def correct_entry(*, entry_id: int, reason: str, actor: str | None = None) -> FolioEntry:
    """Reverse an entry with a new one pointing to it (the original stays as it was)."""
    reason = validation.text(reason, "reason", max_length=150)

    async def change() -> FolioEntry:
        original = await get_entry(entry_id)
        if original.kind in ("correction", "transfer"):
            raise InvalidInput(f"A {original.kind} cannot be corrected.", field="entryId")
        folio = await lock_folio(original.folio)
        ensure_open(folio)
        if await corrected_ids([original.id]):
            raise Conflict("The entry was corrected already.", field="entryId")
        if original.kind == "payment" and await live_refunds(original):
            raise Conflict("Correct the payment's refunds first.", field="entryId")
        prop = await get_property(folio.property)
        entry = await insert_entry(
            folio,
            prop,
            actor,
            kind="correction",
            category=original.category,
            description=f"Correction of #{original.seq}: {reason}",
            quantity=original.quantity,
            unit_price=original.unit_price,
            tax_rate=original.tax_rate,
            net=-Decimal(original.net),
            tax=-Decimal(original.tax),
            gross=-Decimal(original.gross),
            amount=-Decimal(original.amount),
            method=original.method,
            reference=original.reference,
            night=original.night,
            corrected_entry=original.id,
        )
        await events.emit(
            "frontdesk_folio_correction_posted",
            "folio.correction_posted",
            property_id=prop.id,
            subject_id=entry.id,
            actor=actor,
            data={"folio_id": folio.id, "original_id": original.id},
            folio=folio,
            entry=entry,
            original=original,
        )
        return entry

    return await run_write(change, conflict_message="The folio changed concurrently; retry.")


async def open_folio(
    *,
    stay_id: int,
    name: str,
    guest_id: int | None = None,
    city_ledger_account_id: int | None = None,
    categories: list[str] | None = None,
    actor: str | None = None,
) -> Folio:
    """Open another folio on a stay; charges of ``categories`` are routed to it from now on."""
    name = validation.text(name, "name")
    for category in categories or []:
        check_category(category, "categories")

    async def change() -> Folio:
        stay = await get_stay_row(stay_id)
        if stay.status not in OPEN_STAY_STATUSES:
            raise InvalidTransition(f"The stay is {stay.status}.", field="stayId")
        if guest_id is not None:
            from ..guests.service import get_guest

            await get_guest(guest_id, property_id=stay.property)
        if city_ledger_account_id is not None:
            from .city_ledger import get_account

            await get_account(city_ledger_account_id, property_id=stay.property)
        count = await Folio.count().where(Folio.stay == stay.id)
        folio = await create_folio(
            stay,
            name=name,
            number=count + 1,
            guest_id=guest_id,
            city_ledger_account_id=city_ledger_account_id,
        )
        for category in dict.fromkeys(categories or []):
            await set_routing_in_transaction(stay, category, folio)
        return folio

    return await run_write(change, conflict_message="The stay's folios changed; retry.")


async def set_routing_in_transaction(stay: Stay, category: str, folio: Folio) -> None:
    rule = (
        await RoutingRule.objects()
        .where((RoutingRule.stay == stay.id) & (RoutingRule.category == category))
        .first()
    )
    if rule is None:
        rule = RoutingRule(stay=stay.id, category=category, folio=folio.id)
    rule.folio = folio.id
    await rule.save()


async def set_routing(*, folio_id: int, categories: list[str]) -> Folio:
    """Route charges of ``categories`` on the folio's stay to this folio."""
    for category in categories:
        check_category(category, "categories")

    async def change() -> Folio:
        folio = await get_folio(folio_id)
        ensure_open(folio)
        stay = await get_stay_row(folio.stay)
        for category in dict.fromkeys(categories):
            await set_routing_in_transaction(stay, category, folio)
        return folio

    return await run_write(change, conflict_message="The routing changed concurrently; retry.")


__all__ = [
    "balance_of",
    "entries_of",
    "folio_balance",
    "get_entry",
    "get_folio",
    "now",
    "refundable",
]
