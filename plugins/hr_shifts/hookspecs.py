"""Hooks the hr_shifts plugin offers to other plugins (added with ``pm.add_hookspecs`` from
core's ``frontdesk_addhooks``). Implement them with ``@hookimpl(optionalhook=True)`` so your
plugin still starts when hr_shifts is disabled. Both run inside the write transaction of the
change, like core's event hooks: return None or an awaitable; a DomainError vetoes it."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from frontdesk.api import hookspec

if TYPE_CHECKING:
    from .tables import Assignment, Roster, StaffMember, TimeEntry


@hookspec
def frontdesk_shifts_roster_published(
    roster: Roster, assignments: list[Assignment], superseded: list[int], actor: str | None
) -> Awaitable[None] | None:
    """In transaction, when the hr_shifts plugin publishes a roster (e.g. to notify staff).
    ``roster``: the Roster row (status ``published``); ``assignments``: its Assignment rows;
    ``superseded``: ids of earlier published rosters of the same property it replaces where
    their dates overlap; ``actor``: who published it. Return None or an awaitable; a
    DomainError vetoes the publication. The committed event is ``shifts.roster_published``."""


@hookspec
def frontdesk_shifts_hours_approved(
    staff: StaffMember,
    entries: list[TimeEntry],
    period_start: date,
    period_end: date,
    minutes: int,
    overtime_minutes: int,
    amount: Decimal | None,
    currency: str,
    actor: str | None,
) -> Awaitable[None] | None:
    """In transaction, when a manager approves a staff member's worked hours for a period
    (the accounting bridge books them as labour cost). ``staff``: the StaffMember row;
    ``entries``: the TimeEntry rows approved now; ``period_start``/``period_end``: dates,
    inclusive; ``minutes``: approved minutes net of breaks; ``overtime_minutes``: the part above
    the contract's weekly target; ``amount``: Decimal gross wage (minutes x hourly wage) or None
    without a wage; ``currency``: the property's currency; ``actor``: who approved. Return None
    or an awaitable; a DomainError vetoes the approval. The committed event is
    ``shifts.hours_approved``."""
