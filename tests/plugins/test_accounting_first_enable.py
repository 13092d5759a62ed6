"""The accounting bridge comes on for the first time in a hotel with history (issue #23):
by default an opening entry per folio and city-ledger account as of the enable date, then
every movement of the enable date journaled late; with ``history_from``, every movement
since that date. Either way the reconciliation shows no difference."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from support.money_services import DAY, book_in_house, guest_folio, priced_hotel
from support.plugin_switch import (
    PLUGINS,
    assert_closed,
    book,
    catch_up,
    desk_traffic,
    journal,
    journal_keys,
    reconciliation,
    turn_off,
    turn_on,
)

from frontdesk.core.errors import InvalidInput
from frontdesk.core.folios import payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.tables import FolioEntry
from frontdesk.core.night_audit.service import run_night_audit
from frontdesk.core.stays import service as stays
from frontdesk.plugins.accounting_bridge.tables import (
    JournalEntryRow,
    JournalPosting,
    OpeningBalance,
)


@pytest.fixture
def enabled_plugins():
    return PLUGINS


async def _a_year_without_the_bridge(settings):
    """Two business days of traffic with the bridge never on: day one ends with an in-house
    guest owing money, two prepaid arrivals for day two (one checks in, one has not arrived
    yet) and a city-ledger balance."""
    await turn_off(settings, "accounting_bridge")
    hotel = await priced_hotel(rooms=8)
    await desk_traffic(hotel, 0, "ACME")
    staying = await book_in_house(hotel, 3, nights=3)
    await folios.post_charge(
        stay_id=staying.id, category="minibar", description="Minibar", quantity=1, unit_price="4.50"
    )
    arriving, later = await _prepaid_arrival(hotel, 4, "40"), await _prepaid_arrival(hotel, 5, "25")
    await run_night_audit(property_id=hotel.property_id)
    await stays.check_in(stay_id=arriving.id)
    await folios.post_charge(
        stay_id=staying.id,
        category="food_beverage",
        description="Lunch",
        quantity=1,
        unit_price="12",
    )
    await turn_on(settings)
    return hotel, later


async def _prepaid_arrival(hotel, guest: int, deposit: str):
    """A stay arriving on day two, with a deposit paid on day one."""
    stay = await book(hotel, guest)
    await stays.modify_stay(
        stay_id=stay.id, arrival=DAY + timedelta(days=1), departure=DAY + timedelta(days=3)
    )
    folio = await guest_folio(stay.id)
    await payments.record_payment(folio_id=folio.id, amount=deposit, currency="EUR", method="card")
    return stay


async def _postings(
    property_id: int, source_type: str, source_key: str | None = None
) -> dict[str, Decimal]:
    """Account -> sum of the postings of the property's entries of ``source_type``."""
    condition = (JournalEntryRow.property == property_id) & (
        JournalEntryRow.source_type == source_type
    )
    if source_key is not None:
        condition &= JournalEntryRow.source_key == source_key
    entries = JournalEntryRow.select(JournalEntryRow.id).where(condition)
    rows = await JournalPosting.select(JournalPosting.account_code, JournalPosting.amount).where(
        JournalPosting.entry.is_in(entries)
    )
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row["account_code"]] = totals.get(row["account_code"], 0) + Decimal(row["amount"])
    return totals


async def test_a_first_enable_opens_each_balance_as_of_the_enable_date(settings):
    hotel, _later = await _a_year_without_the_bridge(settings)

    summary = await catch_up("accounting_bridge", hotel.property_id, None)

    assert "opening entries as of 2026-11-24" in summary
    [opening] = await OpeningBalance.objects().where(OpeningBalance.property == hotel.property_id)
    assert opening.as_of == DAY + timedelta(days=1)
    late = await journal(settings, hotel.property_id)
    openings = [key for key in late if key.startswith("opening:")]
    assert openings and not any(late[key] for key in openings)
    assert any(key.startswith("opening:city_ledger_account:") for key in openings)
    before = await FolioEntry.select(FolioEntry.id).where(
        (FolioEntry.property == hotel.property_id) & (FolioEntry.business_date < opening.as_of)
    )
    assert not {f"folio_entry:{r['id']}" for r in before} & set(late)  # in the openings only
    on_the_day = await FolioEntry.select(FolioEntry.id).where(
        (FolioEntry.property == hotel.property_id) & (FolioEntry.business_date >= opening.as_of)
    )
    assert on_the_day and all(late[f"folio_entry:{r['id']}"] for r in on_the_day)
    opening_postings = await _postings(hotel.property_id, "opening_balance")
    assert sum(opening_postings.values()) == 0 and opening_postings["3000"] != 0
    assert_closed(await reconciliation(settings, hotel.property_id))


