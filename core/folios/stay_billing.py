"""Billing's side of the stay lifecycle: the ``StayBilling`` that core/stays asks
(core/stays/billing.py), installed at start-up (core/areas.py). What each step means for
money is in ``folios.stays`` (prices, folio, fees), ``folios.closing`` (check-out) and
``folios.night_postings`` (a day use)."""

from __future__ import annotations

from ..guests.tables import Guest
from ..properties.tables import Property, RoomType
from ..stays.tables import Stay
from . import stays as folio_stays
from .closing import close_for_check_out
from .night_postings import post_day_use


class FolioStayBilling:
    """Prices, folios and fees for a stay, written inside the stay's transaction."""

    async def booked(
        self,
        stay: Stay,
        *,
        rate_plan_id: int | None,
        business_travel: bool,
        actor: str | None,
        known: tuple[Property, RoomType, Guest],
    ) -> None:
        await folio_stays.on_booked(
            stay,
            rate_plan_id=rate_plan_id,
            business_travel=business_travel,
            actor=actor,
            known=known,
        )

    async def nights_changed(self, stay: Stay) -> None:
        await folio_stays.on_modified(stay)

    async def cancelled(self, stay: Stay, actor: str | None) -> None:
        await folio_stays.on_cancelled(stay, actor)
        await folio_stays.close_empty_folios(stay, actor)

    async def no_show(self, stay: Stay, actor: str | None) -> None:
        await folio_stays.on_no_show(stay, actor)
        await folio_stays.close_empty_folios(stay, actor)

    async def before_check_out(self, stay_id: int, actor: str | None) -> None:
        await post_day_use(stay_id=stay_id, actor=actor)

    async def checking_out(self, stay: Stay, actor: str | None) -> None:
        await close_for_check_out(stay, actor)
