"""Goodwill credits (``post_credit``): a negative charge priced like a charge, on the folio its
category routes to, never more than that folio charged, raising the charge hook so the
accounting bridge journals it; every refusal writes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from support.money_services import DAY, book_in_house, guest_folio, priced_hotel

from frontdesk.core.errors import DomainError
from frontdesk.core.folios import closing, payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.ledger import folio_balance
from frontdesk.core.folios.tables import Folio, FolioEntry
from frontdesk.core.plugins import hookimpl
from frontdesk.core.rates import service as rates
from frontdesk.core.stays import service as stays


class ChargeHook:
    def __init__(self) -> None:
        self.entries: list[FolioEntry] = []

    @hookimpl
    def frontdesk_folio_charge_posted(self, folio, entry, actor):
        self.entries.append(entry)


async def _in_house_with_dinner(*, inclusive: bool = True, dinner: str = "50.00"):
    hotel = await priced_hotel()
    await rates.set_tax_rate(
        property_id=hotel.property_id, category="other", rate="19", name="VAT 19 %"
    )
    if not inclusive:
        await rates.set_money_settings(property_id=hotel.property_id, prices_include_tax=False)
    stay = await book_in_house(hotel, 0, nights=1)
    await folios.post_charge(
        stay_id=stay.id, category="other", description="Dinner", quantity=1, unit_price=dinner
    )
    return hotel, stay


async def test_a_credit_is_a_negative_charge_on_the_guest_folio_and_raises_the_hook(runtime):
    hook = ChargeHook()
    _hotel, stay = await _in_house_with_dinner()
    runtime.plugin_manager.register(hook, name="hook")
    entry = await folios.post_credit(
        stay_id=stay.id, amount="20.00", description="Goodwill", actor="manager"
    )
    folio = await guest_folio(stay.id)
    assert entry.folio == folio.id
    assert (entry.kind, entry.category, entry.posted_by) == ("charge", "other", "manager")
    assert [Decimal(v) for v in (entry.net, entry.tax, entry.gross, entry.amount)] == [
        Decimal("-16.81"),
        Decimal("-3.19"),
        Decimal("-20.00"),
        Decimal("-20.00"),
    ]
    assert await folio_balance(folio) == Decimal("30.00")
    assert [e.id for e in hook.entries] == [entry.id]


async def test_with_prices_before_tax_a_credit_takes_its_tax_off_too(runtime):
    _hotel, stay = await _in_house_with_dinner(inclusive=False)
    entry = await folios.post_credit(stay_id=stay.id, amount="20.00", description="Goodwill")
    assert [Decimal(v) for v in (entry.net, entry.tax, entry.gross)] == [
        Decimal("-20.00"),
        Decimal("-3.80"),
        Decimal("-23.80"),
    ]
    assert await folio_balance(await guest_folio(stay.id)) == Decimal("35.70")


async def test_credits_never_exceed_what_the_folio_charged(runtime):
    _hotel, stay = await _in_house_with_dinner(dinner="30.00")
    await folios.post_credit(stay_id=stay.id, amount="25.00", description="Goodwill")
    with pytest.raises(DomainError) as refused:
        await folios.post_credit(stay_id=stay.id, amount="5.01", description="More")
    assert (refused.value.code, refused.value.field) == ("INVALID_INPUT", "amount")
    assert "exceeds the 5.00 EUR charged on folio 1" in refused.value.message
    await folios.post_credit(stay_id=stay.id, amount="5.00", description="The rest")
    assert await folio_balance(await guest_folio(stay.id)) == Decimal("0.00")


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"amount": "0"}, "INVALID_INPUT", "amount"),
        ({"amount": "-5.00"}, "INVALID_INPUT", "amount"),
        ({"amount": "1.005"}, "INVALID_INPUT", "amount"),
        ({"amount": "abc"}, "INVALID_INPUT", "amount"),
        ({"stay_id": 999_999}, "NOT_FOUND", "stayId"),
        ({"description": "  "}, "INVALID_INPUT", "description"),
        ({"category": "city_tax"}, "INVALID_INPUT", "category"),
        ({"category": "casino"}, "INVALID_INPUT", "category"),
    ],
)
async def test_bad_input_is_refused_and_writes_nothing(runtime, changes, code, field):
    _hotel, stay = await _in_house_with_dinner()
    before = await FolioEntry.count()
    arguments = {"stay_id": stay.id, "amount": "10.00", "description": "Goodwill", **changes}
    with pytest.raises(DomainError) as refused:
        await folios.post_credit(**arguments)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert await FolioEntry.count() == before


async def test_a_cancelled_stay_takes_no_credit(runtime):
    hotel = await priced_hotel()
    stay = await stays.book_stay(
        property_id=hotel.property_id,
        room_type_id=hotel.room_type_id,
        guest_id=hotel.guest_ids[0],
        arrival=DAY,
        departure=DAY + timedelta(days=2),
    )
    await stays.cancel_stay(stay_id=stay.id)
    with pytest.raises(DomainError) as refused:
        await folios.post_credit(stay_id=stay.id, amount="10.00", description="Goodwill")
    assert (refused.value.code, refused.value.field) == ("INVALID_TRANSITION", "stayId")


async def test_a_settled_folio_is_not_reopened_by_a_credit(runtime):
    _hotel, stay = await _in_house_with_dinner()
    folio = await guest_folio(stay.id)
    await payments.record_payment(folio_id=folio.id, amount="50.00", currency="EUR", method="cash")
    await closing.settle_folio(folio_id=folio.id)
    with pytest.raises(DomainError) as refused:
        await folios.post_credit(stay_id=stay.id, amount="10.00", description="Goodwill")
    assert refused.value.field == "amount"
    assert await Folio.count().where(Folio.stay == stay.id) == 1