async def test_an_opened_deposit_moves_to_the_guest_ledger_at_check_in(settings):
    hotel, later = await _a_year_without_the_bridge(settings)
    await catch_up("accounting_bridge", hotel.property_id, None)
    folio = await guest_folio(later.id)
    key = f"opening:folio:{folio.id}"
    assert (await _postings(hotel.property_id, "opening_balance", key))["2100"] == Decimal(-25)

    await stays.check_in(stay_id=later.id)  # the bridge is on: its live hook runs

    moved = await _postings(
        hotel.property_id, "deposit_applied", f"deposit_applied:folio:{folio.id}"
    )
    assert moved == {"2100": Decimal(25), "1200": Decimal(-25)}
    assert_closed(await reconciliation(settings, hotel.property_id))


async def test_a_second_run_of_a_first_enable_changes_nothing(settings):
    hotel, _later = await _a_year_without_the_bridge(settings)
    await catch_up("accounting_bridge", hotel.property_id, None)
    keys = await journal_keys(hotel.property_id)

    again = await catch_up("accounting_bridge", hotel.property_id, None)

    assert "0 opening entries" in again and "0 movements journaled late" in again
    assert await journal_keys(hotel.property_id) == keys


async def test_history_from_journals_every_movement_since_that_date(settings):
    hotel, _later = await _a_year_without_the_bridge(settings)

    summary = await catch_up("accounting_bridge", hotel.property_id, None, history_from=DAY)

    assert "0 opening entries as of 2026-11-23" in summary
    late = await journal(settings, hotel.property_id)
    moved = await FolioEntry.select(FolioEntry.id).where(FolioEntry.property == hotel.property_id)
    assert all(late[f"folio_entry:{r['id']}"] for r in moved)
    assert not any(key.startswith("opening:") for key in late)
    assert_closed(await reconciliation(settings, hotel.property_id))


async def test_history_from_is_ignored_once_the_journal_has_entries(settings):
    await turn_on(settings)
    hotel = await priced_hotel(rooms=8)
    await desk_traffic(hotel, 0, "ACME")
    off_since = await turn_off(settings, "accounting_bridge")
    await turn_on(settings)

    summary = await catch_up("accounting_bridge", hotel.property_id, off_since, history_from=DAY)

    assert "history_from ignored" in summary
    assert await OpeningBalance.count() == 0


async def test_a_later_off_and_on_cycle_leaves_the_opened_movements_alone(settings):
    hotel, later = await _a_year_without_the_bridge(settings)
    await catch_up("accounting_bridge", hotel.property_id, None)
    off_since = await turn_off(settings, "accounting_bridge")
    await stays.check_in(stay_id=later.id)
    await turn_on(settings)

    summary = await catch_up("accounting_bridge", hotel.property_id, off_since)

    assert "0 movements journaled late, 1 folios' deposits applied late" in summary
    assert_closed(await reconciliation(settings, hotel.property_id))


async def test_history_from_after_the_business_date_is_refused(settings):
    hotel, _later = await _a_year_without_the_bridge(settings)

    with pytest.raises(InvalidInput) as refused:
        await catch_up(
            "accounting_bridge", hotel.property_id, None, history_from=DAY + timedelta(days=30)
        )

    assert refused.value.field == "historyFrom"
    assert await OpeningBalance.count() == 0 and await journal_keys(hotel.property_id) == []
