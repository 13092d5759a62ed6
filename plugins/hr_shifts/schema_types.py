"""GraphQL types of the hr_shifts plugin (prefixed Shifts…). Resolvers get Piccolo rows or the
services' dataclasses as ``self``."""

from __future__ import annotations

import enum
import json
from datetime import date, datetime, time

import strawberry
from strawberry.types import Info

from frontdesk.api.graphql import Money, Property, money, optional_money, secure_field
from frontdesk.api.tables import Property as PropertyRow

from . import common, coverage, rostering, timesheets
from .tables import Assignment as AssignmentRow
from .tables import DemandRule as DemandRuleRow
from .tables import ShiftTemplate as TemplateRow
from .tables import StaffMember as StaffRow

NS = "hr_shifts"
WAGES_PERMISSION = "shifts.wages.read"


def may_see_wages(info: Info) -> bool:
    """Defence in depth beside the API's central enforcement of the declared permission: a known
    caller without ``shifts.wages.read`` never gets a wage (no caller: auth is off)."""
    principal = getattr(info.context, "principal", None)
    return principal is None or principal.has(WAGES_PERMISSION)


@strawberry.enum(name="ShiftsRosterStatus")
class ShiftsRosterStatus(enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


@strawberry.enum(name="ShiftsRequestStatus")
class ShiftsRequestStatus(enum.Enum):
    REQUESTED = "requested"
    APPROVED = "approved"
    DENIED = "denied"


@strawberry.enum(name="ShiftsTimeOffKind")
class ShiftsTimeOffKind(enum.Enum):
    TIME_OFF = "time_off"
    UNAVAILABLE = "unavailable"


@strawberry.enum(name="ShiftsDemandMetric")
class ShiftsDemandMetric(enum.Enum):
    ARRIVALS = "arrivals"
    DEPARTURES = "departures"
    IN_HOUSE = "in_house"


@strawberry.enum(name="ShiftsDemandKind")
class ShiftsDemandKind(enum.Enum):
    PER = "per"
    ABOVE = "above"


@strawberry.enum(name="ShiftsTimeEntryStatus")
class ShiftsTimeEntryStatus(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"
    APPROVED = "approved"


@strawberry.type(name="ShiftsStaffMember")
class ShiftsStaffMember:
    id: strawberry.ID
    name: str
    departments: list[str]
    skills: list[str]
    weekly_target_minutes: int
    weekly_max_minutes: int
    employment_start: date | None
    employment_end: date | None

    @strawberry.field(description="The linked staff user, if any.")
    def user_id(self) -> strawberry.ID | None:
        return None if self.user_id is None else strawberry.ID(str(self.user_id))

    @secure_field(
        permission="shifts.wages.read", description="Needs shifts.wages.read; null without it."
    )
    async def hourly_wage(self, info: Info) -> Money | None:
        if not may_see_wages(info) or self.hourly_wage is None:
            return None
        prop = await info.context.loaders.by_id(PropertyRow).load(self.property)
        return money(self.hourly_wage, prop.currency)


async def _staff(info: Info, staff_id: int) -> StaffRow | None:
    return await info.context.loaders.by_id(StaffRow, namespace=NS).load(staff_id)


async def _template(info: Info, template_id: int) -> TemplateRow | None:
    return await info.context.loaders.by_id(TemplateRow, namespace=NS).load(template_id)


@strawberry.type(name="ShiftsDemandRule")
class ShiftsDemandRule:
    id: strawberry.ID
    threshold: int
    staff: int

    @strawberry.field
    def metric(self) -> ShiftsDemandMetric:
        return ShiftsDemandMetric(self.metric)

    @strawberry.field
    def kind(self) -> ShiftsDemandKind:
        return ShiftsDemandKind(self.kind)


@strawberry.type(name="ShiftsTemplate")
class ShiftsTemplate:
    id: strawberry.ID
    code: str
    name: str
    department: str
    skill: str
    start_time: time
    end_time: time
    min_staff: int
    active: bool

    @strawberry.field
    def duration_minutes(self) -> int:
        return common.template_model(self).duration_minutes

    @strawberry.field
    def is_night(self) -> bool:
        return bool(common.template_model(self).is_night)

    @strawberry.field
    async def demand_rules(self, info: Info) -> list[ShiftsDemandRule]:
        return await info.context.loaders.many_by(DemandRuleRow, "template", namespace=NS).load(
            self.id
        )


@strawberry.type(name="ShiftsLabourRules")
class ShiftsLabourRules:
    max_minutes_per_day: int
    max_minutes_per_week: int
    min_rest_minutes: int
    max_consecutive_days: int
    min_free_days_per_week: int


@strawberry.type(name="ShiftsTimeOff")
class ShiftsTimeOff:
    id: strawberry.ID
    starts_at: datetime = strawberry.field(description="Hotel local time.")
    ends_at: datetime = strawberry.field(description="Hotel local time, excluded.")
    reason: str
    decided_by: str | None

    @strawberry.field
    def kind(self) -> ShiftsTimeOffKind:
        return ShiftsTimeOffKind(self.kind)

    @strawberry.field
    def status(self) -> ShiftsRequestStatus:
        return ShiftsRequestStatus(self.status)

    @strawberry.field
    async def staff(self, info: Info) -> ShiftsStaffMember | None:
        return await _staff(info, self.staff)


@strawberry.type(name="ShiftsForecastDay")
class ShiftsForecastDay:
    day: date
    arrivals: int
    departures: int
    in_house: int


@strawberry.type(name="ShiftsCoverage", description="Required against rostered for one shift.")
class ShiftsCoverage:
    @strawberry.field
    def day(self) -> date:
        return self.demand.day

    @strawberry.field
    def template(self) -> ShiftsTemplate:
        return self.demand.template

    @strawberry.field(description="The template's fixed minimum.")
    def minimum(self) -> int:
        return self.demand.minimum

    @strawberry.field(description="Added by demand rules from the forecast.")
    def scaled(self) -> int:
        return self.demand.scaled

    @strawberry.field
    def required(self) -> int:
        return self.demand.required

    @strawberry.field
    def rostered(self) -> int:
        return self.rostered

    @strawberry.field(description="People missing (0 when covered).")
    def gap(self) -> int:
        return self.gap

    @strawberry.field
    def reasons(self) -> list[str]:
        return list(self.demand.reasons)


@strawberry.type(name="ShiftsViolation")
class ShiftsViolation:
    code: str
    message: str
    day: date | None

    @strawberry.field
    def staff_id(self) -> strawberry.ID | None:
        return None if self.staff_id is None else strawberry.ID(str(self.staff_id))

    @strawberry.field
    def template_id(self) -> strawberry.ID | None:
        return None if self.template_id is None else strawberry.ID(str(self.template_id))


@strawberry.type(name="ShiftsAssignment")
class ShiftsAssignment:
    id: strawberry.ID
    day: date
    source: str

    @strawberry.field
    def roster_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.roster))

    @strawberry.field
    async def staff(self, info: Info) -> ShiftsStaffMember | None:
        return await _staff(info, self.staff)

    @strawberry.field
    async def template(self, info: Info) -> ShiftsTemplate | None:
        return await _template(info, self.template)


