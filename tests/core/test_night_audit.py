"""The night audit closes a business date: room charges, city tax, no-shows and their fees,
idempotent when run again and complete without duplicates after being killed halfway."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from support.money_services import DAY, book_in_house, guest_folio, priced_hotel

from frontdesk.core.errors import Conflict, InvalidInput
from frontdesk.core.folios.tables import FolioEntry, NightAuditRun
from frontdesk.core.night_audit.service import report_of, run_night_audit
from frontdesk.core.plugins import hookimpl
from frontdesk.core.properties.service import get_property
from frontdesk.core.rates import service as rates
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.tables import Stay


async def _charges() -> Counter:
    rows = await FolioEntry.select(FolioEntry.source_key).where(FolioEntry.kind == "charge")
    return Counter(r["source_key"] for r in rows)


async def test_it_posts_the_room_charge_of_every_in_house_stay_and_advances_the_date(runtime):
    hotel = await priced_hotel()
    first = await book_in_house(hotel, 0)
    second = await book_in_house(hotel, 1)
    run = await run_night_audit(property_id=hotel.property_id, actor="auditor")
    assert run.status == "completed"
    assert (await get_property(hotel.property_id)).business_date == DAY + timedelta(days=1)
    for stay in (first, second):
        folio = await guest_folio(stay.id)
        entries = await FolioEntry.objects().where(FolioEntry.folio == folio.id)
        assert [(e.category, Decimal(e.gross), e.night, e.business_date) for e in entries] == [
            ("room", Decimal("100.00"), DAY, DAY)
        ]
    report = report_of(run)
    assert (report["rooms_sold"], report["rooms_available"]) == (2, 4)
    assert report["occupancy_percent"] == "50.00"
    assert report["room_revenue"] == "186.92"  # 2 x (100 - 6.54 VAT)
    assert (report["adr"], report["revpar"]) == ("93.46", "46.73")


async def test_running_it_again_for_a_closed_date_posts_nothing_twice(runtime):
    hotel = await priced_hotel()
    await book_in_house(hotel, 0, nights=3)
    first = await run_night_audit(property_id=hotel.property_id)
    before = await _charges()
    again = await run_night_audit(property_id=hotel.property_id, business_date=DAY)
    assert again.id == first.id and report_of(again) == report_of(first)
    assert await _charges() == before
    assert (await get_property(hotel.property_id)).business_date == DAY + timedelta(days=1)


class KilledAfter:
    """Stands in for a process killed halfway: fails the audit's third posting."""

    def __init__(self, postings: int):
        self.left = postings

    @hookimpl
    def frontdesk_folio_charge_posted(self, entry):
        if entry.source_key and entry.source_key.startswith("audit:"):
            if self.left == 0:
                raise RuntimeError("killed")
            self.left -= 1


async def test_a_run_killed_halfway_completes_on_the_next_run_without_duplicates(runtime):
    hotel = await priced_hotel()
    stays_in_house = [await book_in_house(hotel, i) for i in range(4)]
    killer = KilledAfter(postings=2)
    runtime.plugin_manager.register(killer, name="killer")
    with pytest.raises(RuntimeError, match="killed"):
        await run_night_audit(property_id=hotel.property_id)
    runtime.plugin_manager.unregister(killer)
    assert len(await _charges()) == 2
    assert (await get_property(hotel.property_id)).business_date == DAY
    run = await NightAuditRun.objects().first()
    assert run.status == "started"

    resumed = await run_night_audit(property_id=hotel.property_id)
    charges = await _charges()
    assert sorted(charges) == sorted(f"audit:{s.id}:{DAY.isoformat()}:room" for s in stays_in_house)
    assert set(charges.values()) == {1}
    assert resumed.id == run.id and report_of(resumed)["rooms_sold"] == 4
    assert (await get_property(hotel.property_id)).business_date == DAY + timedelta(days=1)


async def test_it_refuses_to_run_while_an_earlier_day_is_open(runtime):
    hotel = await priced_hotel()
    await NightAuditRun.insert(
        NightAuditRun(property=hotel.property_id, business_date=DAY - timedelta(days=1))
    )
    with pytest.raises(Conflict, match="earlier day"):
        await run_night_audit(property_id=hotel.property_id)
    assert await _charges() == Counter()


async def test_a_future_date_is_refused(runtime):
    hotel = await priced_hotel()
    with pytest.raises(InvalidInput):
        await run_night_audit(property_id=hotel.property_id, business_date=DAY + timedelta(days=3))


async def test_arrivals_that_never_came_become_no_shows_with_the_plan_fee(runtime):
    hotel = await priced_hotel()
    plan = await rates.create_rate_plan(
        property_id=hotel.property_id,
        code="NR",
        name="Saver",
        adjustment="-10",
        no_show_fee_kind="first_night",
    )
    stay = await stays.book_stay(
        property_id=hotel.property_id,
        room_type_id=hotel.room_type_id,
        arrival=DAY,
        departure=DAY + timedelta(days=2),
        guest_id=hotel.guest_ids[0],
        rate_plan_id=plan.id,
    )
    run = await run_night_audit(property_id=hotel.property_id)
    assert (await Stay.objects().where(Stay.id == stay.id).first()).status == "no_show"
    folio = await guest_folio(stay.id)
    entries = await FolioEntry.objects().where(FolioEntry.folio == folio.id)
    assert [(e.category, Decimal(e.gross)) for e in entries] == [("fee", Decimal("90.00"))]
    assert report_of(run)["no_shows"] == 1


async def test_keep_policy_leaves_late_arrivals_booked(runtime):
    hotel = await priced_hotel()
    await rates.set_money_settings(property_id=hotel.property_id, no_show_policy="keep")
    stay = await stays.book_stay(
        property_id=hotel.property_id,
        room_type_id=hotel.room_type_id,
        arrival=DAY,
        departure=DAY + timedelta(days=2),
        guest_id=hotel.guest_ids[0],
    )
    await run_night_audit(property_id=hotel.property_id)
    assert (await Stay.objects().where(Stay.id == stay.id).first()).status == "booked"


async def test_city_tax_per_person_with_cap_and_exemptions(runtime):
    hotel = await priced_hotel()
    await rates.set_city_tax_rule(
        property_id=hotel.property_id,
        kind="per_person_night",
        amount="2.50",
        max_nights=1,
        child_exemption_age=12,
        business_exempt=True,
    )
    family = await book_in_house(hotel, 0, nights=3, adults=2, children=1)
    business = await book_in_house(hotel, 1, nights=3, business_travel=True)
    for _ in range(2):
        await run_night_audit(property_id=hotel.property_id)
    rows = await FolioEntry.objects().where(FolioEntry.category == "city_tax")
    assert [(r.stay, r.quantity, Decimal(r.gross), r.night) for r in rows] == [
        (family.id, 2, Decimal("5.00"), DAY)  # 2 adults, child exempt, only the first night
    ]
    assert business.id not in {r.stay for r in rows}


async def test_city_tax_as_percentage_of_the_room_price(runtime):
    hotel = await priced_hotel(rate="123.45")
    await rates.set_city_tax_rule(property_id=hotel.property_id, kind="percent_of_room", amount="5")
    await book_in_house(hotel, 0, nights=1)
    await run_night_audit(property_id=hotel.property_id)
    row = await FolioEntry.objects().where(FolioEntry.category == "city_tax").first()
    assert Decimal(row.gross) == Decimal("6.17")  # 5 % of 123.45 = 6.1725, half-up
