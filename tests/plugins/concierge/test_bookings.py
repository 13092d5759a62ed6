"""Service bookings: a resource slot is never sold beyond its capacity, whatever the
concurrency, and a priced booking's charge goes to the stay's folio in the same transaction."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from frontdesk.core.errors import Conflict, DomainError
from frontdesk.core.guests.service import create_guest
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.stays import service as stays
from frontdesk.plugins.concierge import billing
from frontdesk.plugins.concierge import bookings as service
from frontdesk.plugins.concierge.tables import ConciergeBooking, ConciergeBookingSeat

DAY = date(2026, 11, 23)
TEN = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # 11:00 in Berlin, on every hourly grid


async def _hotel():
    prop = await create_property(
        code="SPA", name="Spa Hotel", business_date=DAY, timezone="Europe/Berlin"
    )
    room_type = await create_room_type(
        property_id=prop.id, code="DBL", name="Double", max_occupancy=2
    )
    await create_room(property_id=prop.id, room_type_id=room_type.id, number="101")
    guest, _ = await create_guest(property_id=prop.id, first_name="Ada", last_name="Spa")
    stay = await stays.book_stay(
        property_id=prop.id,
        room_type_id=room_type.id,
        arrival=DAY,
        departure=DAY + timedelta(days=3),
        guest_id=guest.id,
    )
    return prop, guest, stay


async def test_twenty_simultaneous_bookings_fill_a_slot_exactly_to_capacity(runtime):
    prop, guest, _stay = await _hotel()
    sauna = await service.create_resource(
        property_id=prop.id, name="Sauna", service="spa", capacity=5, slot_minutes=60
    )
    await service.book_service(resource_id=sauna.id, starts_at=TEN, party_size=2)  # 3 left

    async def attempt():
        return await service.book_service(resource_id=sauna.id, starts_at=TEN, guest_id=guest.id)

    results = await asyncio.gather(*[attempt() for _ in range(20)], return_exceptions=True)
    won = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(won) == 3
    assert len(refused) == 17
    assert all(isinstance(r, Conflict) for r in refused), refused
    seats = await ConciergeBookingSeat.select(ConciergeBookingSeat.seat_no).where(
        ConciergeBookingSeat.resource == sauna.id
    )
    assert sorted(s["seat_no"] for s in seats) == [0, 1, 2, 3, 4]
    assert await ConciergeBooking.count() == 4  # refused bookings left nothing behind


async def test_the_database_refuses_a_second_person_on_the_same_seat(runtime):
    prop, _guest, _stay = await _hotel()
    room = await service.create_resource(
        property_id=prop.id, name="Treatment room", service="spa", capacity=1
    )
    first = await service.book_service(resource_id=room.id, starts_at=TEN)
    second = await service.book_service(resource_id=room.id, starts_at=TEN + timedelta(hours=1))
    with pytest.raises(Exception) as caught:
        await ConciergeBookingSeat.update({ConciergeBookingSeat.slot_start: TEN}).where(
            ConciergeBookingSeat.booking == second.id
        )
    assert "unique" in str(caught.value).lower()
    assert first.id != second.id


async def test_a_long_booking_takes_every_slot_it_covers(runtime):
    prop, _guest, _stay = await _hotel()
    guide = await service.create_resource(
        property_id=prop.id, name="City guide", service="tour", capacity=10, slot_minutes=30
    )
    await service.book_service(
        resource_id=guide.id, starts_at=TEN, ends_at=TEN + timedelta(hours=2), party_size=4
    )
    slots = await service.availability(
        resource_id=guide.id, starts_at=TEN - timedelta(hours=1), ends_at=TEN + timedelta(hours=3)
    )
    assert [s.taken for s in slots] == [0, 0, 4, 4, 4, 4, 0, 0]
    with pytest.raises(Conflict):
        await service.book_service(
            resource_id=guide.id, starts_at=TEN + timedelta(hours=1), party_size=7
        )


async def test_cancelling_a_booking_frees_its_places(runtime):
    prop, _guest, _stay = await _hotel()
    table = await service.create_resource(
        property_id=prop.id, name="Chef's table", service="restaurant", capacity=2
    )
    booking = await service.book_service(resource_id=table.id, starts_at=TEN, party_size=2)
    await service.set_booking_status(booking_id=booking.id, status="cancelled")
    again = await service.book_service(resource_id=table.id, starts_at=TEN, party_size=2)
    assert again.status == "requested"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": TEN + timedelta(minutes=20)}, "startsAt"),
        ({"starts_at": TEN.replace(tzinfo=None)}, "startsAt"),
        ({"ends_at": TEN - timedelta(hours=1)}, "endsAt"),
        ({"party_size": 0}, "partySize"),
        ({"party_size": 3}, "partySize"),
        ({"price": Decimal("-1")}, "price"),
        ({"stay_id": 10**9}, "stayId"),
    ],
)
async def test_bad_booking_input_is_refused_with_its_field(runtime, changes, field):
    prop, _guest, _stay = await _hotel()
    boat = await service.create_resource(
        property_id=prop.id, name="Boat", service="tour", capacity=2
    )
    with pytest.raises(DomainError) as refused:
        await service.book_service(resource_id=boat.id, **{"starts_at": TEN, **changes})
    assert refused.value.field == field
    assert await ConciergeBooking.count() == 0


needs_folios = pytest.mark.skipif(
    not billing.available(), reason="needs the folio feature (core/folios)"
)


async def _stay_entries(stay_id: int) -> list:
    from frontdesk.core.folios.tables import FolioEntry

    return await FolioEntry.objects().where(FolioEntry.stay == stay_id).order_by(FolioEntry.id)


@needs_folios
async def test_confirming_a_priced_booking_posts_its_charge_to_the_stay_folio(runtime):
    prop, _guest, stay = await _hotel()
    massage = await service.create_resource(
        property_id=prop.id, name="Massage", service="spa", capacity=1, price=Decimal("80.00")
    )
    booking = await service.book_service(resource_id=massage.id, starts_at=TEN, stay_id=stay.id)
    assert await _stay_entries(stay.id) == []  # only requested: nothing owed yet
    confirmed = await service.set_booking_status(booking_id=booking.id, status="confirmed")
    [charge] = await _stay_entries(stay.id)
    assert (charge.kind, charge.category, Decimal(charge.amount)) == (
        "charge",
        "spa",
        Decimal("80.00"),
    )
    assert confirmed.charge_reference == str(charge.id)
    await service.set_booking_status(booking_id=booking.id, status="delivered")
    assert len(await _stay_entries(stay.id)) == 1  # delivery does not charge twice


@needs_folios
async def test_cancelling_a_charged_booking_reverses_the_charge(runtime):
    prop, _guest, stay = await _hotel()
    dinner = await service.create_resource(
        property_id=prop.id, name="Chef's table", service="restaurant", capacity=4
    )
    booking = await service.book_service(
        resource_id=dinner.id,
        starts_at=TEN,
        stay_id=stay.id,
        party_size=2,
        price=Decimal("120.00"),
        confirm=True,
    )
    await service.set_booking_status(booking_id=booking.id, status="cancelled")
    charge, correction = await _stay_entries(stay.id)
    assert charge.category == "food_beverage"
    assert correction.kind == "correction" and correction.corrected_entry == charge.id
    assert Decimal(charge.amount) + Decimal(correction.amount) == 0


@needs_folios
async def test_a_refused_posting_leaves_the_booking_unconfirmed(runtime):
    prop, _guest, stay = await _hotel()
    await stays.check_in(stay_id=stay.id)
    await stays.check_out(stay_id=stay.id)
    massage = await service.create_resource(
        property_id=prop.id, name="Massage", service="spa", capacity=1, price=Decimal("80.00")
    )
    booking = ConciergeBooking(
        property=prop.id,
        resource=massage.id,
        stay=stay.id,
        guest=stay.primary_guest,
        starts_at=TEN,
        ends_at=TEN + timedelta(hours=1),
        price=Decimal("80.00"),
        currency="EUR",
    )
    await booking.save()  # a booking left over from before the stay ended
    with pytest.raises(DomainError) as refused:
        await service.set_booking_status(booking_id=booking.id, status="confirmed")
    assert refused.value.field == "stayId"  # the folio takes charges on open stays only
    reread = await service.get_booking(booking.id)
    assert (reread.status, reread.charge_reference) == ("requested", None)
    assert [e for e in await _stay_entries(stay.id) if e.category == "spa"] == []


async def test_without_the_folio_feature_a_priced_confirmation_is_refused_whole(
    runtime, monkeypatch
):
    monkeypatch.setattr(billing, "FOLIO_SERVICE", "frontdesk.core.folios.not_installed")
    prop, _guest, stay = await _hotel()
    massage = await service.create_resource(
        property_id=prop.id, name="Massage", service="spa", capacity=1, price=Decimal("80.00")
    )
    booking = await service.book_service(resource_id=massage.id, starts_at=TEN, stay_id=stay.id)
    with pytest.raises(DomainError) as refused:
        await service.set_booking_status(booking_id=booking.id, status="confirmed")
    assert refused.value.code == "FEATURE_UNAVAILABLE"
    reread = await service.get_booking(booking.id)
    assert (reread.status, reread.charge_reference) == ("requested", None)
