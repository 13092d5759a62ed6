"""Queries of stays and availability. Bad arguments never raise: unknown ids give null, and a
list whose page arguments are a mistake (negative first, foreign cursor) answers with its
errors."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from frontdesk.core.errors import DomainError
from frontdesk.core.stays import availability as availability_service
from frontdesk.core.stays.queries import stay_condition
from frontdesk.core.stays.tables import Stay as StayRow

from ..common.connection import Connection, connection
from ..common.contributions import secure_field
from ..common.errors import UserError, decode_id, decode_optional_id, maybe_id
from ..common.pagination import all_of, by_id, nothing, page_size
from ..execution import prefetch
from ..security.scope import property_scope
from .types import RoomTypeAvailability, Stay, StayStatus


@strawberry.type
class AvailabilityResult:
    room_types: list[RoomTypeAvailability]
    errors: list[UserError]


@strawberry.type
class StayQuery:
    @secure_field(permission="stays.read", description="Stays, filtered; all filters combine.")
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
            condition = nothing(StayRow)
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
            all_of(condition, property_scope(info, StayRow.property)),
            first=page_size(info, first),
            after=after,
        )
        await prefetch.prefetch(info, "Stay", page.items)
        return connection(page)

    @secure_field(permission="stays.read", scopes={"id": StayRow})
    async def stay(self, info: Info, id: strawberry.ID) -> Stay | None:
        return await by_id(info, StayRow, id)

    @secure_field(
        permission="stays.read",
        description="Free rooms per room type and night for [arrival, departure).",
    )
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
