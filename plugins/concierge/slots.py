"""A resource's slot grid: which slots a booking covers, which seats are taken, and what is
free. The grid runs every ``slot_minutes`` from local midnight in the property's time zone."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from frontdesk.api import InvalidInput, get_property

from .common import aware, now
from .tables import ConciergeBookingSeat, ConciergeResource

MAX_SLOTS_PER_BOOKING = 48


@dataclass(frozen=True)
class SlotAvailability:
    starts_at: datetime
    ends_at: datetime
    capacity: int
    taken: int

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.taken)


def slot_floor(resource: ConciergeResource) -> datetime:
    """The start of the slot running now: it and every later one still take bookings."""
    return now() - timedelta(minutes=resource.slot_minutes)


async def slots_of(resource: ConciergeResource, starts_at: datetime, ends_at: datetime):
    """The slot starts a booking covers; it must start and end on the resource's grid, which
    runs every ``slot_minutes`` from local midnight in the property's time zone."""
    prop = await get_property(resource.property)
    local = starts_at.astimezone(ZoneInfo(prop.timezone))
    minutes = local.hour * 60 + local.minute
    if minutes % resource.slot_minutes or local.second or local.microsecond:
        raise InvalidInput(
            f"startsAt must fall on a {resource.slot_minutes}-minute slot boundary.",
            field="startsAt",
        )
    if ends_at <= starts_at:
        raise InvalidInput("endsAt must be after startsAt.", field="endsAt")
    step = timedelta(minutes=resource.slot_minutes)
    count, rest = divmod(ends_at - starts_at, step)
    if rest:
        raise InvalidInput(
            f"The booking must last whole {resource.slot_minutes}-minute slots.", field="endsAt"
        )
    if count > MAX_SLOTS_PER_BOOKING:
        raise InvalidInput(
            f"A booking covers at most {MAX_SLOTS_PER_BOOKING} slots.", field="endsAt"
        )
    return [starts_at + i * step for i in range(count)], prop


async def taken_seats(resource_id: int, slots: list[datetime]) -> dict[datetime, set[int]]:
    rows = await ConciergeBookingSeat.select(
        ConciergeBookingSeat.slot_start, ConciergeBookingSeat.seat_no
    ).where(
        (ConciergeBookingSeat.resource == resource_id)
        & (ConciergeBookingSeat.slot_start >= slots[0])
        & (ConciergeBookingSeat.slot_start <= slots[-1])
    )
    taken: dict[datetime, set[int]] = defaultdict(set)
    for row in rows:
        taken[aware(row["slot_start"])].add(row["seat_no"])
    return taken
