"""Queries of folios, invoices and the city ledger. Unknown or unreadable ids give null."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from frontdesk.core.folios.tables import CityLedgerAccount as AccountRow
from frontdesk.core.folios.tables import Folio as FolioRow
from frontdesk.core.folios.tables import Invoice as InvoiceRow
from frontdesk.core.pagination import paginate

from ..common.connection import Connection, connection
from ..common.contributions import secure_field
from ..common.errors import maybe_id
from ..common.pagination import by_id, page_size
from ..folios.types import CityLedgerAccount, Folio, Invoice
from .types import NS


@strawberry.type
class FolioQuery:
    @secure_field(permission="folios.read", scopes={"id": FolioRow})
    async def folio(self, info: Info, id: strawberry.ID) -> Folio | None:
        return await by_id(info, FolioRow, id, NS)

    @secure_field(permission="invoices.read", scopes={"id": InvoiceRow})
    async def invoice(self, info: Info, id: strawberry.ID) -> Invoice | None:
        return await by_id(info, InvoiceRow, id, NS)

    @secure_field(permission="invoices.read", description="Invoices of a property, by number.")
    async def invoices(
        self,
        info: Info,
        property_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Invoice]:
        key = maybe_id(property_id)
        condition = InvoiceRow.property == key if key is not None else InvoiceRow.id < 0
        return connection(
            await paginate(InvoiceRow, condition, first=page_size(info, first), after=after)
        )

    @secure_field(permission="city_ledger.read", scopes={"id": AccountRow})
    async def city_ledger_account(self, info: Info, id: strawberry.ID) -> CityLedgerAccount | None:
        return await by_id(info, AccountRow, id, NS)

    @secure_field(permission="city_ledger.read")
    async def city_ledger_accounts(
        self,
        info: Info,
        property_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CityLedgerAccount]:
        key = maybe_id(property_id)
        condition = AccountRow.property == key if key is not None else AccountRow.id < 0
        return connection(
            await paginate(AccountRow, condition, first=page_size(info, first), after=after)
        )
