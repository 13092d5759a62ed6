"""Check a roster against the labour rules, e.g. after a manager edits it by hand.

The solver builds its hard constraints from the same definitions (see ``model``), and
the tests require every solver roster to pass this validator, so the two cannot drift.

Definitions, kept deliberately simple so managers can predict them:

- a shift belongs to the day (and ISO week) it starts on;
- a working day is a day on which at least one of the person's shifts starts; days with
  no assignment in the list count as free;
- rest is measured from the end of one shift to the start of the next, for every pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .model import (
    Assignment,
    LabourRules,
    Requirement,
    ShiftTemplate,
    StaffMember,
    Unavailability,
    iso_week,
    overlaps,
    rest_minutes_between,
)

SKILL_MISSING = "SKILL_MISSING"
OVERLAP = "OVERLAP"
REST_TOO_SHORT = "REST_TOO_SHORT"
DAY_HOURS_EXCEEDED = "DAY_HOURS_EXCEEDED"
WEEK_HOURS_EXCEEDED = "WEEK_HOURS_EXCEEDED"
TOO_MANY_CONSECUTIVE_DAYS = "TOO_MANY_CONSECUTIVE_DAYS"
TOO_FEW_FREE_DAYS = "TOO_FEW_FREE_DAYS"
UNAVAILABLE = "UNAVAILABLE"
NOT_EMPLOYED = "NOT_EMPLOYED"
UNDER_COVERED = "UNDER_COVERED"

#: What each rule's code means: they are UserError codes of roster edits
#: (``frontdesk_error_codes_register``), one per violation.
RULE_CODES = {
    SKILL_MISSING: "The person lacks a skill the shift needs.",
    OVERLAP: "The person works another shift at the same time.",
    REST_TOO_SHORT: "Too little rest between two shifts.",
    DAY_HOURS_EXCEEDED: "More hours on one day than the rules allow.",
    WEEK_HOURS_EXCEEDED: "More hours in one week than the rules allow.",
    TOO_MANY_CONSECUTIVE_DAYS: "Too many working days in a row.",
    TOO_FEW_FREE_DAYS: "Too few free days in a week.",
    UNAVAILABLE: "The person is on leave or unavailable then.",
    NOT_EMPLOYED: "The person is not employed on that day.",
    UNDER_COVERED: "A shift has fewer people than it needs.",
}


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    staff_id: int | None = None
    day: date | None = None
    template_id: int | None = None


@dataclass(frozen=True)
class _Shift:
    assignment: Assignment
    template: ShiftTemplate
    interval: tuple[datetime, datetime]


def weekly_limit_minutes(person: StaffMember, rules: LabourRules) -> int:
    """The lower of the legal weekly maximum and the person's contract maximum."""
    return min(rules.max_minutes_per_week, person.weekly_max_minutes)


def validate_assignments(
    assignments: Iterable[Assignment],
    staff: Iterable[StaffMember],
    templates: Iterable[ShiftTemplate],
    rules: LabourRules,
    unavailability: Sequence[Unavailability],
    requirements: Iterable[Requirement] | None = None,
) -> list[Violation]:
    """Every rule the roster breaks, as machine codes plus sentences for the manager.

    Unknown staff or template ids are programming errors and raise ``ValueError``.
    """
    people = {person.id: person for person in staff}
    shapes = {template.id: template for template in templates}
    shifts_by_person: dict[int, list[_Shift]] = defaultdict(list)
    violations: list[Violation] = []
    all_assignments = list(assignments)

    for assignment in all_assignments:
        person = people.get(assignment.staff_id)
        template = shapes.get(assignment.template_id)
        if person is None or template is None:
            raise ValueError(f"unknown staff or template in {assignment!r}")
        shift = _Shift(assignment, template, template.interval(assignment.day))
        shifts_by_person[person.id].append(shift)
        violations.extend(_single_shift_violations(person, shift, unavailability))

    for staff_id, shifts in shifts_by_person.items():
        person = people[staff_id]
        shifts.sort(key=lambda s: (s.interval[0], s.template.id))
        violations.extend(_pair_violations(person, shifts, rules))
        violations.extend(_hour_violations(person, shifts, rules))
        violations.extend(_working_day_violations(person, shifts, rules))

    if requirements is not None:
        violations.extend(_coverage_violations(all_assignments, shapes, requirements))
    return violations


def _single_shift_violations(
    person: StaffMember, shift: _Shift, unavailability: Sequence[Unavailability]
) -> list[Violation]:
    found: list[Violation] = []
    template, day = shift.template, shift.assignment.day
    where = f"{template.label} on {day.isoformat()}"

    def add(code: str, message: str) -> None:
        found.append(Violation(code, message, person.id, day, template.id))

    if template.skill not in person.skills:
        add(SKILL_MISSING, f"{person.name} lacks the {template.skill} skill for {where}")
    if not person.is_employed_on(day):
        add(NOT_EMPLOYED, f"{person.name} is not employed on {day.isoformat()} ({where})")
    for period in unavailability:
        if period.staff_id == person.id and overlaps(shift.interval, (period.start, period.end)):
            add(
                UNAVAILABLE,
                f"{person.name} is unavailable from {period.start:%Y-%m-%d %H:%M} "
                f"to {period.end:%Y-%m-%d %H:%M}, which overlaps {where}",
            )
            break
    return found


