"""Queries of properties, room types and rooms. Bad arguments never raise: unknown ids
give null, and a list whose page arguments are a mistake (negative first, foreign cursor)
answers with its errors."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from frontdesk.core.pagination import paginate
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.properties.tables import Room as RoomRow
from frontdesk.core.properties.tables import RoomType as RoomTypeRow

from ..common.connection import Connection, connection
from ..common.contributions import secure_field
from ..common.errors import maybe_id
from ..common.pagination import all_of, by_id, nothing, page_size
from ..execution import prefetch
from ..properties.types import HousekeepingStatus, Property, Room, RoomType
from ..security.scope import property_scope


@strawberry.type
class PropertyQuery:
    @secure_field(
        permission="properties.read", description="Properties (hotels) of this installation."
    )
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

    @secure_field(permission="properties.read", scopes={"id": PropertyRow})
    async def property(self, info: Info, id: strawberry.ID) -> Property | None:
        return await by_id(info, PropertyRow, id)

    @secure_field(permission="properties.read")
    async def room_types(
        self,
        info: Info,
        property_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[RoomType]:
        pid = maybe_id(property_id)
        condition = nothing(RoomTypeRow) if pid is None else RoomTypeRow.property == pid
        return connection(
            await paginate(RoomTypeRow, condition, first=page_size(info, first), after=after)
        )

    @secure_field(permission="properties.read")
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
            condition = nothing(RoomRow)
        else:
            condition = all_of(
                RoomRow.property == pid,
                RoomRow.room_type == (maybe_id(room_type_id) or -1) if room_type_id else None,
                RoomRow.housekeeping_status == housekeeping_status.value
                if housekeeping_status
                else None,
            )
        page = await paginate(RoomRow, condition, first=page_size(info, first), after=after)
        await prefetch.prefetch(info, "Room", page.items)
        return connection(page)