@strawberry.type(name="ShiftsRoster")
class ShiftsRoster:
    id: strawberry.ID
    starts_on: date
    ends_on: date = strawberry.field(description="First day after the roster.")
    published_at: datetime | None
    published_by: str | None

    @strawberry.field
    def status(self) -> ShiftsRosterStatus:
        return ShiftsRosterStatus(self.status)

    @strawberry.field(description="optimal, feasible (see solverGap) or infeasible.")
    def solver_status(self) -> str | None:
        return self.solver_status

    @strawberry.field(description="|objective - best bound| / max(1, |objective|).")
    def solver_gap(self) -> float | None:
        return None if self.solver_gap is None else float(self.solver_gap)

    @strawberry.field
    def solver_seconds(self) -> float | None:
        return None if self.solver_seconds is None else float(self.solver_seconds)

    @strawberry.field(description="Why the hard rules could not all be met, when they could not.")
    def conflicts(self) -> list[str]:
        return list(json.loads(self.conflicts or "[]"))

    @strawberry.field
    async def property(self, info: Info) -> Property | None:
        return await info.context.loaders.by_id(PropertyRow).load(self.property)

    @strawberry.field
    async def assignments(self) -> list[ShiftsAssignment]:
        return await rostering.roster_assignments(self.id)

    @strawberry.field(description="Every rule the roster breaks now, coverage included.")
    async def violations(self) -> list[ShiftsViolation]:
        return await rostering.roster_violations(self)

    @strawberry.field(description="Required vs rostered per shift, from today's forecast.")
    async def coverage(self) -> list[ShiftsCoverage]:
        needs = await coverage.demand(self.property, self.starts_on, self.ends_on)
        return coverage.compare(needs, await rostering.roster_assignments(self.id))


@strawberry.type(name="ShiftsSwapRequest")
class ShiftsSwapRequest:
    id: strawberry.ID
    note: str
    decided_by: str | None

    @strawberry.field
    def status(self) -> ShiftsRequestStatus:
        return ShiftsRequestStatus(self.status)

    @strawberry.field
    async def assignment(self, info: Info) -> ShiftsAssignment | None:
        return await info.context.loaders.by_id(AssignmentRow, namespace=NS).load(self.assignment)

    @strawberry.field
    async def from_staff(self, info: Info) -> ShiftsStaffMember | None:
        return await _staff(info, self.from_staff)

    @strawberry.field
    async def to_staff(self, info: Info) -> ShiftsStaffMember | None:
        return await _staff(info, self.to_staff)


@strawberry.type(name="ShiftsTimeEntry")
class ShiftsTimeEntry:
    id: strawberry.ID
    clock_in: datetime
    clock_out: datetime | None
    break_minutes: int
    approved_by: str | None

    @strawberry.field
    def status(self) -> ShiftsTimeEntryStatus:
        return ShiftsTimeEntryStatus(self.status)

    @strawberry.field(description="Clock-out minus clock-in minus the break (0 while open).")
    def worked_minutes(self) -> int:
        return timesheets.worked_minutes(self)

    @strawberry.field
    async def staff(self, info: Info) -> ShiftsStaffMember | None:
        return await _staff(info, self.staff)

    @strawberry.field
    async def assignment(self, info: Info) -> ShiftsAssignment | None:
        if self.assignment is None:
            return None
        return await info.context.loaders.by_id(AssignmentRow, namespace=NS).load(self.assignment)


@strawberry.type(name="ShiftsPayrollLine")
class ShiftsPayrollLine:
    minutes: int
    regular_minutes: int
    overtime_minutes: int
    currency: str

    @secure_field(
        permission="shifts.wages.read",
        description="Needs shifts.wages.read; null without it or without a wage.",
    )
    def amount(self, info: Info) -> Money | None:
        if not may_see_wages(info):
            return None
        return optional_money(self.amount, self.currency)

    @strawberry.field
    def staff(self) -> ShiftsStaffMember:
        return self.staff
