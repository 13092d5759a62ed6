"""The channel connector hook: another plugin's connector gets availability and rates pushed
and its reservations pulled in, idempotently by the channel's reservation id."""

from __future__ import annotations

from datetime import date

from frontdesk.core.plugins import hookimpl
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.rates.service import set_base_rate
from frontdesk.core.stays.tables import InventoryHold
from frontdesk.plugins.channels import sync
from frontdesk.plugins.channels.connectors import ChannelReservation, ReservationBatch
from frontdesk.plugins.channels.tables import ChannelsReservation

DAY = date(2026, 11, 23)


class FakeChannelManager:
    """A channel manager's connector, as another plugin would offer it."""

    name = "fake-cm"

    def __init__(self, room_id: int, property_id: int) -> None:
        self.pushed = []
        self.reservations = [
            ChannelReservation("CM-1", room_id, date(2026, 12, 1), date(2026, 12, 3), "Ada")
        ]
        self.property_id = property_id

    async def push(self, update) -> None:
        self.pushed.append(update)

    async def pull(self, property_id: int):
        return [ReservationBatch("fake-cm", property_id, list(self.reservations), complete=False)]


class ConnectorPlugin:
    def __init__(self, connector) -> None:
        self.connector = connector

    @hookimpl(optionalhook=True)
    def frontdesk_channel_connectors(self):
        return [self.connector]


async def _hotel():
    prop = await create_property(code="CM", name="CM Hotel", business_date=DAY)
    room_type = await create_room_type(
        property_id=prop.id, code="DBL", name="Double", max_occupancy=2
    )
    room = await create_room(property_id=prop.id, room_type_id=room_type.id, number="101")
    await set_base_rate(room_type_id=room_type.id, amount="80.00")
    return prop, room_type, room


async def test_a_reservation_pulled_twice_holds_its_room_once(runtime):
    prop, _type, room = await _hotel()
    connector = FakeChannelManager(room.id, prop.id)
    runtime.plugin_manager.register(ConnectorPlugin(connector), name="fake-cm")
    first = await sync.sync_property(prop.id)
    second = await sync.sync_property(prop.id)
    assert (first.held, second.held, second.unchanged) == (1, 0, 1)
    assert await InventoryHold.count() == 1
    assert await ChannelsReservation.count().where(ChannelsReservation.channel == "fake-cm") == 1


async def test_a_connector_gets_availability_and_rates_pushed(runtime):
    prop, room_type, room = await _hotel()
    connector = FakeChannelManager(room.id, prop.id)
    runtime.plugin_manager.register(ConnectorPlugin(connector), name="fake-cm")
    await sync.sync_property(prop.id)
    [update] = [u for u in connector.pushed if u.room_type_id == room_type.id]
    by_night = {offer.night: offer for offer in update.nights}
    assert by_night[date(2026, 12, 1)].available == 0  # its own reservation holds the room
    assert by_night[date(2026, 12, 1)].closed
    assert by_night[date(2026, 12, 3)].available == 1
    assert str(by_night[date(2026, 12, 3)].rate) == "80.00"


async def test_a_cancelled_pull_releases_the_room(runtime):
    prop, _type, room = await _hotel()
    connector = FakeChannelManager(room.id, prop.id)
    runtime.plugin_manager.register(ConnectorPlugin(connector), name="fake-cm")
    await sync.sync_property(prop.id)
    connector.reservations = [
        ChannelReservation("CM-1", room.id, date(2026, 12, 1), date(2026, 12, 3), cancelled=True)
    ]
    assert (await sync.sync_property(prop.id)).released == 1
    assert await InventoryHold.count() == 0
