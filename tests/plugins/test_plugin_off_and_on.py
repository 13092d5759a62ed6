"""A plugin turned off in a running hotel and on again catches up (issue #23): the books
close (reconciliation difference zero, late entries marked), no request stays open on a
departed stay, nothing written while off is lost, and the catch-up can run twice or be
interrupted and re-run without duplicates."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from support.money_services import DAY, book_in_house, guest_folio, priced_hotel
from support.plugin_switch import (
    PLUGINS,
    assert_closed,
    book,
    catch_up,
    desk_traffic,
    free_room,
    journal,
    journal_keys,
    reconciliation,
    settle_and_check_out,
    turn_off,
    turn_on,
)

from frontdesk.core.folios import payments
from frontdesk.core.folios.tables import FolioEntry, Invoice
from frontdesk.core.night_audit.service import run_night_audit
from frontdesk.core.outbox.tables import OutboxMessage
from frontdesk.core.stays import service as stays
from frontdesk.plugins.accounting_bridge import catch_up as bridge_catch_up
from frontdesk.plugins.accounting_bridge.tables import ConnectorSetting, SealedDay
from frontdesk.plugins.concierge import bookings
from frontdesk.plugins.concierge import requests as concierge
from frontdesk.plugins.concierge.tables import ConciergeRequest, ConciergeRequestChange


@pytest.fixture
def enabled_plugins():
    return PLUGINS


async def _bridge_cycle(settings):
    """Traffic with the bridge on (a deposit paid before arrival among it), then off (the
    guest who paid it checks in and out), then on again, not caught up yet."""
    await turn_on(settings)
    hotel = await priced_hotel(rooms=8)
    await desk_traffic(hotel, 0, "ACME")
    prepaid = await book(hotel, 6)
    folio = await guest_folio(prepaid.id)
    await payments.record_payment(folio_id=folio.id, amount="30", currency="EUR", method="card")
    before = set(await journal_keys(hotel.property_id))
    off_since = await turn_off(settings, "accounting_bridge")
    await desk_traffic(hotel, 3, "GLOBEX")
    await stays.check_in(stay_id=prepaid.id)
    await settle_and_check_out(prepaid.id)
    await turn_on(settings)
    return hotel, before, off_since, folio.id


async def test_the_bridge_journals_what_it_missed_while_off_marked_late(settings):
    hotel, before, off_since, deposit_folio = await _bridge_cycle(settings)
    gap = await reconciliation(settings, hotel.property_id)
    assert Decimal(gap["guestLedger"]["difference"]["amount"]) != 0  # the silent gap of #23

    summary = await catch_up("accounting_bridge", hotel.property_id, off_since)

    assert "movements journaled late" in summary
    assert_closed(await reconciliation(settings, hotel.property_id))
    late = await journal(settings, hotel.property_id)
    assert {key for key, is_late in late.items() if not is_late} == before
    moved = await FolioEntry.select(FolioEntry.id).where(FolioEntry.property == hotel.property_id)
    assert {f"folio_entry:{r['id']}" for r in moved} <= set(late)  # nothing lost while off
    assert any(key.startswith("city_ledger_entry:") and late[key] for key in late)
    assert late[f"deposit_applied:folio:{deposit_folio}"]  # checked in while off


async def test_catching_up_twice_changes_nothing(settings):
    hotel, _before, off_since, _folio = await _bridge_cycle(settings)
    await catch_up("accounting_bridge", hotel.property_id, off_since)
    first = await journal_keys(hotel.property_id)

    summary = await catch_up("accounting_bridge", hotel.property_id, off_since)

    assert "0 movements journaled late" in summary
    assert await journal_keys(hotel.property_id) == first


async def test_an_interrupted_catch_up_finishes_on_a_rerun_without_duplicates(
    settings, monkeypatch
):
    hotel, before, off_since, _folio = await _bridge_cycle(settings)
    monkeypatch.setattr(bridge_catch_up, "BATCH", 2)
    real, calls = bridge_catch_up.journal_movement, []

    async def failing_once(movement, actor):
        calls.append(movement.id)
        if len(calls) == 5:
            raise RuntimeError("the server died midway")
        return await real(movement, actor)

    monkeypatch.setattr(bridge_catch_up, "journal_movement", failing_once)
    with pytest.raises(RuntimeError, match="midway"):
        await catch_up("accounting_bridge", hotel.property_id, off_since)
    partial = set(await journal_keys(hotel.property_id))
    assert before < partial  # the batches before the failure committed

    await catch_up("accounting_bridge", hotel.property_id, off_since)

    keys = await journal_keys(hotel.property_id)
    assert len(keys) == len(set(keys)) > len(partial)
    assert_closed(await reconciliation(settings, hotel.property_id))


async def test_connectors_receive_the_late_entries_then_the_invoices_issued_while_off(settings):
    await turn_on(settings)
    hotel = await priced_hotel(rooms=8)
    await ConnectorSetting(
        property=hotel.property_id, connector="webhook", url="http://127.0.0.1:9/", secret="s"
    ).save()
    off_since = await turn_off(settings, "accounting_bridge")
    await desk_traffic(hotel, 0, "ACME")
    await turn_on(settings)

    summary = await catch_up("accounting_bridge", hotel.property_id, off_since)

    messages = await OutboxMessage.objects().where(OutboxMessage.channel == "accounting")
    issued = await Invoice.select(Invoice.id).where(Invoice.property == hotel.property_id)
    invoice_keys = [m.message_id for m in messages if m.event_type == "invoice"]
    assert len(invoice_keys) == len(issued) >= 2 and "invoices sent to the connectors" in summary
    entries = [json.loads(m.payload)["entry"] for m in messages if m.event_type == "entry"]
    assert entries and all(entry["late"] for entry in entries)
    last_entry = max(m.id for m in messages if m.event_type == "entry")
    assert min(m.id for m in messages if m.event_type == "invoice") > last_entry
    await catch_up("accounting_bridge", hotel.property_id, off_since)
    assert await OutboxMessage.count() == len(messages)


async def test_days_audited_while_off_are_sealed_on_catch_up(settings):
    await turn_on(settings)
    hotel = await priced_hotel(rooms=2)
    await ConnectorSetting(
        property=hotel.property_id, connector="webhook", deliver="day", url="http://h/", secret="s"
    ).save()
    off_since = await turn_off(settings, "accounting_bridge")
    await book_in_house(hotel, 0)
    await run_night_audit(property_id=hotel.property_id)
    await turn_on(settings)

    summary = await catch_up("accounting_bridge", hotel.property_id, off_since)
    again = await catch_up("accounting_bridge", hotel.property_id, off_since)

    assert "1 days audited while off sealed" in summary and "sealed" not in again
    [sealed] = await SealedDay.objects().where(SealedDay.property == hotel.property_id)
    assert sealed.business_date == DAY
    [day] = await OutboxMessage.objects().where(OutboxMessage.event_type == "day")
    assert json.loads(day.payload)["businessDate"] == DAY.isoformat()


async def _open_requests(stay_id: int) -> list[ConciergeRequest]:
    return await ConciergeRequest.objects().where(
        (ConciergeRequest.stay == stay_id) & (ConciergeRequest.status == "open")
    )


async def _notes(request_id: int) -> list[str]:
    rows = await ConciergeRequestChange.select(ConciergeRequestChange.note).where(
        ConciergeRequestChange.request == request_id
    )
    return [r["note"] for r in rows]


TEN = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # on every hourly grid


async def _request(hotel, stay_id: int, type: str = "housekeeping_extra") -> ConciergeRequest:
    return await concierge.create_request(
        property_id=hotel.property_id, stay_id=stay_id, type=type, description="Extra towels"
    )


async def test_the_concierge_closes_requests_of_stays_that_ended_while_off(settings):
    await turn_on(settings)
    hotel = await priced_hotel(rooms=8)
    leaving, staying = await book_in_house(hotel, 0), await book_in_house(hotel, 1)
    cancelling = await book(hotel, 2)
    requests = {s.id: await _request(hotel, s.id) for s in (leaving, staying, cancelling)}
    sauna = await bookings.create_resource(
        property_id=hotel.property_id, name="Sauna", service="spa", capacity=4
    )
    massage = await bookings.book_service(
        resource_id=sauna.id, starts_at=TEN, stay_id=cancelling.id, confirm=True
    )
    off_since = await turn_off(settings, "concierge")
    await settle_and_check_out(leaving.id)
    await stays.cancel_stay(stay_id=cancelling.id, reason="plans changed")
    free = await free_room(hotel, staying.room)
    await stays.move_room(stay_id=staying.id, room_id=free)
    await turn_on(settings)
    assert await _open_requests(leaving.id)  # nobody closed them while off

    summary = await catch_up("concierge", hotel.property_id, off_since)

    assert "3 requests and bookings of 2 ended stays closed" in summary
    assert (await bookings.get_booking(massage.id)).status == "cancelled"
    for ended in (leaving.id, cancelling.id):
        assert await _open_requests(ended) == []
        closing = await _notes(requests[ended].id)
        assert any("Closed on catch-up" in note for note in closing), closing
    [kept] = await _open_requests(staying.id)  # nothing written before the switch is lost
    assert kept.room == free
    assert any("while the concierge was off" in n for n in await _notes(kept.id))
    history = await ConciergeRequestChange.count()
    again = await catch_up("concierge", hotel.property_id, off_since)
    assert "0 requests and bookings of 0 ended stays closed, 0 requests moved" in again
    assert await ConciergeRequestChange.count() == history


async def test_hr_shifts_states_that_nothing_needs_catching_up(settings):
    await turn_on(settings)
    hotel = await priced_hotel(rooms=2)
    off_since = await turn_off(settings, "hr_shifts")
    await book_in_house(hotel, 0)
    await turn_on(settings)

    summary = await catch_up("hr_shifts", hotel.property_id, off_since)

    assert "nothing to catch up" in summary and "computed live" in summary
