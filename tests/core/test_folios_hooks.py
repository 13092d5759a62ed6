"""Every money movement raises its hook inside the transaction: a plugin sees the rows,
can veto (nothing is written) and gets the committed event afterwards."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from support.money_services import DAY, book_in_house, guest_folio, priced_hotel

from frontdesk.core.errors import DomainError
from frontdesk.core.folios import city_ledger, closing, payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.tables import FolioEntry
from frontdesk.core.night_audit.service import run_night_audit
from frontdesk.core.plugins import hookimpl


class Recorder:
    """Records every money hook with the arguments it was given."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        self.committed: list[str] = []

    def _add(self, name: str, **kwargs) -> None:
        self.calls.append((name, kwargs))

    @hookimpl
    def frontdesk_folio_charge_posted(self, folio, entry, actor):
        self._add("frontdesk_folio_charge_posted", folio=folio, entry=entry, actor=actor)

    @hookimpl
    def frontdesk_folio_payment_recorded(self, folio, entry, actor):
        self._add("frontdesk_folio_payment_recorded", folio=folio, entry=entry)

    @hookimpl
    def frontdesk_folio_refund_recorded(self, folio, entry, payment, actor):
        self._add("frontdesk_folio_refund_recorded", entry=entry, payment=payment)

    @hookimpl
    def frontdesk_folio_correction_posted(self, folio, entry, original, actor):
        self._add("frontdesk_folio_correction_posted", entry=entry, original=original)

    @hookimpl
    def frontdesk_folio_settled(self, folio, invoice, actor):
        self._add("frontdesk_folio_settled", folio=folio, invoice=invoice)

    @hookimpl
    def frontdesk_city_ledger_transferred(
        self, folio, entry, account, ledger_entry, invoice, actor
    ):
        self._add(
            "frontdesk_city_ledger_transferred",
            entry=entry,
            account=account,
            ledger_entry=ledger_entry,
            invoice=invoice,
        )

    @hookimpl
    def frontdesk_city_ledger_payment_recorded(self, account, ledger_entry, actor):
        self._add("frontdesk_city_ledger_payment_recorded", ledger_entry=ledger_entry)

    @hookimpl
    def frontdesk_invoice_issued(self, invoice, folio, actor):
        self._add("frontdesk_invoice_issued", invoice=invoice, folio=folio)

    @hookimpl
    def frontdesk_night_audit_started(self, property, business_date, actor):
        self._add("frontdesk_night_audit_started", business_date=business_date)

    @hookimpl
    def frontdesk_night_audit_completed(self, property, business_date, report, actor):
        self._add("frontdesk_night_audit_completed", business_date=business_date, report=report)

    @hookimpl
    def frontdesk_event_committed(self, event):
        self.committed.append(event.name)


def _record_all() -> Recorder:
    return Recorder()


async def test_each_money_movement_raises_its_hook_with_its_rows(runtime):
    recorder = _record_all()
    runtime.plugin_manager.register(recorder, name="recorder")
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0, nights=1)
    folio = await guest_folio(stay.id)
    account = await city_ledger.create_account(
        property_id=hotel.property_id, code="ACME", name="ACME", credit_limit="500"
    )
    await run_night_audit(property_id=hotel.property_id, actor="audit")
    spa = await folios.post_charge(
        folio_id=folio.id,
        category="spa",
        description="Massage",
        quantity=1,
        unit_price="60.00",
        actor="desk",
    )
    paid = await payments.record_payment(
        folio_id=folio.id, amount="50.00", currency="EUR", method="card"
    )
    await payments.refund_payment(payment_id=paid.id, amount="10.00", currency="EUR")
    await folios.correct_entry(entry_id=spa.id, reason="complimentary")
    await closing.transfer_to_city_ledger(folio_id=folio.id, account_id=account.id)
    await city_ledger.record_account_payment(
        account_id=account.id, amount="60.00", currency="EUR", method="bank_transfer"
    )
    names = [name for name, _ in recorder.calls]
    assert names == [
        "frontdesk_night_audit_started",
        "frontdesk_folio_charge_posted",
        "frontdesk_night_audit_completed",
        "frontdesk_folio_charge_posted",
        "frontdesk_folio_payment_recorded",
        "frontdesk_folio_refund_recorded",
        "frontdesk_folio_correction_posted",
        "frontdesk_invoice_issued",
        "frontdesk_city_ledger_transferred",
        "frontdesk_city_ledger_payment_recorded",
    ]
    calls = dict(recorder.calls)  # the last call of each hook
    assert calls["frontdesk_folio_charge_posted"]["entry"].id == spa.id
    assert calls["frontdesk_folio_charge_posted"]["actor"] == "desk"
    assert calls["frontdesk_folio_correction_posted"]["original"].id == spa.id
    assert calls["frontdesk_folio_refund_recorded"]["payment"].id == paid.id
    transferred = calls["frontdesk_city_ledger_transferred"]
    # room 100 + spa 60 - paid 50 + refunded 10 - spa corrected 60
    assert Decimal(transferred["ledger_entry"].amount) == Decimal("60.00")
    assert transferred["invoice"].number == 1
    assert calls["frontdesk_night_audit_completed"]["report"]["rooms_sold"] == 1
    assert "folio.charge_posted" in recorder.committed
    assert "night_audit.completed" in recorder.committed


