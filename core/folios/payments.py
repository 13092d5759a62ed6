"""Payments and refunds on a folio: a payment lowers the balance by what was paid, a refund
gives part of one payment back and can never exceed what is left of it (checked under the
folio's row lock, so concurrent refunds cannot overdraw a payment). Kept apart from the
charge side (``service``) so each stays small.
"""

from __future__ import annotations

from typing import Any

from .. import events, validation
from ..errors import InvalidInput
from ..money import parse_amount
from ..properties.service import get_property
from ..transactions import run_write
from .ledger import (
    ensure_open,
    get_entry,
    insert_entry,
    lock_folio,
    refundable,
)
from .tables import PAYMENT_METHODS, Folio, FolioEntry


def _method(method: str) -> str:
    if method not in PAYMENT_METHODS:
        raise InvalidInput(f"method must be one of {', '.join(PAYMENT_METHODS)}.", field="method")
    if method == "city_ledger":
        raise InvalidInput(
            "Move a balance to a city-ledger account with transferFolioToCityLedger.",
            field="method",
        )
    return method


def _currency(folio: Folio, currency: str) -> None:
    if currency.upper() != folio.currency:
        raise InvalidInput(
            f"The folio is kept in {folio.currency}; a payment in {currency} is not accepted.",
            field="currency",
        )


async def record_payment(
    *,
    folio_id: int,
    amount: Any,
    currency: str,
    method: str,
    reference: str | None = None,
    actor: str | None = None,
) -> FolioEntry:
    """Record a payment (a deposit before arrival too) on an open folio."""
    _method(method)
    reference = validation.optional_text(reference, "reference", max_length=100)

    async def change() -> FolioEntry:
        folio = await lock_folio(folio_id)
        ensure_open(folio)
        _currency(folio, currency)
        value = parse_amount(amount, "amount", folio.currency)
        prop = await get_property(folio.property)
        entry = await insert_entry(
            folio,
            prop,
            actor,
            kind="payment",
            description=f"Payment ({method})",
            method=method,
            reference=reference,
            amount=-value,
        )
        await events.emit(
            "frontdesk_folio_payment_recorded",
            "folio.payment_recorded",
            property_id=prop.id,
            subject_id=entry.id,
            actor=actor,
            data={"folio_id": folio.id, "method": method, "amount": str(value)},
            folio=folio,
            entry=entry,
        )
        return entry

    return await run_write(change, conflict_message="The folio changed concurrently; retry.")


async def refund_payment(
    *,
    payment_id: int,
    amount: Any,
    currency: str,
    reference: str | None = None,
    method: str | None = None,
    actor: str | None = None,
) -> FolioEntry:
    """Give money back against an earlier payment of the same folio, never more than is left
    of it."""
    reference = validation.optional_text(reference, "reference", max_length=100)

    async def change() -> FolioEntry:
        payment = await get_entry(payment_id, "paymentId")
        if payment.kind != "payment":
            raise InvalidInput("Only a payment can be refunded.", field="paymentId")
        folio = await lock_folio(payment.folio)
        ensure_open(folio)
        _currency(folio, currency)
        value = parse_amount(amount, "amount", folio.currency)
        left = await refundable(payment)
        if value > left:
            raise InvalidInput(
                f"A refund of {value} exceeds the {left} {folio.currency} left of the payment.",
                field="amount",
            )
        refund_method = _method(method or payment.method)
        prop = await get_property(folio.property)
        entry = await insert_entry(
            folio,
            prop,
            actor,
            kind="refund",
            description=f"Refund ({refund_method})",
            method=refund_method,
            reference=reference,
            amount=value,
            refunded_entry=payment.id,
        )
        await events.emit(
            "frontdesk_folio_refund_recorded",
            "folio.refund_recorded",
            property_id=prop.id,
            subject_id=entry.id,
            actor=actor,
            data={"folio_id": folio.id, "payment_id": payment.id, "amount": str(value)},
            folio=folio,
            entry=entry,
            payment=payment,
        )
        return entry

    return await run_write(change, conflict_message="The folio changed concurrently; retry.")
