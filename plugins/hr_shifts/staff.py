"""Staff members, their stated preferences, unavailability and time off.

Unavailability a person states ("I cannot work Tuesday evenings") binds the roster as soon
as it is submitted, unless a manager denies it; time off binds only once approved. Approved
time off is never rostered: the solver treats it as hard and hand edits cannot override it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from frontdesk.api import InvalidInput, InvalidTransition, NotFound, run_write, validation

from . import common, model
from .tables import Preference, StaffMember, TimeOff

MAX_TIME_OFF_DAYS = 366
MAX_WEEKLY_MINUTES = 7 * 24 * 60


def _contract(target: int, maximum: int) -> None:
    validation.integer(target, "weeklyTargetMinutes", minimum=0, maximum=MAX_WEEKLY_MINUTES)
    validation.integer(maximum, "weeklyMaxMinutes", minimum=0, maximum=MAX_WEEKLY_MINUTES)
    if target > maximum:
        raise InvalidInput(
            "weeklyTargetMinutes must not exceed weeklyMaxMinutes.", field="weeklyTargetMinutes"
        )


def _employment(start: date | None, end: date | None) -> None:
    common.check_day(start, "employmentStart")
    common.check_day(end, "employmentEnd")
    if start is not None and end is not None and end < start:
        raise InvalidInput(
            "employmentEnd must not be before employmentStart.", field="employmentEnd"
        )


async def create_staff(
    *,
    property_id: int,
    name: str,
    departments: list[str],
    skills: list[str],
    weekly_target_minutes: int = 2400,
    weekly_max_minutes: int = 2880,
    hourly_wage: Decimal | None = None,
    employment_start: date | None = None,
    employment_end: date | None = None,
    user_id: int | None = None,
) -> StaffMember:
    """Someone who can be rostered; ``skills`` decide which shift templates they may work."""
    clean_name = validation.text(name, "name")
    clean_departments = common.tags(departments, "departments")
    clean_skills = common.tags(skills, "skills")
    _contract(weekly_target_minutes, weekly_max_minutes)
    _employment(employment_start, employment_end)
    amount = common.wage(hourly_wage)
    if user_id is not None:
        validation.integer(user_id, "userId", minimum=1, maximum=2**62)

    async def change() -> StaffMember:
        await common.get_property(property_id)
        row = StaffMember(
            property=property_id,
            name=clean_name,
            departments=clean_departments,
            skills=clean_skills,
            weekly_target_minutes=weekly_target_minutes,
            weekly_max_minutes=weekly_max_minutes,
            hourly_wage=amount,
            employment_start=employment_start,
            employment_end=employment_end,
            user_id=user_id,
        )
        await row.save()
        return row

    return await run_write(change, conflict_message="The staff member could not be saved.")


async def update_staff(*, staff_id: int, **changes: Any) -> StaffMember:
    """Change the given fields only (keywords not passed keep their value); the contract and
    employment dates are re-checked whole."""

    async def change() -> StaffMember:
        row = await common.get_staff(staff_id)
        if "name" in changes:
            row.name = validation.text(changes["name"], "name")
        if "departments" in changes:
            row.departments = common.tags(changes["departments"], "departments")
        if "skills" in changes:
            row.skills = common.tags(changes["skills"], "skills")
        if "hourly_wage" in changes:
            row.hourly_wage = common.wage(changes["hourly_wage"])
        for key in ("weekly_target_minutes", "weekly_max_minutes"):
            if changes.get(key) is not None:
                setattr(row, key, changes[key])
        for key in ("employment_start", "employment_end"):
            if key in changes:
                setattr(row, key, changes[key])
        _contract(row.weekly_target_minutes, row.weekly_max_minutes)
        _employment(row.employment_start, row.employment_end)
        await row.save()
        return row

    return await run_write(change, conflict_message="The staff member could not be saved.")


async def request_time_off(
    *, staff_id: int, kind: str, starts_at: datetime, ends_at: datetime, reason: str = ""
) -> TimeOff:
    """Submit time off or unavailability, in hotel local time, half-open [starts_at, ends_at)."""
    if kind not in ("time_off", "unavailable"):
        raise InvalidInput("kind must be time_off or unavailable.", field="kind")
    start, end = starts_at.replace(tzinfo=None), ends_at.replace(tzinfo=None)
    common.check_day(start.date(), "startsAt")
    common.check_day(end.date(), "endsAt")
    if end <= start:
        raise InvalidInput("endsAt must be after startsAt.", field="endsAt")
    if end - start > timedelta(days=MAX_TIME_OFF_DAYS):
        raise InvalidInput(
            f"one request may cover at most {MAX_TIME_OFF_DAYS} days.", field="endsAt"
        )
    note = validation.text(reason, "reason", max_length=validation.MAX_TEXT, required=False)

    async def change() -> TimeOff:
        await common.get_staff(staff_id)
        row = TimeOff(staff=staff_id, kind=kind, starts_at=start, ends_at=end, reason=note)
        await row.save()
        return row

    return await run_write(change, conflict_message="The request could not be saved.")


async def decide_time_off(*, time_off_id: int, approve: bool, actor: str | None) -> TimeOff:
    """A manager approves or denies a pending request; decisions are final."""

    async def change() -> TimeOff:
        row = await TimeOff.objects().where(TimeOff.id == time_off_id).first()
        if row is None:
            raise NotFound(f"Time off {time_off_id} does not exist.", field="timeOffId")
        if row.status != "requested":
            raise InvalidTransition(
                f"Time off {time_off_id} was already {row.status}.", field="timeOffId"
            )
        row.status = "approved" if approve else "denied"
        row.decided_by = actor
        await row.save()
        return row

    return await run_write(change, conflict_message="The decision could not be saved.")


async def set_preference(
    *, staff_id: int, template_id: int, weight: int, weekday: int | None, day: date | None
) -> Preference | None:
    """A wish for or against a shift on a weekday (1 = Monday) or one date; weight 0 removes it."""
    validation.integer(weight, "weight", minimum=-10, maximum=10)
    if (weekday is None) == (day is None):
        raise InvalidInput("give either weekday or day.", field="weekday")
    if weekday is not None:
        validation.integer(weekday, "weekday", minimum=1, maximum=7)
    common.check_day(day, "day")

    async def change() -> Preference | None:
        staff = await common.get_staff(staff_id)
        await common.get_template(template_id, property_id=staff.property)
        where = (Preference.staff == staff_id) & (Preference.template == template_id)
        where &= (Preference.weekday == weekday) if weekday is not None else (Preference.day == day)
        await Preference.delete().where(where)
        if weight == 0:
            return None
        row = Preference(
            staff=staff_id, template=template_id, weekday=weekday, day=day, weight=weight
        )
        await row.save()
        return row

    return await run_write(change, conflict_message="The preference could not be saved.")


def binding(row: TimeOff) -> bool:
    """Whether a request keeps the person off the roster (see module docstring)."""
    if row.kind == "time_off":
        return row.status == "approved"
    return row.status != "denied"


async def unavailability(
    property_id: int, start: date, end: date, *, staff_id: int | None = None
) -> list[model.Unavailability]:
    """Binding time off and unavailability of the property's staff touching [start, end)."""
    ids = [staff_id] if staff_id is not None else await staff_ids(property_id)
    if not ids:
        return []
    lower = datetime.combine(start - timedelta(days=1), datetime.min.time())
    upper = datetime.combine(end + timedelta(days=1), datetime.min.time())
    rows = await TimeOff.objects().where(
        TimeOff.staff.is_in(ids) & (TimeOff.starts_at < upper) & (TimeOff.ends_at > lower)
    )
    return [model.Unavailability(r.staff, r.starts_at, r.ends_at) for r in rows if binding(r)]


async def staff_ids(property_id: int) -> list[int]:
    rows = await StaffMember.select(StaffMember.id).where(StaffMember.property == property_id)
    return [r["id"] for r in rows]
