"""Roster solving with OR-Tools CP-SAT, and sentences that explain why it cannot.

Flow of ``solve_roster``:

1. cheap pre-checks: shifts needing more qualified, employed, available people than
   exist, and same-day shifts that together need more people than exist when the rest
   rule stops anyone from working two of them;
2. when those pass, the strict model (coverage is hard);
3. when pre-checks fail, or the strict model is infeasible or times out without a
   roster, a relaxed model where missing people are a heavily penalised slack. Its
   roster is returned with ``status="infeasible"`` (unless it happens to cover
   everything), the ``uncovered`` shifts and ``conflicts`` sentences. This means an
   infeasible answer can take up to twice ``time_limit_seconds``.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from datetime import date

from ortools.sat.python import cp_model

from . import rules as rule_codes
from .model import (
    Assignment,
    RosterProblem,
    RosterResult,
    RosterStatus,
    Shortfall,
    iso_week,
    shifts_conflict,
)
from .rules import validate_assignments, weekly_limit_minutes
from .solver_constraints import (
    RosterModel,
    ShiftSlot,
    build_model,
    build_slots,
    can_work,
    unavailability_by_staff,
)

#: CP-SAT workers; the production host has 2 cores.
SEARCH_WORKERS = 2
#: Fixed seed so the same problem tends to give the same roster.
RANDOM_SEED = 7


def solve_roster(problem: RosterProblem) -> RosterResult:
    """Best roster within ``problem.time_limit_seconds``; never fails silently."""
    began = time.perf_counter()
    if problem.end <= problem.start:
        raise ValueError("roster range is empty: end must be after start")
    conflicts = precheck_conflicts(problem)
    if not conflicts:
        strict = build_model(problem, relax_coverage=False)
        solver, status = _run(strict, problem.time_limit_seconds)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            label: RosterStatus = "optimal" if status == cp_model.OPTIMAL else "feasible"
            return _result(label, strict, solver, [], began)

    relaxed = build_model(problem, relax_coverage=True)
    solver, status = _run(relaxed, problem.time_limit_seconds)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assignments = _assignments(relaxed, solver) if found else []
    uncovered = _uncovered(relaxed.slots, assignments)
    if not uncovered and not conflicts and found:
        # The strict run timed out; the relaxed run found a complete roster anyway.
        return _result("feasible", relaxed, solver, [], began)
    if not conflicts:
        conflicts = explain_uncovered(problem, relaxed.slots, assignments, uncovered)
    if found:
        return _result("infeasible", relaxed, solver, conflicts, began, uncovered)
    elapsed = time.perf_counter() - began
    return RosterResult("infeasible", [], uncovered, conflicts, 0.0, 0.0, 0.0, elapsed)


def precheck_conflicts(problem: RosterProblem) -> list[str]:
    """Coverage that no roster can meet, found without running the solver."""
    slots = build_slots(problem)
    unavailable = unavailability_by_staff(problem.unavailability)
    available = {
        index: {p.id for p in problem.staff if can_work(p, slot, unavailable)}
        for index, slot in enumerate(slots)
    }
    sentences = []
    for index, slot in enumerate(slots):
        if len(available[index]) < slot.required:
            sentences.append(
                f"{slot.template.label} on {slot.day.isoformat()} needs {slot.required} "
                f"{slot.template.skill} staff, {len(available[index])} available"
            )
    if sentences:
        return sentences
    # Each check only runs when the more specific ones before it found nothing, so the
    # manager reads the most precise sentence rather than the same shortage three times.
    return _same_day_conflicts(problem, slots, available) or _weekly_capacity_conflicts(
        problem, slots, available
    )


def _same_day_conflicts(
    problem: RosterProblem, slots: list[ShiftSlot], available: dict[int, set[int]]
) -> list[str]:
    """Same-day shifts nobody may combine (rest rule) that need more people than exist."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for index, slot in enumerate(slots):
        if slot.required > 0:
            by_day[slot.day].append(index)
    rest = problem.rules.min_rest_minutes
    sentences = []
    for day, indices in sorted(by_day.items()):
        if len(indices) < 2 or not _pairwise_conflicting([slots[i] for i in indices], rest):
            continue
        needed = sum(slots[i].required for i in indices)
        people = set().union(*(available[i] for i in indices))
        if len(people) < needed:
            names = _join([slots[i].template.label for i in indices])
            skills = "/".join(sorted({slots[i].template.skill for i in indices}))
            sentences.append(
                f"{names} on {day.isoformat()} together need {needed} {skills} staff, "
                f"{len(people)} available (one person cannot work two of them: "
                f"{rest} minutes rest required)"
            )
    return sentences


