"""Money invariants hold under concurrency: simultaneous refunds never exceed their payment,
simultaneous postings on one folio all land with distinct sequence numbers, and invoices
closed at the same time get consecutive numbers."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from support.money_services import book_in_house, guest_folio, priced_hotel

from frontdesk.core.errors import DomainError
from frontdesk.core.folios import closing, payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.tables import FolioEntry, Invoice


async def test_simultaneous_refunds_never_exceed_the_payment(runtime):
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0)
    folio = await guest_folio(stay.id)
    payment = await payments.record_payment(
        folio_id=folio.id, amount="100.00", currency="EUR", method="card"
    )

    async def attempt():
        return await payments.refund_payment(payment_id=payment.id, amount="30.00", currency="EUR")

    results = await asyncio.gather(*[attempt() for _ in range(6)], return_exceptions=True)
    refunds = [r for r in results if not isinstance(r, BaseException)]
    assert len(refunds) == 3
    assert all(isinstance(r, DomainError) for r in results if isinstance(r, BaseException))
    assert await folios.refundable(payment) == Decimal("10.00")


async def test_simultaneous_charges_all_land_in_sequence(runtime):
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0)
    folio = await guest_folio(stay.id)

    async def attempt(i: int):
        return await folios.post_charge(
            folio_id=folio.id,
            category="other",
            description=f"item {i}",
            quantity=1,
            unit_price="1.00",
        )

    await asyncio.gather(*[attempt(i) for i in range(10)])
    seqs = [e.seq for e in await folios.entries_of(folio.id)]
    assert seqs == list(range(1, 11))
    assert await folios.folio_balance(folio) == Decimal("10.00")


async def test_simultaneous_closings_number_invoices_without_gaps(runtime):
    hotel = await priced_hotel(rooms=4)
    folio_ids = []
    for i in range(4):
        stay = await book_in_house(hotel, i)
        folio = await guest_folio(stay.id)
        await folios.post_charge(
            folio_id=folio.id, category="other", description="x", quantity=1, unit_price="5.00"
        )
        await payments.record_payment(
            folio_id=folio.id, amount="5.00", currency="EUR", method="cash"
        )
        folio_ids.append(folio.id)
    await asyncio.gather(*[closing.settle_folio(folio_id=f) for f in folio_ids])
    numbers = sorted(r["number"] for r in await Invoice.select(Invoice.number))
    assert numbers == [1, 2, 3, 4]
    assert await FolioEntry.count() == 8
