"""The hr_shifts part of the demo: a small team per property, three shift templates and a
published roster for this week and the next, so the roster screens have data at once.

The demo rotates the team through the shifts itself instead of calling the solver: loading
OR-Tools would cost ``make run`` a second, and a rotation of early, late and housekeeping
shifts with two days off in between keeps the labour rules."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from frontdesk.api.tables import Property

from .rostering import publish_roster
from .setup import create_template
from .staff import create_staff
from .tables import Assignment, Roster

TEAM = [
    ("Mara Weiss", ["front_office"], ["reception"]),
    ("Jonas Keller", ["front_office"], ["reception"]),
    ("Aylin Demir", ["front_office"], ["reception"]),
    ("Luca Ferri", ["front_office"], ["reception"]),
    ("Sofia Costa", ["housekeeping"], ["housekeeping"]),
    ("Tomasz Nowak", ["housekeeping"], ["housekeeping"]),
]
SHIFTS = [
    ("EARLY", "Reception early", "front_office", "reception", time(7, 0), time(15, 0)),
    ("LATE", "Reception late", "front_office", "reception", time(15, 0), time(23, 0)),
    ("HK", "Housekeeping", "housekeeping", "housekeeping", time(8, 0), time(16, 0)),
]
ROSTER_DAYS = 14


async def load_demo(properties: list[Property], today: date) -> list[str]:
    lines = []
    monday = today - timedelta(days=today.weekday())
    for prop in properties:
        staff = [
            await create_staff(
                property_id=prop.id,
                name=name,
                departments=departments,
                skills=skills,
                hourly_wage=Decimal("16.50"),
            )
            for name, departments, skills in TEAM
        ]
        templates = [
            await create_template(
                property_id=prop.id,
                code=code,
                name=name,
                department=department,
                skill=skill,
                start_time=start,
                end_time=end,
            )
            for code, name, department, skill, start, end in SHIFTS
        ]
        roster = Roster(
            property=prop.id,
            starts_on=monday,
            ends_on=monday + timedelta(days=ROSTER_DAYS),
            status="draft",
            solver_status="demo",
            created_by="demo",
        )
        await roster.save()
        rows = []
        for offset in range(ROSTER_DAYS):
            day = monday + timedelta(days=offset)
            # Two receptionists a day in turn (early, late), one housekeeper a day in turn.
            early, late = staff[offset % 4], staff[(offset + 1) % 4]
            keeper = staff[4 + offset % 2]
            for person, template in ((early, templates[0]), (late, templates[1])):
                rows.append(_assignment(roster, person, template, day))
            rows.append(_assignment(roster, keeper, templates[2], day))
        await Assignment.insert(*rows)
        await publish_roster(roster_id=roster.id, actor="demo")
        lines.append(
            f"{prop.code}: {len(staff)} staff, roster {monday.isoformat()} to "
            f"{(monday + timedelta(days=ROSTER_DAYS - 1)).isoformat()} published"
        )
    return lines


def _assignment(roster: Roster, person, template, day: date) -> Assignment:
    return Assignment(
        roster=roster.id, staff=person.id, template=template.id, day=day, source="manual"
    )