def _weekly_capacity_conflicts(
    problem: RosterProblem, slots: list[ShiftSlot], available: dict[int, set[int]]
) -> list[str]:
    """Per skill and ISO week: required hours against the most the qualified staff may work.

    A person's capacity is their weekly limit, capped by the days they could work times
    the daily maximum. People with several skills count fully for each, so this only
    catches shortages that no roster can fix.
    """
    rules = problem.rules
    needed: Counter[tuple[tuple[int, int], str]] = Counter()
    days_open: dict[tuple[tuple[int, int], str], dict[int, set[date]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for index, slot in enumerate(slots):
        key = (iso_week(slot.day), slot.template.skill)
        needed[key] += slot.required * slot.template.duration_minutes
        for staff_id in available[index]:
            days_open[key][staff_id].add(slot.day)
    people = {person.id: person for person in problem.staff}
    sentences = []
    for ((year, week), skill), minutes in sorted(needed.items()):
        workable_days = min(7 - rules.min_free_days_per_week, rules.max_consecutive_days)
        capacity = sum(
            min(
                weekly_limit_minutes(people[staff_id], rules),
                min(len(days), workable_days) * rules.max_minutes_per_day,
            )
            for staff_id, days in days_open[((year, week), skill)].items()
        )
        if capacity < minutes:
            count = len(days_open[((year, week), skill)])
            sentences.append(
                f"{skill} shifts in week {year}-W{week:02d} need {minutes / 60:g} hours, "
                f"but the {count} available {skill} staff may work at most "
                f"{capacity / 60:g} hours"
            )
    return sentences


_RULE_PHRASES = {
    rule_codes.OVERLAP: "no overlapping shifts",
    rule_codes.REST_TOO_SHORT: "the minimum rest between shifts ({r.min_rest_minutes} minutes)",
    rule_codes.DAY_HOURS_EXCEEDED: "the daily maximum ({r.max_minutes_per_day} minutes)",
    rule_codes.WEEK_HOURS_EXCEEDED: "the weekly maximum hours",
    rule_codes.TOO_MANY_CONSECUTIVE_DAYS: (
        "the maximum of {r.max_consecutive_days} consecutive working days"
    ),
    rule_codes.TOO_FEW_FREE_DAYS: "the minimum of {r.min_free_days_per_week} free days per week",
}


def explain_uncovered(
    problem: RosterProblem,
    slots: list[ShiftSlot],
    assignments: list[Assignment],
    uncovered: list[Shortfall],
) -> list[str]:
    """Name each uncovered shift and the rule that most likely keeps people off it.

    For every qualified, available person we add the shift to their roster and ask the
    validator what breaks; the most frequent rules are the likely cause.
    """
    unavailable = unavailability_by_staff(problem.unavailability)
    by_key = {(slot.template.id, slot.day): slot for slot in slots}
    rosters: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        rosters[assignment.staff_id].append(assignment)
    sentences = []
    for shortfall in uncovered:
        slot = by_key[(shortfall.template_id, shortfall.day)]
        blocked_by: Counter[str] = Counter()
        candidates = [
            person
            for person in problem.staff
            if can_work(person, slot, unavailable)
            and Assignment(person.id, slot.template.id, slot.day) not in rosters[person.id]
        ]
        for person in candidates:
            trial = [*rosters[person.id], Assignment(person.id, slot.template.id, slot.day)]
            found = validate_assignments(
                trial, [person], problem.templates, problem.rules, problem.unavailability
            )
            blocked_by.update({violation.code for violation in found})
        where = f"{slot.template.label} on {slot.day.isoformat()} stays {shortfall.missing} short"
        if not blocked_by:
            sentences.append(
                f"{where}: no complete roster was found within "
                f"{problem.time_limit_seconds:g} seconds"
            )
            continue
        phrases = [
            _RULE_PHRASES[code].format(r=problem.rules)
            for code, _ in blocked_by.most_common(2)
            if code in _RULE_PHRASES
        ]
        sentences.append(
            f"{where}: {len(candidates)} more {slot.template.skill} staff could work it, "
            f"but each would likely break {' or '.join(phrases)}"
        )
    return sentences


def _run(roster: RosterModel, time_limit_seconds: float) -> tuple[cp_model.CpSolver, int]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit_seconds)
    solver.parameters.num_search_workers = SEARCH_WORKERS
    solver.parameters.random_seed = RANDOM_SEED
    status = solver.solve(roster.model)
    if status == cp_model.MODEL_INVALID:
        raise RuntimeError(f"invalid roster model: {roster.model.validate()}")
    return solver, status


def _assignments(roster: RosterModel, solver: cp_model.CpSolver) -> list[Assignment]:
    chosen = [
        Assignment(staff_id, roster.slots[index].template.id, roster.slots[index].day)
        for (staff_id, index), var in roster.works.items()
        if solver.boolean_value(var)
    ]
    return sorted(chosen, key=lambda a: (a.day, a.template_id, a.staff_id))


def _uncovered(slots: list[ShiftSlot], assignments: list[Assignment]) -> list[Shortfall]:
    staffed = Counter((a.template_id, a.day) for a in assignments)
    return [
        Shortfall(slot.template.id, slot.day, slot.required - staffed[(slot.template.id, slot.day)])
        for slot in slots
        if staffed[(slot.template.id, slot.day)] < slot.required
    ]


def _result(
    status: RosterStatus,
    roster: RosterModel,
    solver: cp_model.CpSolver,
    conflicts: list[str],
    began: float,
    uncovered: list[Shortfall] | None = None,
) -> RosterResult:
    objective = float(solver.objective_value)
    bound = float(solver.best_objective_bound)
    return RosterResult(
        status=status,
        assignments=_assignments(roster, solver),
        uncovered=uncovered or [],
        conflicts=conflicts,
        objective=objective,
        best_bound=bound,
        gap=abs(objective - bound) / max(1.0, abs(objective)),
        wall_seconds=time.perf_counter() - began,
    )


def _pairwise_conflicting(slots: list[ShiftSlot], min_rest_minutes: int) -> bool:
    return all(
        shifts_conflict(a.interval, b.interval, min_rest_minutes)
        for position, a in enumerate(slots)
        for b in slots[position + 1 :]
    )


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
