"""Shared pieces of the hr_shifts services: loading rows by id with clear errors, input checks
and the conversion from database rows to the solver's plain dataclasses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from frontdesk.api import InvalidInput, NotFound, SettingSpec, plugin_setting, validation
from frontdesk.api.tables import Property

from . import model
from .tables import Assignment, LabourRuleSet, Preference, Roster, ShiftTemplate, StaffMember

SOLVER_TIME_LIMIT = SettingSpec(
    "hr_shifts.solver_time_limit_seconds",
    8.0,
    "Wall-time limit of one roster solve (CP-SAT); an infeasible answer may take twice this.",
    float,
)
MAX_ROSTER_DAYS = SettingSpec(
    "hr_shifts.max_roster_days", 42, "Longest date range one roster may cover.", int
)
SETTINGS = [SOLVER_TIME_LIMIT, MAX_ROSTER_DAYS]

_TAG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MAX_TAGS = 20
MAX_WAGE = Decimal("10000")


def setting(spec: SettingSpec):

    return plugin_setting(spec)


def tags(values: Iterable[str] | None, field: str) -> list[str]:
    """Skills and departments: lower-case words (``front_desk``), de-duplicated, in order."""
    cleaned: list[str] = []
    for raw in values or []:
        value = validation.text(raw, field, max_length=50).lower().replace(" ", "_")
        if not _TAG_RE.match(value):
            raise InvalidInput(
                f"{field} may hold lower-case letters, digits, '_' and '-' only: {raw!r}.",
                field=field,
            )
        if value not in cleaned:
            cleaned.append(value)
    if len(cleaned) > MAX_TAGS:
        raise InvalidInput(f"{field} may hold at most {MAX_TAGS} entries.", field=field)
    return cleaned


def tag(value: str, field: str) -> str:
    found = tags([value], field)
    if not found:
        raise InvalidInput(f"{field} must not be empty.", field=field)
    return found[0]


def check_day(value: date | None, field: str) -> date | None:
    if value is not None and not (2000 <= value.year <= 2200):
        raise InvalidInput(f"{field} must lie between the years 2000 and 2200.", field=field)
    return value


def date_range(start: date, end: date, *, max_days: int, field: str = "endsOn") -> None:
    """A half-open range of days [start, end) that is neither empty nor too long."""
    check_day(start, "startsOn")
    check_day(end, field)
    if end <= start:
        raise InvalidInput(f"{field} must be after startsOn.", field=field)
    if (end - start).days > max_days:
        raise InvalidInput(f"a range may cover at most {max_days} days.", field=field)


def wage(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidInput("hourlyWage is not a number.", field="hourlyWage") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_WAGE:
        raise InvalidInput(f"hourlyWage must be between 0 and {MAX_WAGE}.", field="hourlyWage")
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput("hourlyWage has at most 2 decimals.", field="hourlyWage")
    return amount.quantize(Decimal("0.01"))


def to_local(moment: datetime, timezone: str) -> datetime:
    """An aware moment as naive hotel local time (the solver's clock)."""
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def to_aware(local: datetime, timezone: str) -> datetime:
    return local.replace(tzinfo=ZoneInfo(timezone))


async def get_property(property_id: int) -> Property:
    row = await Property.objects().where(Property.id == property_id).first()
    if row is None:
        raise NotFound(f"Property {property_id} does not exist.", field="propertyId")
    return row


async def get_staff(
    staff_id: int, *, property_id: int | None = None, field: str = "staffId"
) -> StaffMember:
    row = await StaffMember.objects().where(StaffMember.id == staff_id).first()
    if row is None or (property_id is not None and row.property != property_id):
        raise NotFound(f"Staff member {staff_id} does not exist.", field=field)
    return row


async def get_template(template_id: int, *, property_id: int | None = None) -> ShiftTemplate:
    row = await ShiftTemplate.objects().where(ShiftTemplate.id == template_id).first()
    if row is None or (property_id is not None and row.property != property_id):
        raise NotFound(f"Shift template {template_id} does not exist.", field="templateId")
    return row


async def get_roster(roster_id: int) -> Roster:
    row = await Roster.objects().where(Roster.id == roster_id).first()
    if row is None:
        raise NotFound(f"Roster {roster_id} does not exist.", field="rosterId")
    return row


async def get_assignment(assignment_id: int) -> Assignment:
    row = await Assignment.objects().where(Assignment.id == assignment_id).first()
    if row is None:
        raise NotFound(f"Assignment {assignment_id} does not exist.", field="assignmentId")
    return row


async def labour_rules(property_id: int) -> model.LabourRules:
    """The property's rules, or the documented defaults when none were set."""
    row = await LabourRuleSet.objects().where(LabourRuleSet.property == property_id).first()
    if row is None:
        return model.LabourRules()
    return model.LabourRules(
        max_minutes_per_day=row.max_minutes_per_day,
        max_minutes_per_week=row.max_minutes_per_week,
        min_rest_minutes=row.min_rest_minutes,
        max_consecutive_days=row.max_consecutive_days,
        min_free_days_per_week=row.min_free_days_per_week,
    )


def template_model(row: ShiftTemplate) -> model.ShiftTemplate:
    return model.ShiftTemplate(
        id=row.id,
        code=row.code,
        name=row.name,
        department=row.department,
        skill=row.skill,
        start=row.start_time,
        end=row.end_time,
    )


def staff_model(
    row: StaffMember, preferences: Sequence[Preference] = (), days: Sequence[date] = ()
) -> model.StaffMember:
    wishes: dict[tuple[date, int], int] = {}
    for pref in preferences:
        for day in days:
            if pref.day == day or (pref.day is None and pref.weekday == day.isoweekday()):
                wishes[(day, pref.template)] = wishes.get((day, pref.template), 0) + pref.weight
    return model.StaffMember(
        id=row.id,
        name=row.name,
        skills=frozenset(row.skills or []),
        weekly_target_minutes=row.weekly_target_minutes,
        weekly_max_minutes=row.weekly_max_minutes,
        employment_start=row.employment_start,
        employment_end=row.employment_end,
        preferences=wishes,
    )


def assignment_model(row: Assignment) -> model.Assignment:
    return model.Assignment(row.staff, row.template, row.day)


def shift_interval(template: ShiftTemplate, day: date) -> tuple[datetime, datetime]:
    return template_model(template).interval(day)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days)]
