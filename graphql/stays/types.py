"""GraphQL types of the core domain. Resolvers receive Piccolo rows as ``self``."""

from __future__ import annotations

import enum
import functools
import importlib
from datetime import date, datetime, time
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Generic, TypeVar

import strawberry
from strawberry.types import Info

from frontdesk.core.guests.tables import Guest as GuestRow
from frontdesk.core.pagination import Count
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.properties.tables import Room as RoomRow
from frontdesk.core.properties.tables import RoomType as RoomTypeRow
from frontdesk.core.stays.tables import StayGuest as StayGuestRow

from .. import prefetch
from ..common.errors import UserError

if TYPE_CHECKING:
    from ..folios.sale import StaySale
    from ..folios.types import Folio, Money

T = TypeVar("T")


@functools.cache
def _money_types() -> ModuleType:
    """graphql/folios/types.py, which imports this module: loaded on first use, and looked
    up once rather than by an import statement in a resolver run for every row."""
    return importlib.import_module("..folios.types", __package__)


@functools.cache
def _stay_sale() -> ModuleType:
    return importlib.import_module("..folios.sale", __package__)


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


@strawberry.enum
class HousekeepingStatus(enum.Enum):
    CLEAN = "clean"
    DIRTY = "dirty"
    INSPECTED = "inspected"
    OUT_OF_ORDER = "out_of_order"


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Connection(Generic[T]):
    """A page of a list: ``first``/``after`` select it, ``pageInfo`` leads to the next."""

    nodes: list[T]
    page_info: PageInfo
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why no page was given (a negative first, a cursor not of this list).",
    )
    count: strawberry.Private[Count | None] = None

    @strawberry.field(
        description="How many items the whole list holds, all pages together (counted when "
        "asked; null where a list cannot count without reading every row)."
    )
    async def total_count(self) -> int | None:
        return None if self.count is None else await self.count()


def connection(page) -> Connection:
    return Connection(
        nodes=page.items,
        page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=page.end_cursor),
        count=page.count,
    )


def empty_connection(errors: list[UserError] | None = None) -> Connection:
    """An empty list: what a caller sees of a list of another property, or (with
    ``errors``) of a list whose arguments are the client's mistake."""
    return Connection(
        nodes=[],
        page_info=PageInfo(has_next_page=False, end_cursor=None),
        errors=errors or [],
        count=_no_count,
    )


async def _no_count() -> int:
    return 0


@strawberry.type
class Property:
    id: strawberry.ID
    code: str
    name: str
    timezone: str
    currency: str
    check_in_time: time
    check_out_time: time
    business_date: date
    legal_name: str | None = strawberry.field(
        description="The seller's name on invoices (the property's name when not set)."
    )
    vat_number: str | None = strawberry.field(description="VAT identification number (VAT id).")
    phone: str | None
    email: str | None

    @strawberry.field(description="The postal address invoices print.")
    def address(self) -> Address | None:
        return _address_of(self)

    @strawberry.field
    async def room_types(self) -> list[RoomType]:
        return (
            await RoomTypeRow.objects()
            .where(RoomTypeRow.property == self.id)
            .order_by(RoomTypeRow.code)
        )


@strawberry.type
class RoomType:
    id: strawberry.ID
    code: str
    name: str
    max_occupancy: int
    description: str

    @strawberry.field
    async def property(self, info: Info) -> Property:
        return await info.context.loaders.by_id(PropertyRow).load(self.property)


@strawberry.type
class Room:
    id: strawberry.ID
    number: str
    floor: int | None
    features: list[str]
    active: bool
    out_of_order_reason: str | None
    out_of_order_from: date | None
    out_of_order_until: date | None

    @strawberry.field
    def housekeeping_status(self) -> HousekeepingStatus:
        return HousekeepingStatus(self.housekeeping_status)

    @strawberry.field
    async def room_type(self, info: Info) -> RoomType:
        return await info.context.loaders.by_id(RoomTypeRow).load(self.room_type)

    @strawberry.field
    async def property(self, info: Info) -> Property:
        return await info.context.loaders.by_id(PropertyRow).load(self.property)


