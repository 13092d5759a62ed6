"""A channel manager's reservations carry their guest: each becomes a real stay (source
``channel``), booked once per (channel, reservation id) however often and however
concurrently it is pulled; new dates modify the stay, a cancellation cancels it, and a
reservation that finds no room is reported as a conflict, never dropped."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

from frontdesk.core import runtime
from frontdesk.core.guests.service import create_guest
from frontdesk.core.guests.tables import Guest
from frontdesk.core.plugins import hookimpl
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.tables import InventoryHold, Stay
from frontdesk.plugins.channels import sync
from frontdesk.plugins.channels.connectors import (
    ChannelGuest,
    ChannelReservation,
    ReservationBatch,
    apply_batch,
)
from frontdesk.plugins.channels.tables import ChannelsReservation

ARRIVAL, DEPARTURE = date(2026, 12, 4), date(2026, 12, 7)
ADA = ChannelGuest("Ada", "Lovelace", "Ada@Example.org", phone="+44 20 7946 0000")
CONFLICTS = """query($p: ID!) { channelsConflicts(propertyId: $p) {
  externalId roomTypeId stayId message conflictStayIds } }"""


class ChannelManager:
    """A channel manager's connector, as another plugin offers it: reservations by room type."""

    name = "cm"

    def __init__(self, reservations: list[ChannelReservation]) -> None:
        self.reservations = reservations

    async def push(self, update) -> None:
        return None

    async def pull(self, property_id: int) -> list[ReservationBatch]:
        return [ReservationBatch("cm", property_id, list(self.reservations), complete=False)]

    @hookimpl(optionalhook=True)
    def frontdesk_channel_connectors(self):
        return [self]


def booking_of(hotel, **changes) -> ChannelReservation:
    reservation = ChannelReservation(
        "CM-1001",
        None,
        ARRIVAL,
        DEPARTURE,
        guest=ADA,
        room_type_id=int(hotel.room_types["DBL"]),
        adults=2,
    )
    return replace(reservation, **changes)


def connect(hotel, *reservations: ChannelReservation) -> ChannelManager:
    manager = ChannelManager(list(reservations))
    runtime.current().plugin_manager.register(manager, name="cm-connector")
    return manager


async def channel_stays() -> list[Stay]:
    return await Stay.objects().where(Stay.source == "channel")


async def test_a_reservation_with_a_guest_is_booked_as_a_stay_once(gql, hotel):
    connect(hotel, booking_of(hotel))
    first = await sync.sync_property(int(hotel.property_id))
    again = await sync.sync_property(int(hotel.property_id))
    assert (first.booked, again.booked, again.unchanged) == (1, 0, 1)
    [stay] = await channel_stays()
    assert (stay.arrival, stay.departure, stay.adults, stay.status) == (
        ARRIVAL,
        DEPARTURE,
        2,
        "booked",
    )
    assert stay.booking_reference == "CM-1001"
    guest = await Guest.objects().where(Guest.id == stay.primary_guest).first()
    assert (guest.first_name, guest.email) == ("Ada", "ada@example.org")
    assert await InventoryHold.count() == 0  # a booking, not a hold
    row = await ChannelsReservation.objects().first()
    assert (row.status, row.stay) == ("booked", stay.id)


async def test_a_sync_through_the_api_books_the_reservation_the_desk_then_sees(gql, hotel):
    """End to end through GraphQL: a manager's `channelsSyncNow` pulls the connector, and the
    desk's stay list shows the channel's booking with its guest and reference."""
    connect(hotel, booking_of(hotel))
    synced = await gql.ok(
        "channelsSyncNow", {"propertyId": hotel.property_id}, "result { booked unchanged }"
    )
    assert synced["result"] == {"booked": 1, "unchanged": 0}
    again = await gql.ok(
        "channelsSyncNow", {"propertyId": hotel.property_id}, "result { booked unchanged }"
    )
    assert again["result"] == {"booked": 0, "unchanged": 1}
    listed = await gql.execute(
        """query($p: ID!) { stays(propertyId: $p) { nodes {
             bookingReference source status arrival departure adults
             primaryGuest { firstName email } } } }""",
        {"p": hotel.property_id},
    )
    assert listed["stays"]["nodes"] == [
        {
            "bookingReference": "CM-1001",
            "source": "CHANNEL",
            "status": "BOOKED",
            "arrival": ARRIVAL.isoformat(),
            "departure": DEPARTURE.isoformat(),
            "adults": 2,
            "primaryGuest": {"firstName": "Ada", "email": "ada@example.org"},
        }
    ]


async def test_the_guest_is_matched_by_email(gql, hotel):
    known, _ = await create_guest(
        property_id=int(hotel.property_id),
        first_name="Ada",
        last_name="King",
        email="ada@example.org",
    )
    guests_before = await Guest.count()
    connect(hotel, booking_of(hotel))
    await sync.sync_property(int(hotel.property_id))
    [stay] = await channel_stays()
    assert stay.primary_guest == known.id
    assert await Guest.count() == guests_before


