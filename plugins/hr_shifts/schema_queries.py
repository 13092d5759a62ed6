"""Queries of the hr_shifts plugin. Bad arguments never raise: an unknown id gives null, an
unusable date range an empty list."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from typing import TypeVar

import strawberry
from strawberry.types import Info

from frontdesk.api import DomainError, clamp, is_sqlite, like, like_text, paginate
from frontdesk.api.graphql import Connection, connection, maybe_id, secure_field

from . import common, coverage, feed, rostering, timesheets
from .schema_types import (
    ShiftsAssignment,
    ShiftsCoverage,
    ShiftsForecastDay,
    ShiftsLabourRules,
    ShiftsPayrollLine,
    ShiftsRequestStatus,
    ShiftsRoster,
    ShiftsRosterStatus,
    ShiftsStaffMember,
    ShiftsSwapRequest,
    ShiftsTemplate,
    ShiftsTimeEntry,
    ShiftsTimeOff,
)
from .tables import Roster, ShiftTemplate, StaffMember, SwapRequest, TimeEntry, TimeOff

T = TypeVar("T")
DEFAULT_PAGE = 50
NOTHING = -1


async def quiet(work: Awaitable[T], default: T) -> T:
    """A query's answer, or ``default`` when the arguments cannot be honoured."""
    try:
        return await work
    except DomainError:
        return default


def _page(info: Info, first: int | None) -> int:
    return clamp(first, default=DEFAULT_PAGE, maximum=info.context.settings.max_page_size)


def _id(value) -> int:
    return maybe_id(value) or NOTHING


def _days_ok(start: date, end: date) -> bool:
    try:
        common.date_range(start, end, max_days=common.setting(common.MAX_ROSTER_DAYS))
    except DomainError:
        return False
    return True


async def _property_staff_ids(property_id) -> list[int]:
    rows = await StaffMember.select(StaffMember.id).where(StaffMember.property == _id(property_id))
    return [r["id"] for r in rows] or [NOTHING]


def _has_department(department: str):
    """Array membership on either engine (SQLite keeps arrays as JSON text)."""
    try:
        name = common.tag(department, "department")
    except DomainError:
        return StaffMember.id == NOTHING
    if is_sqlite():
        return like(StaffMember.departments, f'%"{like_text(name)}"%')
    return StaffMember.departments.any(name)


