"""What the folios add to a stay: ``Stay.registrationCard``, ``folios``, ``sale`` and
``balance``, a type extension the folios area contributes as plugins contribute theirs (so the
stays area needs nothing of the folios). Resolvers receive the stay row as ``self``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from decimal import Decimal

import strawberry
from piccolo.querystring import QueryString
from strawberry.types import Info

from frontdesk.core.folios.tables import Folio as FolioRow
from frontdesk.core.folios.tables import FolioEntry as EntryRow
from frontdesk.core.money import ZERO
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.rows import column_of, column_values, id_list, select_text

from ..common.contributions import secure_field
from ..common.money import Money, money
from ..execution import prefetch
from ..execution.batches import Batch
from ..guests.types import PII
from . import documents
from .sale import StaySale, stay_sale
from .types import NS, Folio


@strawberry.type(description="The folios' fields of Stay.")
class StayFolioFields:
    @secure_field(
        permission=PII,
        description="The registration card as PDF, base64-encoded (a download for staff).",
    )
    async def registration_card(self) -> str | None:
        return await documents.registration_card_base64(self.id)

    @secure_field(
        permission="folios.read", description="The stay's folios, the guest folio (number 1) first."
    )
    async def folios(self, info: Info) -> list[Folio]:
        return await info.context.loaders.many_by(FolioRow, "stay", namespace=NS).load(self.id)

    @secure_field(
        permission="folios.read",
        description="What the stay was sold at: nightly prices, rate plan, taxes and total "
        "(null when it was booked without prices).",
    )
    async def sale(self, info: Info) -> StaySale | None:
        return await stay_sale(info, self)

    @secure_field(
        permission="folios.read", description="What is still owed on all folios of the stay."
    )
    def balance(self, info: Info) -> Money | None:
        return stay_balance(info, self)


#: The selected columns, built once (piccolo builds each through ``__getattribute__``), and
#: the statement rendered once (``core.rows.select_text``): ``EntryRow.select`` and
#: ``EntryRow.stay.is_in`` cost a ``dir()`` of the column per call, about 0.2 ms per board.
_ENTRY_STAY = EntryRow.stay.as_alias("stay_id")
_STAY_COLUMN = EntryRow.stay._meta.get_full_name(with_alias=False)


def _select_amounts():
    return EntryRow.select(_ENTRY_STAY, EntryRow.amount)


async def _balances_by_stay(stay_ids: list[int]) -> list[Decimal]:
    """What is owed on all folios of each stay, in one statement for a whole page of stays
    (only the amounts are read: the board shows a balance per row).

    Every entry carries its folio's stay (``ledger.insert_entry``; folios and entries are
    never edited), and ``folios_entry.stay`` has its own index: no join with the folios.
    Joining through the folio made PostgreSQL hash-join every entry of the database, a
    cost that grew with the history (3.6 ms per board at 18k entries)."""
    engine = EntryRow._meta.db
    select = select_text("folios.balances", engine.engine_type, _select_amounts)
    records = await engine.run_querystring(
        QueryString(f"{select} WHERE {_STAY_COLUMN} IN ({{}})", id_list(stay_ids))
    )
    records = engine.transform_response_to_dicts(records) if records else []
    totals: dict[int, Decimal] = {}
    for record in records:
        key = record["stay_id"]
        totals[key] = totals.get(key, ZERO) + Decimal(record["amount"])
    return [totals.get(key, ZERO) for key in stay_ids]


_BALANCES = f"{NS}.balance_by_stay"


def _balances(info: Info) -> Batch:
    return info.context.loaders.batch(_BALANCES, _balances_by_stay)


def stay_balance(info: Info, stay) -> Money | Awaitable[Money]:
    """The stay's balance, at once when a list prefetched it, else as an awaitable (the
    stays resolved in one turn of the event loop still share one statement). Runs for
    every row of a board: the stay's columns are read from its dictionary (``column_of``)."""
    loaders = info.context.loaders
    balances = loaders.batch(_BALANCES, _balances_by_stay)
    stay_id = column_of(stay, "id")
    total = balances.values.get(stay_id)
    prop = loaders.row(PropertyRow, column_of(stay, "property"))
    if total is not None and not isinstance(prop, asyncio.Future):
        return money(total, column_of(prop, "currency"))

    async def later() -> Money:
        await balances.load_many([stay_id])
        row = await prop if isinstance(prop, asyncio.Future) else prop
        return money(balances.values[stay_id], row.currency)

    return later()


async def _prefetch_balances(info: Info, rows: list) -> None:
    await asyncio.gather(
        _balances(info).load_many(column_values(rows, "id")),
        info.context.loaders.preload(PropertyRow, set(column_values(rows, "property"))),
    )


prefetch.register("Stay", "balance", _prefetch_balances)