def _pair_violations(
    person: StaffMember, shifts: list[_Shift], rules: LabourRules
) -> list[Violation]:
    """Overlaps and short rests; ``shifts`` is sorted by start so we can stop early."""
    found: list[Violation] = []
    for index, first in enumerate(shifts):
        for second in shifts[index + 1 :]:
            gap = rest_minutes_between(first.interval, second.interval)
            if gap >= rules.min_rest_minutes:
                break
            pair = (
                f"{first.template.label} on {first.assignment.day.isoformat()} and "
                f"{second.template.label} on {second.assignment.day.isoformat()}"
            )
            day, template_id = second.assignment.day, second.template.id
            if overlaps(first.interval, second.interval):
                message = f"{person.name} has overlapping shifts: {pair}"
                found.append(Violation(OVERLAP, message, person.id, day, template_id))
            else:
                message = (
                    f"{person.name} gets only {gap} minutes rest between {pair} "
                    f"(minimum {rules.min_rest_minutes})"
                )
                found.append(Violation(REST_TOO_SHORT, message, person.id, day, template_id))
    return found


def _hour_violations(
    person: StaffMember, shifts: list[_Shift], rules: LabourRules
) -> list[Violation]:
    found: list[Violation] = []
    per_day: dict[date, int] = defaultdict(int)
    per_week: dict[tuple[int, int], int] = defaultdict(int)
    for shift in shifts:
        per_day[shift.assignment.day] += shift.template.duration_minutes
        per_week[iso_week(shift.assignment.day)] += shift.template.duration_minutes
    for day, minutes in sorted(per_day.items()):
        if minutes > rules.max_minutes_per_day:
            message = (
                f"{person.name} works {minutes} minutes on {day.isoformat()} "
                f"(maximum {rules.max_minutes_per_day})"
            )
            found.append(Violation(DAY_HOURS_EXCEEDED, message, person.id, day))
    limit = weekly_limit_minutes(person, rules)
    for (year, week), minutes in sorted(per_week.items()):
        if minutes > limit:
            monday = date.fromisocalendar(year, week, 1)
            message = (
                f"{person.name} works {minutes} minutes in week {year}-W{week:02d} "
                f"(maximum {limit})"
            )
            found.append(Violation(WEEK_HOURS_EXCEEDED, message, person.id, monday))
    return found


def _working_day_violations(
    person: StaffMember, shifts: list[_Shift], rules: LabourRules
) -> list[Violation]:
    found: list[Violation] = []
    working_days = sorted({shift.assignment.day for shift in shifts})

    run_start, run_length = None, 0
    previous: date | None = None
    for day in working_days:
        if previous is not None and day - previous == timedelta(days=1):
            run_length += 1
        else:
            run_start, run_length = day, 1
        if run_length == rules.max_consecutive_days + 1:
            assert run_start is not None
            message = (
                f"{person.name} works more than {rules.max_consecutive_days} days in a row "
                f"from {run_start.isoformat()} to {day.isoformat()}"
            )
            found.append(Violation(TOO_MANY_CONSECUTIVE_DAYS, message, person.id, day))
        previous = day

    allowed = 7 - rules.min_free_days_per_week
    per_week: dict[tuple[int, int], int] = defaultdict(int)
    for day in working_days:
        per_week[iso_week(day)] += 1
    for (year, week), worked in sorted(per_week.items()):
        if worked > allowed:
            monday = date.fromisocalendar(year, week, 1)
            message = (
                f"{person.name} has {7 - worked} free days in week {year}-W{week:02d} "
                f"(minimum {rules.min_free_days_per_week})"
            )
            found.append(Violation(TOO_FEW_FREE_DAYS, message, person.id, monday))
    return found


def _coverage_violations(
    assignments: list[Assignment],
    shapes: dict[int, ShiftTemplate],
    requirements: Iterable[Requirement],
) -> list[Violation]:
    found: list[Violation] = []
    staffed: dict[tuple[int, date], int] = defaultdict(int)
    for assignment in assignments:
        staffed[(assignment.template_id, assignment.day)] += 1
    for need in requirements:
        have = staffed[(need.template_id, need.day)]
        if have < need.required:
            template = shapes.get(need.template_id)
            if template is None:
                raise ValueError(f"unknown template in {need!r}")
            message = (
                f"{template.label} on {need.day.isoformat()} has {have} of "
                f"{need.required} {template.skill} staff"
            )
            found.append(Violation(UNDER_COVERED, message, None, need.day, need.template_id))
    return found
