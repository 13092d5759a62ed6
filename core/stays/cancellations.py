"""A booked stay that does not happen: cancelled, or a no-show once its arrival date came.

Either gives the stay's nights back; billing charges the rate plan's fee if one is due and
closes the folios left empty.
"""

from __future__ import annotations

from .. import events, validation
from ..errors import InvalidTransition
from ..properties.service import get_property
from ..transactions import run_write
from . import inventory
from .billing import stay_billing
from .rules import get_stay, now
from .tables import Stay


async def cancel_stay(*, stay_id: int, reason: str | None = None, actor: str | None = None) -> Stay:
    """Cancel a booked stay (one that has arrived checks out instead)."""
    reason = validation.optional_text(reason, "reason", max_length=500)

    async def change() -> Stay:
        stay = await get_stay(stay_id)
        if stay.status != "booked":
            raise InvalidTransition(
                f"Only a booked stay can be cancelled; this one is {stay.status}.", field="stayId"
            )
        stay.status = "cancelled"
        stay.cancelled_at = now()
        stay.updated_at = stay.cancelled_at
        await stay.save()
        await inventory.release(stay.id)
        await stay_billing.get().cancelled(stay, actor)
        await events.emit(
            "frontdesk_stay_cancelled",
            "stay.cancelled",
            property_id=stay.property,
            subject_id=stay.id,
            actor=actor,
            data={"reason": reason},
            stay=stay,
            reason=reason,
        )
        return stay

    return await run_write(change, conflict_message="The stay changed concurrently; retry.")


async def mark_no_show(*, stay_id: int, actor: str | None = None) -> Stay:
    """Mark a booked stay whose arrival date has come as a no-show."""

    async def change() -> Stay:
        stay = await get_stay(stay_id)
        if stay.status != "booked":
            raise InvalidTransition(
                f"Only a booked stay can be a no-show; this one is {stay.status}.", field="stayId"
            )
        prop = await get_property(stay.property)
        if stay.arrival > prop.business_date:
            raise InvalidTransition("The guest is not due yet.", field="stayId")
        stay.status = "no_show"
        stay.updated_at = now()
        await stay.save()
        await inventory.release(stay.id)
        await stay_billing.get().no_show(stay, actor)
        await events.emit(
            "frontdesk_stay_no_show",
            "stay.no_show",
            property_id=stay.property,
            subject_id=stay.id,
            actor=actor,
            stay=stay,
        )
        return stay

    return await run_write(change, conflict_message="The stay changed concurrently; retry.")
