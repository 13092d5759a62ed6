"""What a manager sets up once per property: shift templates, labour rules and the demand
rules that scale a template's staffing with the forecast."""

from __future__ import annotations

from datetime import time
from typing import Any

from frontdesk.api import Conflict, InvalidInput, NotFound, run_write, validation

from . import common
from .tables import DEMAND_KINDS, DEMAND_METRICS, DemandRule, LabourRuleSet, ShiftTemplate

MAX_STAFF_PER_SHIFT = 100
MAX_DEMAND_RULES = 10

# (field, minimum, maximum) of each labour rule, in minutes or days.
RULE_LIMITS = {
    "max_minutes_per_day": (60, 24 * 60),
    "max_minutes_per_week": (60, 7 * 24 * 60),
    "min_rest_minutes": (0, 48 * 60),
    "max_consecutive_days": (1, 14),
    "min_free_days_per_week": (0, 6),
}


def _template_times(start: time, end: time) -> None:
    for value, field in ((start, "startTime"), (end, "endTime")):
        if value.second or value.microsecond:
            raise InvalidInput(f"{field} must be whole minutes.", field=field)


async def create_template(
    *,
    property_id: int,
    code: str,
    name: str,
    department: str,
    skill: str,
    start_time: time,
    end_time: time,
    min_staff: int = 1,
) -> ShiftTemplate:
    """A recurring shift; ``end_time <= start_time`` means it ends the next day (night)."""
    clean_code = validation.code(code, "code")
    clean_name = validation.text(name, "name", max_length=100)
    clean_department = common.tag(department, "department")
    clean_skill = common.tag(skill, "skill")
    _template_times(start_time, end_time)
    validation.integer(min_staff, "minStaff", minimum=0, maximum=MAX_STAFF_PER_SHIFT)

    async def change() -> ShiftTemplate:
        await common.get_property(property_id)
        taken = await ShiftTemplate.exists().where(
            (ShiftTemplate.property == property_id) & (ShiftTemplate.code == clean_code)
        )
        if taken:
            raise Conflict(f"Shift template {clean_code} already exists.", field="code")
        row = ShiftTemplate(
            property=property_id,
            code=clean_code,
            name=clean_name,
            department=clean_department,
            skill=clean_skill,
            start_time=start_time.replace(tzinfo=None),
            end_time=end_time.replace(tzinfo=None),
            min_staff=min_staff,
        )
        await row.save()
        return row

    return await run_write(change, conflict_message="A template with this code already exists.")


async def update_template(*, template_id: int, **changes: Any) -> ShiftTemplate:
    """Rename, restaff or retire a template; its code, times and skill stay as rostered."""

    async def change() -> ShiftTemplate:
        row = await common.get_template(template_id)
        if changes.get("name") is not None:
            row.name = validation.text(changes["name"], "name", max_length=100)
        if changes.get("min_staff") is not None:
            row.min_staff = validation.integer(
                changes["min_staff"], "minStaff", minimum=0, maximum=MAX_STAFF_PER_SHIFT
            )
        if changes.get("active") is not None:
            row.active = bool(changes["active"])
        await row.save()
        return row

    return await run_write(change, conflict_message="The template could not be saved.")


async def set_labour_rules(*, property_id: int, **limits: int | None) -> LabourRuleSet:
    """Override some of the property's labour rules (``RULE_LIMITS``); the others, not passed
    or None, keep their current value."""
    values = {key: value for key, value in limits.items() if value is not None}
    for key, value in values.items():
        low, high = RULE_LIMITS[key]
        validation.integer(value, common_camel(key), minimum=low, maximum=high)

    async def change() -> LabourRuleSet:
        await common.get_property(property_id)
        row = await LabourRuleSet.objects().where(LabourRuleSet.property == property_id).first()
        if row is None:
            row = LabourRuleSet(property=property_id)
        for key, value in values.items():
            setattr(row, key, value)
        if row.max_minutes_per_day > row.max_minutes_per_week:
            raise InvalidInput(
                "maxMinutesPerDay must not exceed maxMinutesPerWeek.", field="maxMinutesPerDay"
            )
        await row.save()
        return row

    return await run_write(change, conflict_message="The labour rules could not be saved.")


async def add_demand_rule(
    *, template_id: int, metric: str, kind: str, threshold: int, staff: int
) -> DemandRule:
    """``per``: ``staff`` more people per started ``threshold`` of the metric;
    ``above``: ``staff`` more people when the metric exceeds ``threshold``."""
    if metric not in DEMAND_METRICS:
        raise InvalidInput(f"metric must be one of {', '.join(DEMAND_METRICS)}.", field="metric")
    if kind not in DEMAND_KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(DEMAND_KINDS)}.", field="kind")
    validation.integer(threshold, "threshold", minimum=1 if kind == "per" else 0, maximum=10_000)
    validation.integer(staff, "staff", minimum=1, maximum=MAX_STAFF_PER_SHIFT)

    async def change() -> DemandRule:
        await common.get_template(template_id)
        count = await DemandRule.count().where(DemandRule.template == template_id)
        if count >= MAX_DEMAND_RULES:
            raise Conflict(
                f"A template may have at most {MAX_DEMAND_RULES} demand rules.", field="templateId"
            )
        row = DemandRule(
            template=template_id, metric=metric, kind=kind, threshold=threshold, staff=staff
        )
        await row.save()
        return row

    return await run_write(change, conflict_message="The demand rule could not be saved.")


async def remove_demand_rule(rule_id: int) -> int:
    async def change() -> int:
        row = await DemandRule.objects().where(DemandRule.id == rule_id).first()
        if row is None:
            raise NotFound(f"Demand rule {rule_id} does not exist.", field="ruleId")
        await DemandRule.delete().where(DemandRule.id == rule_id)
        return rule_id

    return await run_write(change, conflict_message="The demand rule could not be removed.")


def common_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
