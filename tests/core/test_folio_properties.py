"""Property-based: random sequences of charges, payments, refunds, corrections and
settlements. Every balance is the sum of its entries, every refund stays within its payment,
invoices add up to the cent, and a settled folio never takes another entry."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.money_services import book_in_house, guest_folio, priced_hotel

from frontdesk.core.errors import DomainError
from frontdesk.core.folios import closing, payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.tables import Folio, FolioEntry, Invoice
from frontdesk.core.rates import service as rates

CATEGORIES = ["food_beverage", "minibar", "spa", "other", "room"]
cents = st.integers(min_value=1, max_value=50_000).map(lambda c: Decimal(c) / 100)
operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("charge"),
            st.sampled_from(CATEGORIES),
            st.integers(min_value=1, max_value=4),
            cents,
        ),
        st.tuples(st.just("payment"), cents),
        st.tuples(st.just("refund"), st.integers(min_value=0, max_value=10), cents),
        st.tuples(st.just("correct"), st.integers(min_value=0, max_value=30)),
        st.tuples(st.just("pay_off")),
        st.tuples(st.just("settle")),
    ),
    min_size=1,
    max_size=14,
)
_codes = itertools.count()


async def _apply(op: tuple, folio_id: int) -> None:
    entries = await folios.entries_of(folio_id)
    match op:
        case ("charge", category, quantity, price):
            await folios.post_charge(
                folio_id=folio_id,
                category=category,
                description="x",
                quantity=quantity,
                unit_price=price,
            )
        case ("payment", amount):
            await payments.record_payment(
                folio_id=folio_id, amount=amount, currency="EUR", method="card"
            )
        case ("refund", index, amount):
            paid = [e for e in entries if e.kind == "payment"]
            if paid:
                await payments.refund_payment(
                    payment_id=paid[index % len(paid)].id, amount=amount, currency="EUR"
                )
        case ("correct", index):
            if entries:
                await folios.correct_entry(
                    entry_id=entries[index % len(entries)].id, reason="mistake"
                )
        case ("pay_off",):
            balance = folios.balance_of(entries, "EUR")
            if balance > 0:
                await payments.record_payment(
                    folio_id=folio_id, amount=balance, currency="EUR", method="cash"
                )
        case ("settle",):
            await closing.settle_folio(folio_id=folio_id)


async def _check_invariants(folio_id: int) -> None:
    folio = await Folio.objects().where(Folio.id == folio_id).first()
    entries = await folios.entries_of(folio_id)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert await folios.folio_balance(folio) == sum(
        (Decimal(e.amount) for e in entries), Decimal(0)
    )
    for entry in entries:
        assert Decimal(entry.net) + Decimal(entry.tax) == Decimal(entry.gross)
        if entry.kind == "payment":
            assert await folios.refundable(entry) >= 0
    invoice = await Invoice.objects().where(Invoice.folio == folio_id).first()
    assert (invoice is not None) == (folio.status == "settled" and any(e.category for e in entries))
    if invoice is not None:
        assert Decimal(invoice.net) + Decimal(invoice.tax) == Decimal(invoice.gross)
        charged = sum((Decimal(e.gross) for e in entries if e.category), Decimal(0))
        assert Decimal(invoice.gross) == charged


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations)
async def test_random_postings_keep_balances_and_settled_folios_closed(runtime, ops):
    hotel = await priced_hotel(rooms=1, code=f"P{next(_codes)}")
    await rates.set_tax_rate(
        property_id=hotel.property_id, category="food_beverage", rate="19", name="VAT 19 %"
    )
    stay = await book_in_house(hotel, 0)
    folio_id = (await guest_folio(stay.id)).id
    settled_with: list[int] | None = None
    for op in ops:
        before = [e.id for e in await folios.entries_of(folio_id)]
        try:
            await _apply(op, folio_id)
        except DomainError:
            assert [e.id for e in await folios.entries_of(folio_id)] == before
        await _check_invariants(folio_id)
        folio = await Folio.objects().where(Folio.id == folio_id).first()
        if settled_with is not None:
            assert folio.status == "settled"
            assert [e.id for e in await folios.entries_of(folio_id)] == settled_with
        elif folio.status == "settled":
            assert await folios.folio_balance(folio) == 0
            settled_with = [e.id for e in await folios.entries_of(folio_id)]
    assert await FolioEntry.count().where(FolioEntry.stay == stay.id) == len(
        await folios.entries_of(folio_id)
    )
