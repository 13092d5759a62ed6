"""Specifications for ``validate_assignments``: one rule, one broken roster, one code."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from frontdesk.plugins.hr_shifts.model import (
    Assignment,
    LabourRules,
    Requirement,
    ShiftTemplate,
    StaffMember,
    Unavailability,
)
from frontdesk.plugins.hr_shifts.rules import Violation, validate_assignments

MONDAY = date(2026, 6, 1)
EARLY = ShiftTemplate(1, "EARLY", "Early", "front_desk", "front_desk", time(6), time(14))
LATE = ShiftTemplate(2, "LATE", "Late", "front_desk", "front_desk", time(14), time(22))
NIGHT = ShiftTemplate(3, "NIGHT", "Night", "front_desk", "front_desk", time(22), time(6))
MIDDAY = ShiftTemplate(4, "MID", "Midday", "front_desk", "front_desk", time(12), time(14))
ROOMS = ShiftTemplate(5, "ROOMS", "Rooms", "housekeeping", "housekeeping", time(8), time(16))
TEMPLATES = [EARLY, LATE, NIGHT, MIDDAY, ROOMS]
ANNA = StaffMember(1, "Anna", frozenset({"front_desk"}), 2400, 2400)
#: Same person with no contract cap, so only the day-count rules can bite.
TIRELESS = StaffMember(1, "Anna", frozenset({"front_desk"}), 2400, 10_000)
RULES = LabourRules()


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def check(
    assignments: list[Assignment],
    staff: StaffMember = ANNA,
    rules: LabourRules = RULES,
    unavailability: list[Unavailability] | None = None,
    requirements: list[Requirement] | None = None,
) -> list[Violation]:
    return validate_assignments(
        assignments, [staff], TEMPLATES, rules, unavailability or [], requirements
    )


def codes(violations: list[Violation]) -> list[str]:
    return [violation.code for violation in violations]


def test_a_normal_week_has_no_violations():
    week = [Assignment(1, EARLY.id, day(n)) for n in range(5)]

    assert check(week) == []


def test_missing_skill():
    found = check([Assignment(1, ROOMS.id, MONDAY)])

    assert found == [
        Violation(
            "SKILL_MISSING",
            "Anna lacks the housekeeping skill for rooms shift (ROOMS) on 2026-06-01",
            1,
            MONDAY,
            ROOMS.id,
        )
    ]


def test_overlapping_shifts():
    assert codes(check([Assignment(1, EARLY.id, MONDAY), Assignment(1, MIDDAY.id, MONDAY)])) == [
        "OVERLAP"
    ]


def test_night_shift_then_early_shift_leaves_too_little_rest():
    found = check([Assignment(1, NIGHT.id, MONDAY), Assignment(1, LATE.id, day(1))])

    assert codes(found) == ["REST_TOO_SHORT"]
    assert found[0].day == day(1) and found[0].template_id == LATE.id


def test_exactly_the_minimum_rest_is_allowed():
    rules = LabourRules(min_rest_minutes=16 * 60)

    assert (
        check([Assignment(1, EARLY.id, MONDAY), Assignment(1, EARLY.id, day(1))], rules=rules) == []
    )


def test_daily_maximum():
    long_day = [Assignment(1, EARLY.id, MONDAY), Assignment(1, LATE.id, MONDAY)]
    rules = LabourRules(min_rest_minutes=0)

    assert codes(check(long_day, rules=rules)) == ["DAY_HOURS_EXCEEDED"]


def test_weekly_maximum_uses_the_lower_of_law_and_contract():
    part_timer = StaffMember(1, "Anna", frozenset({"front_desk"}), 1440, 1920)
    five_earlies = [Assignment(1, EARLY.id, day(n)) for n in range(5)]

    found = check(five_earlies, staff=part_timer)

    assert codes(found) == ["WEEK_HOURS_EXCEEDED"]
    assert found[0].message == "Anna works 2400 minutes in week 2026-W23 (maximum 1920)"


def test_seven_days_in_a_row_across_a_week_boundary():
    rules = LabourRules(max_minutes_per_week=10_000)
    thursday_to_wednesday = [Assignment(1, EARLY.id, day(n)) for n in range(3, 10)]

    found = check(thursday_to_wednesday, staff=TIRELESS, rules=rules)

    assert codes(found) == ["TOO_MANY_CONSECUTIVE_DAYS"]
    assert found[0].day == day(9)


def test_too_few_free_days_in_an_iso_week():
    rules = LabourRules(max_minutes_per_week=10_000, min_free_days_per_week=2)
    six_days = [Assignment(1, EARLY.id, day(n)) for n in range(6)]

    assert codes(check(six_days, staff=TIRELESS, rules=rules)) == ["TOO_FEW_FREE_DAYS"]


def test_night_shift_running_into_time_off_is_unavailable():
    leave = Unavailability(1, datetime(2026, 6, 2, 0, 0), datetime(2026, 6, 5, 0, 0))

    found = check([Assignment(1, NIGHT.id, MONDAY)], unavailability=[leave])

    assert codes(found) == ["UNAVAILABLE"]


def test_shift_ending_when_time_off_starts_is_fine():
    leave = Unavailability(1, datetime(2026, 6, 1, 14, 0), datetime(2026, 6, 5, 0, 0))

    assert check([Assignment(1, EARLY.id, MONDAY)], unavailability=[leave]) == []


def test_shift_after_employment_ended():
    leaver = StaffMember(1, "Anna", frozenset({"front_desk"}), 2400, 2400, employment_end=MONDAY)

    found = check([Assignment(1, EARLY.id, MONDAY), Assignment(1, EARLY.id, day(1))], leaver)

    assert codes(found) == ["NOT_EMPLOYED"] and found[0].day == day(1)


def test_under_covered_requirement():
    needs_two = [Requirement(LATE.id, MONDAY, 2)]

    found = check([Assignment(1, LATE.id, MONDAY)], requirements=needs_two)

    assert found == [
        Violation(
            "UNDER_COVERED",
            "late shift (LATE) on 2026-06-01 has 1 of 2 front_desk staff",
            None,
            MONDAY,
            LATE.id,
        )
    ]
