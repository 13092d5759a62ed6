"""A small priced hotel built through core services, for service-level money tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from frontdesk.core.folios.tables import Folio
from frontdesk.core.guests.service import create_guest
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.rates import service as rates
from frontdesk.core.stays import service as stays

DAY = date(2026, 11, 23)


@dataclass
class PricedHotel:
    property_id: int
    room_type_id: int
    guest_ids: list[int] = field(default_factory=list)


async def priced_hotel(*, rooms: int = 4, rate: str = "100.00", code: str = "NA") -> PricedHotel:
    prop = await create_property(code=code, name="Audit Hotel", business_date=DAY)
    room_type = await create_room_type(
        property_id=prop.id, code="DBL", name="Double", max_occupancy=3
    )
    for number in range(rooms):
        await create_room(property_id=prop.id, room_type_id=room_type.id, number=str(101 + number))
    await rates.set_base_rate(room_type_id=room_type.id, amount=rate)
    await rates.set_tax_rate(property_id=prop.id, category="room", rate="7", name="VAT 7 %")
    hotel = PricedHotel(prop.id, room_type.id)
    for i in range(rooms):
        guest, _ = await create_guest(property_id=prop.id, first_name=f"G{i}", last_name="Test")
        hotel.guest_ids.append(guest.id)
    return hotel


async def book_in_house(hotel: PricedHotel, guest: int, nights: int = 2, **extra):
    stay = await stays.book_stay(
        property_id=hotel.property_id,
        room_type_id=hotel.room_type_id,
        arrival=DAY,
        departure=DAY + timedelta(days=nights),
        guest_id=hotel.guest_ids[guest],
        **extra,
    )
    return await stays.check_in(stay_id=stay.id)


async def guest_folio(stay_id: int) -> Folio:
    return await Folio.objects().where((Folio.stay == stay_id) & (Folio.number == 1)).first()
