"""Build the CP-SAT model for a roster problem: hard rules plus one weighted objective.

Kept apart from ``solver`` so the model reads as a list of rules; ``solver`` only runs it,
diagnoses infeasibility and turns the answer into a ``RosterResult``.

The rule definitions (day and week of a shift, rest, overlap) come from ``model`` and are
the same ones ``rules.validate_assignments`` checks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ortools.sat.python import cp_model

from .model import (
    RosterProblem,
    ShiftTemplate,
    StaffMember,
    Unavailability,
    iso_week,
    overlaps,
    shifts_conflict,
)
from .rules import weekly_limit_minutes

# Objective weights, all in "cost units" where one minute off the weekly target costs 1.
#: per minute a person's weekly minutes differ from their (pro-rated) contract target
WEIGHT_TARGET_MINUTE = 1
#: per night shift between the person with most and the person with fewest nights
WEIGHT_NIGHT_SPREAD = 300
#: per weekend shift (starting Saturday or Sunday) in the same max-min spread
WEIGHT_WEEKEND_SPREAD = 300
#: per unit of a stated preference weight (positive weights reward, negative cost)
WEIGHT_PREFERENCE = 60
#: per assignment added to or removed from the published roster (only if one is given)
WEIGHT_CHANGE = 500
#: per person rostered beyond a shift's requirement
WEIGHT_OVERSTAFF = 30
#: per missing person in the relaxed model; dominates every other term
WEIGHT_UNCOVERED = 10_000_000


@dataclass(frozen=True)
class ShiftSlot:
    """One concrete shift: a template on a day, with how many people it needs."""

    template: ShiftTemplate
    day: date
    interval: tuple[datetime, datetime]
    required: int


@dataclass
class RosterModel:
    model: cp_model.CpModel
    slots: list[ShiftSlot]
    #: (staff id, slot index) -> "this person works this slot"; only for eligible pairs
    works: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    #: slot index -> missing people (relaxed model only)
    shortfall: dict[int, cp_model.IntVar] = field(default_factory=dict)


def build_slots(problem: RosterProblem) -> list[ShiftSlot]:
    """Slots for every requirement in range, plus published shifts without one.

    Duplicate requirements for the same template and day keep the largest number.
    """
    templates = {template.id: template for template in problem.templates}
    required: dict[tuple[int, date], int] = {}
    for need in problem.requirements:
        if need.template_id not in templates:
            raise ValueError(f"requirement for unknown template {need.template_id}")
        if problem.start <= need.day < problem.end:
            key = (need.template_id, need.day)
            required[key] = max(required.get(key, 0), need.required)
    for shift in problem.published:
        if shift.template_id in templates and problem.start <= shift.day < problem.end:
            required.setdefault((shift.template_id, shift.day), 0)
    slots = [
        ShiftSlot(templates[tid], day, templates[tid].interval(day), count)
        for (tid, day), count in required.items()
    ]
    slots.sort(key=lambda slot: (slot.interval[0], slot.template.id))
    return slots


def unavailability_by_staff(
    unavailability: Sequence[Unavailability],
) -> dict[int, list[tuple[datetime, datetime]]]:
    periods: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for period in unavailability:
        periods[period.staff_id].append((period.start, period.end))
    return periods


def can_work(
    person: StaffMember,
    slot: ShiftSlot,
    unavailable: dict[int, list[tuple[datetime, datetime]]],
) -> bool:
    """Skill, employment and availability: the rules that depend on one shift only."""
    return (
        slot.template.skill in person.skills
        and person.is_employed_on(slot.day)
        and not any(overlaps(slot.interval, period) for period in unavailable.get(person.id, ()))
    )


def conflicting_slot_pairs(slots: list[ShiftSlot], min_rest_minutes: int) -> list[tuple[int, int]]:
    """Pairs of slots one person cannot both work (overlap or too little rest).

    ``slots`` is sorted by start, so once a later slot starts after the rest window of
    the current one, no further slot can conflict with it.
    """
    pairs: list[tuple[int, int]] = []
    rest = timedelta(minutes=min_rest_minutes)
    for first in range(len(slots)):
        for second in range(first + 1, len(slots)):
            if slots[second].interval[0] >= slots[first].interval[1] + rest:
                break
            if shifts_conflict(slots[first].interval, slots[second].interval, min_rest_minutes):
                pairs.append((first, second))
    return pairs


def target_minutes_for_week(
    person: StaffMember,
    week_days: list[date],
    unavailable: dict[int, list[tuple[datetime, datetime]]],
) -> int:
    """The contract target pro-rated by the days the person could work in this week.

    Days outside the range or employment, and days fully covered by time off, reduce
    the target by one seventh each, so leave does not look like under-time.
    """
    periods = sorted(unavailable.get(person.id, ()))
    available = sum(
        1
        for day in week_days
        if person.is_employed_on(day) and not _whole_day_covered(day, periods)
    )
    return round(person.weekly_target_minutes * available / 7)


def _whole_day_covered(day: date, periods: list[tuple[datetime, datetime]]) -> bool:
    cursor = datetime.combine(day, datetime.min.time())
    day_end = cursor + timedelta(days=1)
    for start, end in periods:
        if start > cursor:
            break
        cursor = max(cursor, end)
        if cursor >= day_end:
            return True
    return False


def build_model(problem: RosterProblem, relax_coverage: bool) -> RosterModel:
    """The full model; with ``relax_coverage`` a penalised slack absorbs missing people."""
    slots = build_slots(problem)
    roster = RosterModel(cp_model.CpModel(), slots)
    model, works = roster.model, roster.works
    unavailable = unavailability_by_staff(problem.unavailability)
    objective: list[cp_model.LinearExprT] = []

    for person in problem.staff:
        for index, slot in enumerate(slots):
            if can_work(person, slot, unavailable):
                works[(person.id, index)] = model.new_bool_var(f"x_{person.id}_{index}")

    _add_coverage(roster, relax_coverage, objective)
    conflicts = conflicting_slot_pairs(slots, problem.rules.min_rest_minutes)
    slots_by_day: dict[date, list[int]] = defaultdict(list)
    for index, slot in enumerate(slots):
        slots_by_day[slot.day].append(index)
    weeks: dict[tuple[int, int], list[date]] = defaultdict(list)
    for day in problem.days:
        weeks[iso_week(day)].append(day)

    for person in problem.staff:
        mine = {index: var for (sid, index), var in works.items() if sid == person.id}
        if not mine:
            continue
        for first, second in conflicts:
            if first in mine and second in mine:
                model.add_bool_or([mine[first].Not(), mine[second].Not()])
        working = _add_day_rules(model, problem, person, mine, slots, slots_by_day)
        _add_week_rules(model, problem, person, mine, slots, slots_by_day, weeks, working)
        _add_consecutive_days(model, problem, working)
        objective.extend(
            _hours_objective(model, person, mine, slots, slots_by_day, weeks, unavailable)
        )
        objective.extend(_preference_objective(person, mine, slots))

    objective.extend(_fairness_objective(model, problem, roster))
    objective.extend(_change_objective(problem, roster))
    model.minimize(sum(objective))
    return roster


def _add_coverage(roster: RosterModel, relax: bool, objective: list) -> None:
    model = roster.model
    staffed_by_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (_, index), var in roster.works.items():
        staffed_by_slot[index].append(var)
    for index, slot in enumerate(roster.slots):
        staffed = staffed_by_slot[index]
        if relax and slot.required > 0:
            missing = model.new_int_var(0, slot.required, f"short_{index}")
            roster.shortfall[index] = missing
            model.add(sum(staffed) + missing >= slot.required)
            objective.append(WEIGHT_UNCOVERED * missing)
        elif slot.required > 0:
            model.add(sum(staffed) + model.new_constant(0) >= slot.required)
        if len(staffed) > slot.required:
            surplus = model.new_int_var(0, len(staffed) - slot.required, f"surplus_{index}")
            model.add(surplus >= sum(staffed) - slot.required)
            objective.append(WEIGHT_OVERSTAFF * surplus)


def _add_day_rules(model, problem, person, mine, slots, slots_by_day) -> dict[date, object]:
    """Daily minute cap, plus a "works on this day" literal for the day-count rules."""
    working: dict[date, object] = {}
    for day in problem.days:
        todays = [index for index in slots_by_day.get(day, ()) if index in mine]
        if not todays:
            continue
        minutes = [slots[index].template.duration_minutes for index in todays]
        if sum(minutes) > problem.rules.max_minutes_per_day:
            model.add(
                sum(m * mine[i] for m, i in zip(minutes, todays, strict=True))
                <= problem.rules.max_minutes_per_day
            )
        works_today = model.new_bool_var(f"day_{person.id}_{day.isoformat()}")
        for index in todays:
            model.add_implication(mine[index], works_today)
        model.add_bool_or([mine[index] for index in todays]).only_enforce_if(works_today)
        working[day] = works_today
    return working


def _add_week_rules(model, problem, person, mine, slots, slots_by_day, weeks, working) -> None:
    """Weekly minute cap and minimum free days, both per ISO week."""
    limit = weekly_limit_minutes(person, problem.rules)
    allowed_days = 7 - problem.rules.min_free_days_per_week
    for week_days in weeks.values():
        indices = [i for day in week_days for i in slots_by_day.get(day, ()) if i in mine]
        minutes = sum(slots[i].template.duration_minutes * mine[i] for i in indices)
        if indices:
            model.add(minutes <= limit)
        worked = [working[day] for day in week_days if day in working]
        if len(worked) > allowed_days:
            model.add(sum(worked) <= allowed_days)


def _add_consecutive_days(model, problem, working) -> None:
    """No window of ``max_consecutive_days + 1`` days may be all working days."""
    window = problem.rules.max_consecutive_days + 1
    days = problem.days
    for first in range(len(days) - window + 1):
        span = days[first : first + window]
        if all(day in working for day in span):
            model.add(sum(working[day] for day in span) <= window - 1)


def _hours_objective(model, person, mine, slots, slots_by_day, weeks, unavailable) -> list:
    terms = []
    for (year, week), week_days in weeks.items():
        target = target_minutes_for_week(person, week_days, unavailable)
        indices = [i for day in week_days for i in slots_by_day.get(day, ()) if i in mine]
        minutes = sum(slots[i].template.duration_minutes * mine[i] for i in indices)
        most = sum(slots[i].template.duration_minutes for i in indices) + target
        deviation = model.new_int_var(0, most, f"dev_{person.id}_{year}_{week}")
        model.add(deviation >= minutes - target)
        model.add(deviation >= target - minutes)
        terms.append(WEIGHT_TARGET_MINUTE * deviation)
    return terms


def _preference_objective(person, mine, slots) -> list:
    terms = []
    for index, var in mine.items():
        weight = person.preferences.get((slots[index].day, slots[index].template.id), 0)
        if weight:
            terms.append(-WEIGHT_PREFERENCE * weight * var)
    return terms


def _fairness_objective(model, problem, roster: RosterModel) -> list:
    """Max-min spread of night and weekend shifts, per skill, among staff who could work them.

    Per skill because a cook's nights and a receptionist's nights are not interchangeable.
    ``size * most >= total >= size * fewest`` is redundant but gives CP-SAT a bound to
    prove that an uneven split is unavoidable.
    """
    terms = []
    kinds = (
        ("night", WEIGHT_NIGHT_SPREAD, lambda slot: bool(slot.template.is_night)),
        ("weekend", WEIGHT_WEEKEND_SPREAD, lambda slot: slot.day.weekday() >= 5),
    )
    for kind, weight, counts in kinds:
        groups: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
        for (staff_id, index), var in roster.works.items():
            slot = roster.slots[index]
            if counts(slot):
                groups[slot.template.skill][staff_id].append(var)
        for skill, per_person in sorted(groups.items()):
            if len(per_person) < 2:
                continue
            ceiling = max(len(vars_) for vars_ in per_person.values())
            most = model.new_int_var(0, ceiling, f"{kind}_{skill}_most")
            fewest = model.new_int_var(0, ceiling, f"{kind}_{skill}_fewest")
            total = sum(sum(vars_) for vars_ in per_person.values())
            for vars_ in per_person.values():
                model.add(most >= sum(vars_))
                model.add(fewest <= sum(vars_))
            model.add(len(per_person) * most >= total)
            model.add(len(per_person) * fewest <= total)
            terms.append(weight * (most - fewest))
    return terms


def _change_objective(problem: RosterProblem, roster: RosterModel) -> list:
    """Cost per assignment added or removed against the published roster, plus hints."""
    if not problem.published:
        return []
    published = {(a.staff_id, a.template_id, a.day) for a in problem.published}
    terms = []
    for (staff_id, index), var in roster.works.items():
        slot = roster.slots[index]
        was_published = (staff_id, slot.template.id, slot.day) in published
        roster.model.add_hint(var, was_published)
        terms.append(WEIGHT_CHANGE * (1 - var) if was_published else WEIGHT_CHANGE * var)
    return terms
