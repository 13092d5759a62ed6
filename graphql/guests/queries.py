"""Queries of guest profiles. Bad arguments never raise: unknown ids give null, and a
list whose page arguments are a mistake (negative first, foreign cursor) answers with its
errors."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from frontdesk.core.guests.service import search_condition
from frontdesk.core.guests.tables import Guest as GuestRow
from frontdesk.core.pagination import paginate

from ..common.connection import Connection, connection
from ..common.contributions import secure_field
from ..common.errors import maybe_id
from ..common.pagination import all_of, by_id, nothing, page_size
from ..guests.types import Guest
from ..security.scope import property_scope


@strawberry.type
class GuestQuery:
    @secure_field(
        permission="guests.read", description="Guests matching a name, email or phone fragment."
    )
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
            condition = nothing(GuestRow)
        else:
            condition = search_condition(pid, search)
        return connection(
            await paginate(
                GuestRow,
                all_of(condition, property_scope(info, GuestRow.property)),
                first=page_size(info, first),
                after=after,
            )
        )

    @secure_field(permission="guests.read", scopes={"id": GuestRow})
    async def guest(self, info: Info, id: strawberry.ID) -> Guest | None:
        return await by_id(info, GuestRow, id)
