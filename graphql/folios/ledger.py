"""A property's guest ledger: its folios with their balances, open ones first, so the desk
sees what is still owed before what is settled or transferred."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from frontdesk.core.folios.tables import Folio as FolioRow
from frontdesk.core.pagination import paginate_ranked

from ..common.connection import Connection, connection
from ..common.contributions import secure_field
from ..common.errors import maybe_id
from ..common.pagination import page_size
from ..security.scope import property_scope
from .types import Folio, FolioStatus


def folio_condition(info: Info, property_id: strawberry.ID, status: FolioStatus | None):
    """The property's folios (of ``status``) the caller may see; an unreadable id: none."""
    key = maybe_id(property_id)
    condition = FolioRow.property == key if key is not None else FolioRow.id < 0
    if status is not None:
        condition = condition & (FolioRow.status == status.value)
    scope = property_scope(info, FolioRow.property)
    return condition if scope is None else condition & scope


@strawberry.type
class FolioListQuery:
    @secure_field(
        permission="folios.read",
        description="A property's folios (its guest ledger): open ones first, then settled "
        "and transferred ones, each group oldest first. Each folio carries its balance.",
    )
    async def folios(
        self,
        info: Info,
        property_id: strawberry.ID,
        status: FolioStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Folio]:
        page = await paginate_ranked(
            FolioRow,
            folio_condition(info, property_id, status),
            [FolioRow.status == "open", FolioRow.status != "open"],
            first=page_size(info, first),
            after=after,
        )
        return connection(page)