@strawberry.type
class ShiftsQuery:
    @secure_field(
        permission="shifts.staff.read",
        description="Staff of a property, optionally of one department.",
    )
    async def shifts_staff(
        self,
        info: Info,
        property_id: strawberry.ID,
        department: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ShiftsStaffMember]:
        where = StaffMember.property == _id(property_id)
        if department is not None:
            where &= _has_department(department)
        return connection(await paginate(StaffMember, where, first=_page(info, first), after=after))

    @secure_field(permission="shifts.staff.read", scopes={"id": StaffMember})
    async def shifts_staff_member(self, info: Info, id: strawberry.ID) -> ShiftsStaffMember | None:
        return await StaffMember.objects().where(StaffMember.id == _id(id)).first()

    @secure_field(
        permission="shifts.staff.read",
        description="Shift templates of a property (retired ones too).",
    )
    async def shifts_templates(
        self, info: Info, property_id: strawberry.ID
    ) -> list[ShiftsTemplate]:
        return (
            await ShiftTemplate.objects()
            .where(ShiftTemplate.property == _id(property_id))
            .order_by(ShiftTemplate.start_time)
            .order_by(ShiftTemplate.code)
        )

    @secure_field(
        permission="shifts.staff.read",
        description="The property's labour rules (documented defaults if unset).",
    )
    async def shifts_labour_rules(
        self, info: Info, property_id: strawberry.ID
    ) -> ShiftsLabourRules | None:
        pid = _id(property_id)

        async def rules():
            await common.get_property(pid)
            return await common.labour_rules(pid)

        return await quiet(rules(), None)

    @secure_field(
        permission="shifts.requests.read",
        description="Time off and unavailability requests of a property's staff.",
    )
    async def shifts_time_off(
        self,
        info: Info,
        property_id: strawberry.ID,
        status: ShiftsRequestStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ShiftsTimeOff]:
        where = TimeOff.staff.is_in(await _property_staff_ids(property_id))
        if status is not None:
            where &= TimeOff.status == status.value
        return connection(await paginate(TimeOff, where, first=_page(info, first), after=after))

    @secure_field(
        permission="shifts.forecast.read",
        description="Arrivals, departures and in-house stays per day, [start, end).",
    )
    async def shifts_forecast(
        self, info: Info, property_id: strawberry.ID, start: date, end: date
    ) -> list[ShiftsForecastDay]:
        if not _days_ok(start, end):
            return []
        return await quiet(coverage.forecast(_id(property_id), start, end), [])

    @secure_field(
        permission="shifts.forecast.read",
        description="Required vs published staff per shift and day, with the gap.",
    )
    async def shifts_coverage(
        self, info: Info, property_id: strawberry.ID, start: date, end: date
    ) -> list[ShiftsCoverage]:
        if not _days_ok(start, end):
            return []
        pid = _id(property_id)

        async def lines():
            needs = await coverage.demand(pid, start, end)
            return coverage.compare(needs, await rostering.published_assignments(pid, start, end))

        return await quiet(lines(), [])

    @secure_field(permission="shifts.roster.read")
    async def shifts_rosters(
        self,
        info: Info,
        property_id: strawberry.ID,
        status: ShiftsRosterStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ShiftsRoster]:
        where = Roster.property == _id(property_id)
        if status is not None:
            where &= Roster.status == status.value
        return connection(await paginate(Roster, where, first=_page(info, first), after=after))

    @secure_field(permission="shifts.roster.read", scopes={"id": Roster})
    async def shifts_roster(self, info: Info, id: strawberry.ID) -> ShiftsRoster | None:
        return await Roster.objects().where(Roster.id == _id(id)).first()

    @secure_field(
        permission="shifts.published.read",
        description="Published shifts in [start, end), optionally of one person.",
    )
    async def shifts_published_shifts(
        self,
        info: Info,
        property_id: strawberry.ID,
        start: date,
        end: date,
        staff_id: strawberry.ID | None = None,
    ) -> list[ShiftsAssignment]:
        if not _days_ok(start, end):
            return []
        person = None if staff_id is None else _id(staff_id)
        return await rostering.published_assignments(_id(property_id), start, end, staff_id=person)

    @secure_field(
        permission="shifts.published.read",
        description="The person's published shifts as iCalendar (RFC 5545) text.",
    )
    async def shifts_staff_calendar(self, info: Info, staff_id: strawberry.ID) -> str | None:
        return await quiet(feed.staff_calendar(_id(staff_id)), None)

    @secure_field(permission="shifts.requests.read")
    async def shifts_swap_requests(
        self,
        info: Info,
        property_id: strawberry.ID,
        status: ShiftsRequestStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ShiftsSwapRequest]:
        where = SwapRequest.from_staff.is_in(await _property_staff_ids(property_id))
        if status is not None:
            where &= SwapRequest.status == status.value
        return connection(await paginate(SwapRequest, where, first=_page(info, first), after=after))

    @secure_field(permission="shifts.timesheets.read")
    async def shifts_time_entries(
        self,
        info: Info,
        property_id: strawberry.ID,
        staff_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ShiftsTimeEntry]:
        where = TimeEntry.staff.is_in(await _property_staff_ids(property_id))
        if staff_id is not None:
            where &= TimeEntry.staff == _id(staff_id)
        return connection(await paginate(TimeEntry, where, first=_page(info, first), after=after))

    @secure_field(
        permission="shifts.payroll.read",
        description="Approved hours per person for [start, end] (inclusive).",
    )
    async def shifts_payroll(
        self, info: Info, property_id: strawberry.ID, start: date, end: date
    ) -> list[ShiftsPayrollLine]:
        return await quiet(timesheets.payroll(_id(property_id), start, end), [])

    @secure_field(
        permission="shifts.payroll.read",
        description="The payroll as CSV text (see the plugin README for columns).",
    )
    async def shifts_payroll_csv(
        self, info: Info, property_id: strawberry.ID, start: date, end: date
    ) -> str | None:
        lines = await quiet(timesheets.payroll(_id(property_id), start, end), None)
        return None if lines is None else timesheets.payroll_csv(lines, start, end)
