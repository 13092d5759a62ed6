"""A staff member's published shifts as an iCalendar feed (RFC 5545).

The feed covers four weeks back and sixteen weeks ahead of the property's business date.
UIDs name the person, template and day, so a re-published roster updates events in place
in calendar apps instead of duplicating them.
"""

from __future__ import annotations

from datetime import timedelta

from frontdesk.api import NotFound

from . import common, ical
from .rostering import published_assignments
from .tables import ShiftTemplate

PRODID = "-//Frontdesk//hr_shifts//EN"
DAYS_BACK = 28
DAYS_AHEAD = 112


async def staff_calendar(staff_id: int) -> str:
    person = await common.get_staff(staff_id)
    prop = await common.get_property(person.property)
    start = prop.business_date - timedelta(days=DAYS_BACK)
    end = prop.business_date + timedelta(days=DAYS_AHEAD)
    rows = await published_assignments(person.property, start, end, staff_id=staff_id)
    templates = {
        t.id: t
        for t in await ShiftTemplate.objects().where(ShiftTemplate.property == person.property)
    }
    shifts = []
    for row in rows:
        template = templates.get(row.template)
        if template is None:
            raise NotFound(f"Shift template {row.template} does not exist.")
        begins, ends = common.shift_interval(template, row.day)
        shifts.append(
            (
                f"hr-shifts-{person.id}-{template.id}-{row.day.isoformat()}@frontdesk",
                common.to_aware(begins, prop.timezone),
                common.to_aware(ends, prop.timezone),
                f"{template.name} ({template.code})",
                f"{prop.name}, {template.department.replace('_', ' ')}",
            )
        )
    return ical.staff_calendar(person.name, shifts, PRODID).decode()
