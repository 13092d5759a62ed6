"""Specifications for ``solve_roster``: rules hold, time off holds, infeasibility is explained."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytest

from frontdesk.plugins.hr_shifts.model import (
    Assignment,
    LabourRules,
    Requirement,
    RosterProblem,
    RosterResult,
    ShiftTemplate,
    Shortfall,
    StaffMember,
    Unavailability,
    iso_week,
    overlaps,
)
from frontdesk.plugins.hr_shifts.rules import validate_assignments
from frontdesk.plugins.hr_shifts.solver import solve_roster

MONDAY = date(2026, 6, 1)
FULL_TIME, PART_TIME = 2400, 1440


def shift_templates(department: str = "front_desk", first_id: int = 1) -> list[ShiftTemplate]:
    prefix = "" if department == "front_desk" else f"{department[:2].upper()}_"
    hours = (("EARLY", "Early", 6, 14), ("LATE", "Late", 14, 22), ("NIGHT", "Night", 22, 6))
    return [
        ShiftTemplate(
            first_id + n, f"{prefix}{code}", name, department, department, time(start), time(end)
        )
        for n, (code, name, start, end) in enumerate(hours)
    ]


def department_staff(department: str, count: int, first_id: int) -> list[StaffMember]:
    """``count`` people: 40 h target (48 h max), the last two part-time (24 h, 32 h max)."""
    return [
        StaffMember(
            id=first_id + n,
            name=f"{department} {n}",
            skills=frozenset({department}),
            weekly_target_minutes=PART_TIME if n >= count - 2 else FULL_TIME,
            weekly_max_minutes=1920 if n >= count - 2 else 2880,
        )
        for n in range(count)
    ]


def daily_requirements(
    templates: list[ShiftTemplate], days: int, per_template: tuple[int, ...]
) -> list[Requirement]:
    return [
        Requirement(template.id, MONDAY + timedelta(days=offset), required)
        for offset in range(days)
        for template, required in zip(templates, per_template, strict=True)
    ]


def front_desk_problem(
    per_template: tuple[int, int, int] = (3, 3, 2), time_limit: float = 3, **changes
) -> RosterProblem:
    """12 receptionists, early/late/night, two weeks; (3, 3, 2) needs exactly their target."""
    templates = shift_templates()
    fields = dict(
        start=MONDAY,
        end=MONDAY + timedelta(days=14),
        staff=department_staff("front_desk", 12, first_id=1),
        templates=templates,
        rules=LabourRules(),
        requirements=daily_requirements(templates, 14, per_template),
        time_limit_seconds=time_limit,
    )
    fields.update(changes)
    return RosterProblem(**fields)


def rule_violations(problem: RosterProblem, result: RosterResult) -> list:
    return validate_assignments(
        result.assignments,
        problem.staff,
        problem.templates,
        problem.rules,
        problem.unavailability,
        problem.requirements,
    )


@pytest.fixture(scope="module")
def front_desk() -> tuple[RosterProblem, RosterResult]:
    problem = front_desk_problem()
    return problem, solve_roster(problem)


def test_realistic_roster_respects_every_rule(front_desk):
    problem, result = front_desk

    assert result.status in ("optimal", "feasible")
    assert result.uncovered == [] and result.conflicts == []
    assert rule_violations(problem, result) == []


def test_weekly_minutes_stay_near_contract_target(front_desk):
    """Demand equals the sum of targets, so at most one shift may move between two people."""
    problem, result = front_desk
    worked: dict[tuple[int, tuple[int, int]], int] = defaultdict(int)
    for assignment in result.assignments:
        worked[(assignment.staff_id, iso_week(assignment.day))] += 480

    off_target = {
        (person.name, week): worked[(person.id, week)] - person.weekly_target_minutes
        for person in problem.staff
        for week in {iso_week(day) for day in problem.days}
    }
    assert all(abs(minutes) <= 480 for minutes in off_target.values()), off_target
    assert sum(abs(minutes) for minutes in off_target.values()) <= 960, off_target


def test_approved_time_off_is_never_rostered():
    leave = Unavailability(1, datetime(2026, 6, 3, 0, 0), datetime(2026, 6, 8, 0, 0))
    dentist = Unavailability(2, datetime(2026, 6, 10, 15, 0), datetime(2026, 6, 10, 16, 0))
    problem = front_desk_problem(per_template=(3, 2, 2), unavailability=[leave, dentist])
    templates = {template.id: template for template in problem.templates}

    result = solve_roster(problem)

    assert result.status in ("optimal", "feasible")
    for assignment in result.assignments:
        shift = templates[assignment.template_id].interval(assignment.day)
        for period in (leave, dentist):
            if assignment.staff_id == period.staff_id:
                assert not overlaps(shift, (period.start, period.end)), assignment


def test_too_few_available_staff_is_named_in_a_sentence():
    templates = shift_templates()
    late = templates[1]
    christmas_eve = date(2026, 12, 24)
    staff = [
        *department_staff("front_desk", 3, first_id=1),
        *department_staff("housekeeping", 1, first_id=10),
    ]
    whole_day = (datetime(2026, 12, 24), datetime(2026, 12, 25))
    problem = RosterProblem(
        start=date(2026, 12, 21),
        end=date(2026, 12, 28),
        staff=staff,
        templates=templates,
        unavailability=[Unavailability(1, *whole_day), Unavailability(2, *whole_day)],
        requirements=[Requirement(late.id, christmas_eve, 2)],
        time_limit_seconds=5,
    )

    result = solve_roster(problem)

    assert result.status == "infeasible"
    assert result.conflicts == [
        "late shift (LATE) on 2026-12-24 needs 2 front_desk staff, 1 available"
    ]
    assert result.uncovered == [Shortfall(late.id, christmas_eve, 1)]
    assert result.assignments == [Assignment(3, late.id, christmas_eve)]


def test_same_day_shifts_one_person_cannot_combine_are_named_together():
    early, late, _ = shift_templates()
    solo = StaffMember(1, "Solo", frozenset({"front_desk"}), FULL_TIME, FULL_TIME)
    problem = RosterProblem(
        start=MONDAY, end=MONDAY + timedelta(days=1), staff=[solo], templates=[early, late],
        requirements=daily_requirements([early, late], 1, (1, 1)), time_limit_seconds=5,
    )  # fmt: skip

    result = solve_roster(problem)

    assert result.status == "infeasible"
    assert result.conflicts == [
        "early shift (EARLY) and late shift (LATE) on 2026-06-01 together need 2 front_desk "
        "staff, 1 available (one person cannot work two of them: 660 minutes rest required)"
    ]
    assert len(result.uncovered) == 1 and len(result.assignments) == 1


def test_weekly_hours_shortage_is_named_per_skill_and_week():
    early = shift_templates()[0]
    part_timer = StaffMember(1, "Part", frozenset({"front_desk"}), PART_TIME, 1920)
    problem = RosterProblem(
        start=MONDAY, end=MONDAY + timedelta(days=5), staff=[part_timer], templates=[early],
        requirements=daily_requirements([early], 5, (1,)), time_limit_seconds=5,
    )  # fmt: skip

    result = solve_roster(problem)

    assert result.status == "infeasible"
    assert result.conflicts == [
        "front_desk shifts in week 2026-W23 need 40 hours, but the 1 available front_desk "
        "staff may work at most 32 hours"
    ]
    assert [shortfall.missing for shortfall in result.uncovered] == [1]


def test_shift_blocked_by_a_rule_is_explained_with_that_rule():
    early = shift_templates()[0]
    solo = StaffMember(1, "Solo", frozenset({"front_desk"}), FULL_TIME, 4000)
    problem = RosterProblem(
        start=MONDAY,
        end=MONDAY + timedelta(days=8),
        staff=[solo],
        templates=[early],
        rules=LabourRules(max_minutes_per_week=4000, min_free_days_per_week=0),
        requirements=daily_requirements([early], 8, (1,)),
        time_limit_seconds=5,
    )

    result = solve_roster(problem)

    assert result.status == "infeasible"
    assert len(result.uncovered) == 1
    day = result.uncovered[0].day
    assert result.conflicts == [
        f"early shift (EARLY) on {day.isoformat()} stays 1 short: 1 more front_desk staff "
        "could work it, but each would likely break the maximum of 6 consecutive working days"
    ]
    assert len(result.assignments) == 7


def test_republishing_a_still_valid_roster_changes_nothing(front_desk):
    problem, first = front_desk
    again = front_desk_problem(published=first.assignments)

    result = solve_roster(again)

    assert set(result.assignments) == set(first.assignments)


def test_a_sick_day_changes_only_a_few_published_shifts(front_desk):
    problem, first = front_desk
    sick_shift = next(a for a in first.assignments if a.day == MONDAY + timedelta(days=9))
    sick = Unavailability(
        sick_shift.staff_id,
        datetime.combine(sick_shift.day, time(0)),
        datetime.combine(sick_shift.day + timedelta(days=1), time(0)),
    )
    again = front_desk_problem(published=first.assignments, unavailability=[sick])

    result = solve_roster(again)

    assert sick_shift not in result.assignments
    changed = set(result.assignments) ^ set(first.assignments)
    assert len(changed) <= 6, sorted(changed, key=lambda a: a.day)
    assert rule_violations(again, result) == []


def test_stated_preferences_decide_between_equal_candidates():
    early = shift_templates()[0]
    keen = StaffMember(
        1, "Keen", frozenset({"front_desk"}), 0, FULL_TIME, preferences={(MONDAY, early.id): 3}
    )
    reluctant = StaffMember(
        2,
        "Reluctant",
        frozenset({"front_desk"}),
        0,
        FULL_TIME,
        preferences={(MONDAY, early.id): -3},
    )  # noqa: E501
    problem = RosterProblem(
        start=MONDAY, end=MONDAY + timedelta(days=1), staff=[reluctant, keen],
        templates=[early], requirements=[Requirement(early.id, MONDAY, 1)], time_limit_seconds=5,
    )  # fmt: skip

    result = solve_roster(problem)

    assert result.status == "optimal"
    assert result.assignments == [Assignment(keen.id, early.id, MONDAY)]


def test_night_shifts_are_shared_evenly():
    night = shift_templates()[2]
    staff = [
        StaffMember(n, f"Night {n}", frozenset({"front_desk"}), 0, FULL_TIME) for n in range(4)
    ]
    problem = RosterProblem(
        start=MONDAY, end=MONDAY + timedelta(days=4), staff=staff, templates=[night],
        requirements=daily_requirements([night], 4, (1,)), time_limit_seconds=5,
    )  # fmt: skip

    result = solve_roster(problem)

    assert result.status == "optimal"
    assert sorted(a.staff_id for a in result.assignments) == [0, 1, 2, 3]


def test_thirty_staff_three_departments_four_weeks_is_solved():
    templates, staff, requirements = [], [], []
    for number, department in enumerate(("front_desk", "housekeeping", "kitchen")):
        shapes = shift_templates(department, first_id=10 * number + 1)
        templates += shapes
        staff += department_staff(department, 10, first_id=100 * number + 1)
        requirements += daily_requirements(shapes, 28, (3, 2, 1))
    problem = RosterProblem(
        start=MONDAY,
        end=MONDAY + timedelta(days=28),
        staff=staff,
        templates=templates,
        requirements=requirements,
        time_limit_seconds=10,
    )

    result = solve_roster(problem)

    assert result.status in ("optimal", "feasible")
    assert rule_violations(problem, result) == []
