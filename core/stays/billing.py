"""What a stay's lifecycle asks of billing: prices, folios and fees (core/folios).

Folios depend on stays, never the other way round; the lifecycle (core/stays/service.py)
reaches billing only through this protocol, which start-up installs (core/areas.py). Every
method but ``before_check_out`` runs inside the stay's own write transaction, so a stay and
its prices, folio and fees are written together or not at all, and a refusal here (a balance
still open at check-out) refuses the stay's change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ..ports import Port

if TYPE_CHECKING:
    from ..guests.tables import Guest
    from ..properties.tables import Property, RoomType
    from .tables import Stay


class StayBilling(Protocol):
    async def booked(
        self,
        stay: Stay,
        *,
        rate_plan_id: int | None,
        business_travel: bool,
        actor: str | None,
        known: tuple[Property, RoomType, Guest],
    ) -> None:
        """Keep the prices the stay is sold at and open its guest folio (``known``: the
        property, room type and guest the booking has just read)."""

    async def nights_changed(self, stay: Stay) -> None:
        """The stay's dates or room type changed: nights gone lose their price, new nights
        are priced now."""

    async def cancelled(self, stay: Stay, actor: str | None) -> None:
        """Charge the rate plan's cancellation fee if due; close folios left empty."""

    async def no_show(self, stay: Stay, actor: str | None) -> None:
        """Charge the rate plan's no-show fee if any; close folios left empty."""

    async def before_check_out(self, stay_id: int, actor: str | None) -> None:
        """In a transaction of its own, before the check-out's: charge a day use (a guest
        leaving on the business date they arrived), kept even if the check-out is refused."""

    async def checking_out(self, stay: Stay, actor: str | None) -> None:
        """Close every open folio of the stay, or refuse (Conflict) while one has a
        balance."""


stay_billing: Port[StayBilling] = Port("stay billing (core/folios/stay_billing.py)")
