"""GraphQL types of stays (bookings). Resolvers receive Piccolo rows as ``self``; what
the folios add to a stay (``folios``, ``sale``, ``balance``) is their type extension
(graphql/folios/stay_fields.py)."""

from __future__ import annotations

import enum
from datetime import date, datetime

import strawberry
from strawberry.types import Info

from frontdesk.core.guests.tables import Guest as GuestRow
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.properties.tables import Room as RoomRow
from frontdesk.core.properties.tables import RoomType as RoomTypeRow
from frontdesk.core.stays.tables import StayGuest as StayGuestRow

from ..execution import prefetch
from ..guests.types import Guest
from ..properties.types import Property, Room, RoomType


@strawberry.enum
class StayStatus(enum.Enum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


@strawberry.enum
class StaySource(enum.Enum):
    DESK = "desk"
    PHONE = "phone"
    WEB = "web"
    CHANNEL = "channel"


@strawberry.type
class Stay:
    id: strawberry.ID
    confirmation_code: str
    booking_reference: str
    arrival: date
    departure: date
    adults: int
    children: int
    notes: str
    porter_requested: bool
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    cancelled_at: datetime | None
    created_at: datetime

    @strawberry.field
    def status(self) -> StayStatus:
        return StayStatus(self.status)

    @strawberry.field
    def source(self) -> StaySource:
        return StaySource(self.source)

    @strawberry.field
    def nights(self) -> int:
        return (self.departure - self.arrival).days

    # Sync resolvers: the value when a list prefetched it (graphql/execution/prefetch.py), else
    # loader's future, which graphql-core awaits.
    @strawberry.field
    @prefetch.reads_row(PropertyRow, "property")
    def property(self, info: Info) -> Property:
        return info.context.loaders.row(PropertyRow, self.property)

    @strawberry.field
    @prefetch.reads_row(RoomTypeRow, "room_type")
    def room_type(self, info: Info) -> RoomType:
        return info.context.loaders.row(RoomTypeRow, self.room_type)

    @strawberry.field
    @prefetch.reads_row(RoomRow, "room")
    def room(self, info: Info) -> Room | None:
        if self.room is None:
            return None
        return info.context.loaders.row(RoomRow, self.room)

    @strawberry.field
    @prefetch.reads_row(GuestRow, "primary_guest")
    def primary_guest(self, info: Info) -> Guest:
        return info.context.loaders.row(GuestRow, self.primary_guest)

    @strawberry.field
    async def additional_guests(self, info: Info) -> list[Guest]:
        links = await info.context.loaders.many_by(StayGuestRow, "stay").load(self.id)
        guests = info.context.loaders.by_id(GuestRow)
        return [await guests.load(link.guest) for link in links]


@strawberry.type
class NightAvailability:
    night: date
    bookable: int
    sold: int
    free: int


@strawberry.type
class RoomTypeAvailability:
    room_type: RoomType
    free_count: int = strawberry.field(description="Rooms sellable for every night of the range.")
    nights: list[NightAvailability]
    free_rooms: list[Room] = strawberry.field(
        description="Rooms of this type free and in order for the whole range."
    )


for _field, _table, _column in (
    ("property", PropertyRow, "property"),
    ("roomType", RoomTypeRow, "room_type"),
    ("room", RoomRow, "room"),
    ("primaryGuest", GuestRow, "primary_guest"),
):
    prefetch.register("Stay", _field, prefetch.related(_table, _column))