async def test_settling_raises_the_settled_hook_with_its_invoice(runtime):
    recorder = _record_all()
    runtime.plugin_manager.register(recorder, name="recorder")
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0, nights=1)
    folio = await guest_folio(stay.id)
    await folios.post_charge(
        folio_id=folio.id, category="other", description="Umbrella", quantity=1, unit_price="15.00"
    )
    await payments.record_payment(folio_id=folio.id, amount="15.00", currency="EUR", method="cash")
    await closing.settle_folio(folio_id=folio.id)
    settled = [kw for name, kw in recorder.calls if name == "frontdesk_folio_settled"]
    assert len(settled) == 1 and settled[0]["invoice"].number == 1
    assert settled[0]["folio"].status == "settled"


class VetoCharges:
    @hookimpl
    def frontdesk_folio_charge_posted(self, entry):
        raise DomainError("The ledger is closed.", code="LEDGER_CLOSED", field="folioId")


async def test_a_veto_writes_nothing(runtime):
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0, nights=1)
    folio = await guest_folio(stay.id)
    runtime.plugin_manager.register(VetoCharges(), name="veto")
    with pytest.raises(DomainError, match="ledger is closed"):
        await folios.post_charge(
            folio_id=folio.id, category="spa", description="x", quantity=1, unit_price="1.00"
        )
    assert await FolioEntry.count() == 0


async def test_transfers_respect_the_credit_limit(runtime):
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0, nights=1)
    folio = await guest_folio(stay.id)
    account = await city_ledger.create_account(
        property_id=hotel.property_id, code="SMALL", name="Small Co", credit_limit="50.00"
    )
    await folios.post_charge(
        folio_id=folio.id, category="other", description="x", quantity=1, unit_price="50.01"
    )
    with pytest.raises(DomainError, match="credit limit"):
        await closing.transfer_to_city_ledger(folio_id=folio.id, account_id=account.id)
    assert (await guest_folio(stay.id)).status == "open"
    assert await city_ledger.ledger_entries(account.id) == []


def test_ageing_applies_payments_to_the_oldest_transfers_first():
    from frontdesk.core.folios.tables import CityLedgerEntry

    def entry(days_ago: int, amount: str) -> CityLedgerEntry:
        return CityLedgerEntry(business_date=DAY - timedelta(days=days_ago), amount=Decimal(amount))

    entries = [
        entry(100, "300"),
        entry(65, "200"),
        entry(35, "100"),
        entry(5, "50"),
        entry(1, "-350"),
    ]
    ageing = city_ledger.age(entries, DAY, "EUR")
    assert (ageing.current, ageing.days_30, ageing.days_60, ageing.days_90_plus) == (
        Decimal("50.00"),
        Decimal("100.00"),
        Decimal("150.00"),
        Decimal("0.00"),
    )
    assert ageing.total == Decimal("300.00")
