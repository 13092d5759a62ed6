"""GraphQL types of properties, room types and rooms. Resolvers receive Piccolo rows as
``self``; related rows load through the request's loaders."""

from __future__ import annotations

import enum
from datetime import date, time

import strawberry
from strawberry.types import Info

from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.properties.tables import RoomType as RoomTypeRow

from ..execution import prefetch


@strawberry.enum
class HousekeepingStatus(enum.Enum):
    CLEAN = "clean"
    DIRTY = "dirty"
    INSPECTED = "inspected"
    OUT_OF_ORDER = "out_of_order"


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

    # Sync, as Stay's: the row when the rooms list prefetched it, else the loader's future
    # (which graphql-core awaits); a compiled plan answers them from the loaded rows.
    @strawberry.field
    @prefetch.reads_row(RoomTypeRow, "room_type")
    def room_type(self, info: Info) -> RoomType:
        return info.context.loaders.row(RoomTypeRow, self.room_type)

    @strawberry.field
    @prefetch.reads_row(PropertyRow, "property")
    def property(self, info: Info) -> Property:
        return info.context.loaders.row(PropertyRow, self.property)


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


prefetch.register("Room", "roomType", prefetch.related(RoomTypeRow, "room_type"))
prefetch.register("Room", "property", prefetch.related(PropertyRow, "property"))
