"""What a week at a small hotel found: a day use is billed, an unpriced occupied room is
occupied, and a cancelled stay's empty folio does not linger open."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from support.money_services import DAY, book_in_house, guest_folio, priced_hotel

from frontdesk.core.errors import Conflict
from frontdesk.core.folios.payments import record_payment
from frontdesk.core.folios.tables import Folio, FolioEntry, Invoice
from frontdesk.core.guests.service import create_guest
from frontdesk.core.night_audit.service import report_of, run_night_audit
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.rates import service as rates
from frontdesk.core.stays import service as stays


async def _postings(stay_id: int) -> list[tuple[str, Decimal, object]]:
    rows = await FolioEntry.objects().where(FolioEntry.stay == stay_id).order_by(FolioEntry.id)
    return [(r.category or r.kind, Decimal(r.gross), r.night) for r in rows if r.kind == "charge"]


async def _keys() -> Counter:
    rows = await FolioEntry.select(FolioEntry.source_key).where(FolioEntry.kind == "charge")
    return Counter(r["source_key"] for r in rows)


async def test_leaving_on_the_arrival_date_is_charged_the_first_night_as_a_day_use(runtime):
    hotel = await priced_hotel()
    await rates.set_city_tax_rule(
        property_id=hotel.property_id, kind="per_person_night", amount="2.50"
    )
    stay = await book_in_house(hotel, 0, nights=2)
    with pytest.raises(Conflict, match="102.50"):
        await stays.check_out(stay_id=stay.id)
    assert await _postings(stay.id) == [
        ("room", Decimal("100.00"), DAY),
        ("city_tax", Decimal("2.50"), DAY),
    ]
    folio = await guest_folio(stay.id)
    await record_payment(folio_id=folio.id, amount="102.50", currency="EUR", method="card")
    done = await stays.check_out(stay_id=stay.id)
    assert (done.status, done.departure) == ("checked_out", DAY + timedelta(days=1))
    assert (await guest_folio(stay.id)).status == "settled"
    invoice = await Invoice.objects().where(Invoice.folio == folio.id).first()
    assert invoice is not None
    await run_night_audit(property_id=hotel.property_id)
    assert len(await _postings(stay.id)) == 2  # the audit posts nothing more for it


async def test_a_day_use_paid_in_advance_checks_out_at_once(runtime):
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0, nights=1)
    folio = await guest_folio(stay.id)
    await record_payment(folio_id=folio.id, amount="100.00", currency="EUR", method="cash")
    assert (await stays.check_out(stay_id=stay.id)).status == "checked_out"
    assert await _postings(stay.id) == [("room", Decimal("100.00"), DAY)]


async def test_a_guest_who_stays_after_all_is_not_charged_the_night_twice(runtime):
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0, nights=2)
    with pytest.raises(Conflict):
        await stays.check_out(stay_id=stay.id)
    run = await run_night_audit(property_id=hotel.property_id)
    assert set((await _keys()).values()) == {1}
    assert report_of(run)["rooms_sold"] == 1


async def test_leaving_after_an_audited_night_charges_no_day_use(runtime):
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0, nights=2)
    await run_night_audit(property_id=hotel.property_id)
    folio = await guest_folio(stay.id)
    await record_payment(folio_id=folio.id, amount="100.00", currency="EUR", method="card")
    assert (await stays.check_out(stay_id=stay.id)).status == "checked_out"
    assert await _postings(stay.id) == [("room", Decimal("100.00"), DAY)]


async def _unpriced_hotel():
    prop = await create_property(code="FREE", name="Unpriced", business_date=DAY)
    room_type = await create_room_type(
        property_id=prop.id, code="DBL", name="Double", max_occupancy=2
    )
    for number in ("101", "102", "103", "104"):
        await create_room(property_id=prop.id, room_type_id=room_type.id, number=number)
    return prop, room_type


async def test_the_audit_counts_occupied_rooms_priced_or_not(runtime):
    prop, room_type = await _unpriced_hotel()
    for name in ("Ada", "Ben"):
        guest, _ = await create_guest(property_id=prop.id, first_name=name, last_name="Test")
        stay = await stays.book_stay(
            property_id=prop.id,
            room_type_id=room_type.id,
            arrival=DAY,
            departure=DAY + timedelta(days=2),
            guest_id=guest.id,
        )
        await stays.check_in(stay_id=stay.id)
    report = report_of(await run_night_audit(property_id=prop.id))
    assert (report["rooms_sold"], report["rooms_available"]) == (2, 4)
    assert report["occupancy_percent"] == "50.00"
    assert (report["room_revenue"], report["adr"]) == ("0.00", "0.00")


async def test_the_audit_counts_priced_and_unpriced_rooms_together(runtime):
    hotel = await priced_hotel()
    await book_in_house(hotel, 0)
    unpriced = await rates.create_rate_plan(
        property_id=hotel.property_id, code="COMP", name="Complimentary", adjustment="-100"
    )
    await book_in_house(hotel, 1, rate_plan_id=unpriced.id)
    report = report_of(await run_night_audit(property_id=hotel.property_id))
    assert report["rooms_sold"] == 2
    assert report["adr"] == "93.46"  # room revenue per charged room


async def _booked(hotel, **extra):
    return await stays.book_stay(
        property_id=hotel.property_id,
        room_type_id=hotel.room_type_id,
        arrival=DAY + timedelta(days=3),
        departure=DAY + timedelta(days=5),
        guest_id=hotel.guest_ids[0],
        **extra,
    )


async def test_a_cancelled_stay_with_an_empty_folio_closes_it(runtime):
    hotel = await priced_hotel()
    stay = await _booked(hotel)
    await stays.cancel_stay(stay_id=stay.id)
    folio = await guest_folio(stay.id)
    assert folio.status == "settled" and folio.closed_at is not None
    assert await Invoice.count().where(Invoice.folio == folio.id) == 0


async def test_a_cancelled_stay_with_a_fee_keeps_its_folio_open(runtime):
    hotel = await priced_hotel()
    plan = await rates.create_rate_plan(
        property_id=hotel.property_id, code="NR", name="Saver", cancellation_free_days=7
    )
    stay = await _booked(hotel, rate_plan_id=plan.id)
    await stays.cancel_stay(stay_id=stay.id)
    folio = await guest_folio(stay.id)
    assert folio.status == "open"
    assert await _postings(stay.id) == [("fee", Decimal("100.00"), None)]


async def test_a_cancelled_stay_with_a_deposit_keeps_its_folio_open_for_the_refund(runtime):
    hotel = await priced_hotel()
    stay = await _booked(hotel)
    folio = await guest_folio(stay.id)
    await record_payment(folio_id=folio.id, amount="50.00", currency="EUR", method="card")
    await stays.cancel_stay(stay_id=stay.id)
    assert (await Folio.objects().where(Folio.id == folio.id).first()).status == "open"


async def test_a_no_show_with_nothing_charged_closes_its_folio(runtime):
    hotel = await priced_hotel()
    stay = await stays.book_stay(
        property_id=hotel.property_id,
        room_type_id=hotel.room_type_id,
        arrival=DAY,
        departure=DAY + timedelta(days=1),
        guest_id=hotel.guest_ids[0],
    )
    await run_night_audit(property_id=hotel.property_id)
    assert (await guest_folio(stay.id)).status == "settled"
