"""What the folios add to a stay: ``Stay.registrationCard``, ``folios``, ``sale`` and
``balance``, a type extension the folios area contributes as plugins contribute theirs (so the
stays area needs nothing of the folios). Resolvers receive the stay row as ``self``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from decimal import Decimal

import strawberry
from strawberry.types import Info

from frontdesk.core.folios.tables import Folio as FolioRow
from frontdesk.core.folios.tables import FolioEntry as EntryRow
from frontdesk.core.money import ZERO
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.rows import id_list

from ..common.money import Money, money
from ..execution import prefetch
from ..execution.batches import Batch
from . import documents
from .sale import StaySale, stay_sale
from .types import NS, Folio


@strawberry.type(description="The folios' fields of Stay.")
class StayFolioFields:
    @strawberry.field(
        description="The registration card as PDF, base64-encoded (a download for staff)."
    )
    async def registration_card(self) -> str | None:
        return await documents.registration_card_base64(self.id)

    @strawberry.field(description="The stay's folios, the guest folio (number 1) first.")
    async def folios(self, info: Info) -> list[Folio]:
        return await info.context.loaders.many_by(FolioRow, "stay", namespace=NS).load(self.id)

    @strawberry.field(
        description="What the stay was sold at: nightly prices, rate plan, taxes and total "
        "(null when it was booked without prices)."
    )
    async def sale(self, info: Info) -> StaySale | None:
        return await stay_sale(info, self)

    @strawberry.field(description="What is still owed on all folios of the stay.")
    def balance(self, info: Info) -> Money | None:
        return stay_balance(info, self)


#: The selected columns, built once (piccolo builds each through ``__getattribute__``).
_ENTRY_STAY = EntryRow.stay.as_alias("stay_id")


async def _balances_by_stay(stay_ids: list[int]) -> list[Decimal]:
    """What is owed on all folios of each stay, in one statement for a whole page of stays
    (only the amounts are read: the board shows a balance per row).

    Every entry carries its folio's stay (``ledger.insert_entry``; folios and entries are
    never edited), and ``folios_entry.stay`` has its own index: no join with the folios.
    Joining through the folio made PostgreSQL hash-join every entry of the database, a
    cost that grew with the history (3.6 ms per board at 18k entries)."""
    records = await EntryRow.select(_ENTRY_STAY, EntryRow.amount).where(
        EntryRow.stay.is_in(id_list(stay_ids))
    )
    totals: dict[int, Decimal] = {}
    for record in records:
        key = record["stay_id"]
        totals[key] = totals.get(key, ZERO) + Decimal(record["amount"])
    return [totals.get(key, ZERO) for key in stay_ids]


def _balances(info: Info) -> Batch:
    return info.context.loaders.batch(f"{NS}.balance_by_stay", _balances_by_stay)


def stay_balance(info: Info, stay) -> Money | Awaitable[Money]:
    """The stay's balance, at once when a list prefetched it, else as an awaitable (the
    stays resolved in one turn of the event loop still share one statement)."""
    balances = _balances(info)
    total = balances.values.get(stay.id)
    prop = info.context.loaders.row(PropertyRow, stay.property)
    if total is not None and not isinstance(prop, asyncio.Future):
        return money(total, prop.currency)

    async def later() -> Money:
        await balances.load_many([stay.id])
        row = await prop if isinstance(prop, asyncio.Future) else prop
        return money(balances.values[stay.id], row.currency)

    return later()


async def _prefetch_balances(info: Info, rows: list) -> None:
    await asyncio.gather(
        _balances(info).load_many([row.id for row in rows]),
        info.context.loaders.preload(PropertyRow, {row.property for row in rows}),
    )


prefetch.register("Stay", "balance", _prefetch_balances)