async def test_new_dates_modify_the_stay(gql, hotel):
    manager = connect(hotel, booking_of(hotel))
    await sync.sync_property(int(hotel.property_id))
    manager.reservations = [booking_of(hotel, departure=date(2026, 12, 9), adults=1)]
    result = await sync.sync_property(int(hotel.property_id))
    assert result.modified == 1
    [stay] = await channel_stays()
    assert (stay.departure, stay.adults) == (date(2026, 12, 9), 1)


async def test_a_cancellation_cancels_the_stay(gql, hotel):
    manager = connect(hotel, booking_of(hotel))
    await sync.sync_property(int(hotel.property_id))
    manager.reservations = [
        ChannelReservation("CM-1001", None, ARRIVAL, DEPARTURE, cancelled=True)  # no guest
    ]
    assert (await sync.sync_property(int(hotel.property_id))).cancelled == 1
    assert (await sync.sync_property(int(hotel.property_id))).unchanged == 1
    [stay] = await channel_stays()
    assert stay.status == "cancelled"


async def _fill_doubles(hotel) -> list[Stay]:
    return [
        await stays.book_stay(
            property_id=int(hotel.property_id),
            room_type_id=int(hotel.room_types["DBL"]),
            arrival=ARRIVAL,
            departure=DEPARTURE,
            guest_id=int(hotel.guests[n]),
        )
        for n in range(2)
    ]


async def test_no_room_left_is_a_reported_conflict_booked_once_a_room_frees(gql, hotel, event_log):
    desk = await _fill_doubles(hotel)
    connect(hotel, booking_of(hotel))
    assert (await sync.sync_property(int(hotel.property_id))).conflicts == 1
    assert await channel_stays() == []
    [conflict] = (await gql.execute(CONFLICTS, {"p": hotel.property_id}))["channelsConflicts"]
    assert conflict["externalId"] == "CM-1001"
    assert conflict["roomTypeId"] == hotel.room_types["DBL"]
    assert conflict["stayId"] is None
    assert conflict["message"]
    reported = [e for e in event_log.committed if e.name == "channels.conflict_detected"]
    assert [e.data["externalId"] for e in reported] == ["CM-1001"]
    assert event_log.conflicts == [{"externalId": "CM-1001", "stays": []}]
    assert (await sync.sync_property(int(hotel.property_id))).conflicts == 1  # reported once
    assert len(event_log.conflicts) == 1
    await stays.cancel_stay(stay_id=desk[0].id)
    assert (await sync.sync_property(int(hotel.property_id))).booked == 1
    assert len(await channel_stays()) == 1


async def test_a_change_that_finds_no_room_keeps_the_stay_and_is_reported(gql, hotel):
    manager = connect(hotel, booking_of(hotel, arrival=date(2026, 12, 1), departure=ARRIVAL))
    await sync.sync_property(int(hotel.property_id))
    await _fill_doubles(hotel)
    manager.reservations = [booking_of(hotel, arrival=date(2026, 12, 1), departure=DEPARTURE)]
    assert (await sync.sync_property(int(hotel.property_id))).conflicts == 1
    [stay] = await channel_stays()
    assert stay.departure == ARRIVAL  # kept as booked
    [conflict] = (await gql.execute(CONFLICTS, {"p": hotel.property_id}))["channelsConflicts"]
    assert conflict["stayId"] == str(stay.id)
    assert conflict["conflictStayIds"] == [str(stay.id)]


async def test_two_concurrent_pulls_of_one_reservation_book_one_stay(gql, hotel):
    batch = ReservationBatch("cm", int(hotel.property_id), [booking_of(hotel)], complete=False)
    results = await asyncio.gather(*[apply_batch(batch) for _ in range(2)])
    assert sorted((r.booked, r.unchanged) for r in results) == [(0, 1), (1, 0)]
    assert len(await channel_stays()) == 1
    assert await ChannelsReservation.count() == 1
    assert await Guest.count().where(Guest.email == "ada@example.org") == 1


async def test_a_calendar_event_without_a_guest_still_holds_its_room(gql, hotel):
    room = int(hotel.rooms["101"])
    connect(hotel, ChannelReservation("UID-1", room, ARRIVAL, DEPARTURE, "Airbnb"))
    assert (await sync.sync_property(int(hotel.property_id))).held == 1
    assert await channel_stays() == []
    assert (await InventoryHold.objects().first()).room == room


async def test_a_held_reservation_sent_again_with_its_guest_becomes_a_stay(gql, hotel):
    room = int(hotel.rooms["101"])
    manager = connect(hotel, ChannelReservation("CM-1001", room, ARRIVAL, DEPARTURE))
    await sync.sync_property(int(hotel.property_id))
    manager.reservations = [booking_of(hotel, room_id=room)]
    assert (await sync.sync_property(int(hotel.property_id))).booked == 1
    assert await InventoryHold.count() == 0
    [stay] = await channel_stays()
    assert stay.room == room