@strawberry.type
class Address:
    line: str | None
    city: str | None
    postal_code: str | None
    country: str | None


def _address_of(row) -> Address | None:
    """A property's address, or null when none of it is set."""
    parts = (row.address_line, row.city, row.postal_code, row.country)
    if not any(parts):
        return None
    return Address(line=parts[0], city=parts[1], postal_code=parts[2], country=parts[3])


@strawberry.type
class IdentityDocument:
    type: str | None
    number: str | None


@strawberry.type
class Guest:
    id: strawberry.ID
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    nationality: str | None
    language: str | None
    vip: bool
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @strawberry.field
    def address(self) -> Address | None:
        return Address(
            line=self.address_line,
            city=self.city,
            postal_code=self.postal_code,
            country=self.country,
        )

    @strawberry.field
    def date_of_birth(self) -> date | None:
        return self.date_of_birth

    @strawberry.field
    def identity_document(self) -> IdentityDocument | None:
        if not (self.id_document_type or self.id_document_number):
            return None
        return IdentityDocument(type=self.id_document_type, number=self.id_document_number)

    @strawberry.field
    def notes(self) -> str | None:
        return self.notes

    @strawberry.field
    async def property(self, info: Info) -> Property:
        return await info.context.loaders.by_id(PropertyRow).load(self.property)


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

    # Sync resolvers: the value when a list prefetched it (graphql/prefetch.py), else the
    # loader's future, which graphql-core awaits.
    @strawberry.field
    def property(self, info: Info) -> Property:
        return info.context.loaders.row(PropertyRow, self.property)

    @strawberry.field
    def room_type(self, info: Info) -> RoomType:
        return info.context.loaders.row(RoomTypeRow, self.room_type)

    @strawberry.field
    def room(self, info: Info) -> Room | None:
        if self.room is None:
            return None
        return info.context.loaders.row(RoomRow, self.room)

    @strawberry.field
    def primary_guest(self, info: Info) -> Guest:
        return info.context.loaders.row(GuestRow, self.primary_guest)

    @strawberry.field
    async def additional_guests(self, info: Info) -> list[Guest]:
        links = await info.context.loaders.many_by(StayGuestRow, "stay").load(self.id)
        guests = info.context.loaders.by_id(GuestRow)
        return [await guests.load(link.guest) for link in links]

    @strawberry.field(
        description="The registration card as PDF, base64-encoded (a download for staff)."
    )
    async def registration_card(self) -> str | None:
        from ..folios.documents import registration_card_base64

        return await registration_card_base64(self.id)

    @strawberry.field(description="The stay's folios, the guest folio (number 1) first.")
    async def folios(
        self, info: Info
    ) -> list[Annotated[Folio, strawberry.lazy("frontdesk.graphql.folios.types")]]:
        return await _money_types().stay_folios(info, self.id)

    @strawberry.field(
        description="What the stay was sold at: nightly prices, rate plan, taxes and total "
        "(null when it was booked without prices)."
    )
    async def sale(
        self, info: Info
    ) -> Annotated[StaySale, strawberry.lazy("frontdesk.graphql.folios.sale")] | None:
        return await _stay_sale().stay_sale(info, self)

    @strawberry.field(description="What is still owed on all folios of the stay.")
    def balance(
        self, info: Info
    ) -> Annotated[Money, strawberry.lazy("frontdesk.graphql.folios.types")] | None:
        return _money_types().stay_balance(info, self)


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


CORE_TYPES: dict[str, type] = {
    "Property": Property,
    "RoomType": RoomType,
    "Room": Room,
    "Guest": Guest,
    "Stay": Stay,
}

for _field, _table, _column in (
    ("property", PropertyRow, "property"),
    ("roomType", RoomTypeRow, "room_type"),
    ("room", RoomRow, "room"),
    ("primaryGuest", GuestRow, "primary_guest"),
):
    prefetch.register("Stay", _field, prefetch.related(_table, _column))
