"""Core queries. Bad arguments never raise: unknown ids give null, and a list whose page
arguments are a mistake (negative first, foreign cursor) answers with its errors."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from frontdesk.core.errors import DomainError
from frontdesk.core.guests.service import search_condition
from frontdesk.core.guests.tables import Guest as GuestRow
from frontdesk.core.pagination import clamp, paginate
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.properties.tables import Room as RoomRow
from frontdesk.core.properties.tables import RoomType as RoomTypeRow
from frontdesk.core.stays import availability as availability_service
from frontdesk.core.stays.queries import stay_condition
from frontdesk.core.stays.tables import Stay as StayRow

from .. import prefetch
from ..common.errors import UserError, decode_id, decode_optional_id, maybe_id
from ..security_scope import property_scope
from .types import (
    Connection,
    Guest,
    HousekeepingStatus,
    Property,
    Room,
    RoomType,
    RoomTypeAvailability,
    Stay,
    StayStatus,
    connection,
)

DEFAULT_PAGE = 50


def page_size(info: Info, first: int | None) -> int:
    return clamp(first, default=DEFAULT_PAGE, maximum=info.context.settings.max_page_size)


def _and(*parts):
    condition = None
    for part in parts:
        if part is not None:
            condition = part if condition is None else condition & part
    return condition


def _nothing(table):
    """A condition no row matches: what an unreadable id filters by."""
    return table.id < 0


@strawberry.type
class AvailabilityResult:
    room_types: list[RoomTypeAvailability]
    errors: list[UserError]


async def _by_id(info: Info, table, value):
    key = maybe_id(value)
    if key is None:
        return None
    return await info.context.loaders.by_id(table).load(key)


@strawberry.type
class CoreQuery:
    @strawberry.field(description="Properties (hotels) of this installation.")
    async def properties(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Property]:
        return connection(
            await paginate(
                PropertyRow,
                property_scope(info, PropertyRow.id),
                first=page_size(info, first),
                after=after,
            )
        )

    @strawberry.field
    async def property(self, info: Info, id: strawberry.ID) -> Property | None:
        return await _by_id(info, PropertyRow, id)

    @strawberry.field
    async def room_types(
        self,
        info: Info,
        property_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[RoomType]:
        pid = maybe_id(property_id)
        condition = _nothing(RoomTypeRow) if pid is None else RoomTypeRow.property == pid
        return connection(
            await paginate(RoomTypeRow, condition, first=page_size(info, first), after=after)
        )

    @strawberry.field
    async def rooms(
        self,
        info: Info,
        property_id: strawberry.ID,
        room_type_id: strawberry.ID | None = None,
        housekeeping_status: HousekeepingStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Room]:
        pid = maybe_id(property_id)
        if pid is None:
            condition = _nothing(RoomRow)
        else:
            condition = _and(
                RoomRow.property == pid,
                RoomRow.room_type == (maybe_id(room_type_id) or -1) if room_type_id else None,
                RoomRow.housekeeping_status == housekeeping_status.value
                if housekeeping_status
                else None,
            )
        return connection(
            await paginate(RoomRow, condition, first=page_size(info, first), after=after)
        )

    @strawberry.field(description="Guests matching a name, email or phone fragment.")
    async def guests(
        self,
        info: Info,
        property_id: strawberry.ID | None = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Guest]:
        pid = maybe_id(property_id) if property_id is not None else None
        if property_id is not None and pid is None:
            condition = _nothing(GuestRow)
        else:
            condition = search_condition(pid, search)
        return connection(
            await paginate(
                GuestRow,
                _and(condition, property_scope(info, GuestRow.property)),
                first=page_size(info, first),
                after=after,
            )
        )

    @strawberry.field
    async def guest(self, info: Info, id: strawberry.ID) -> Guest | None:
        return await _by_id(info, GuestRow, id)

    @strawberry.field(description="Stays, filtered; all filters combine.")
    async def stays(
        self,
        info: Info,
        property_id: strawberry.ID | None = None,
        status: StayStatus | None = None,
        arrival: date | None = None,
        departure: date | None = None,
        in_house_on: date | None = None,
        guest_id: strawberry.ID | None = None,
        room_id: strawberry.ID | None = None,
        booking_reference: str | None = None,
        confirmation_code: Annotated[
            str | None,
            strawberry.argument(description="The code the guest was given at booking (any case)."),
        ] = None,
        guest_name: Annotated[
            str | None,
            strawberry.argument(
                description="Part of the primary guest's first or last name, or 'first last'."
            ),
        ] = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Stay]:
        ids = {
            "property_id": property_id,
            "guest_id": guest_id,
            "room_id": room_id,
        }
        decoded = {k: maybe_id(v) for k, v in ids.items() if v is not None}
        if any(v is None for v in decoded.values()):
            condition = _nothing(StayRow)
        else:
            condition = stay_condition(
                status=status.value if status else None,
                arrival=arrival,
                departure=departure,
                in_house_on=in_house_on,
                booking_reference=booking_reference[:40] if booking_reference else None,
                confirmation_code=confirmation_code,
                guest_name=guest_name,
                **decoded,
            )
        page = await prefetch.page_of(
            info,
            StayRow,
            _and(condition, property_scope(info, StayRow.property)),
            first=page_size(info, first),
            after=after,
        )
        await prefetch.prefetch(info, "Stay", page.items)
        return connection(page)

    @strawberry.field
    async def stay(self, info: Info, id: strawberry.ID) -> Stay | None:
        return await _by_id(info, StayRow, id)

    @strawberry.field(description="Free rooms per room type and night for [arrival, departure).")
    async def availability(
        self,
        info: Info,
        property_id: strawberry.ID,
        arrival: date,
        departure: date,
        room_type_id: strawberry.ID | None = None,
        adults: int | None = None,
        children: int = 0,
    ) -> AvailabilityResult:
        try:
            rows = await availability_service.availability(
                property_id=decode_id(property_id, "propertyId"),
                arrival=arrival,
                departure=departure,
                room_type_id=decode_optional_id(room_type_id, "roomTypeId"),
                adults=adults,
                children=children,
                include_free_rooms=prefetch.selects(info, "roomTypes", "freeRooms"),
            )
        except DomainError as error:
            return AvailabilityResult(room_types=[], errors=[UserError.from_domain(error)])
        # core's objects have every field of RoomTypeAvailability and NightAvailability
        # (free and freeCount are their properties): answered as they are, not copied.
        return AvailabilityResult(room_types=rows, errors=[])  # type: ignore[arg-type]
