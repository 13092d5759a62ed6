"""Scenarios 4 and 7, run in-process: the night audit at two sizes, and roster solving."""

from __future__ import annotations

import time
from datetime import date, timedelta
from datetime import time as clock
from typing import Any

from .config import Sizes
from .context import outcome, skipped


async def night_audit(url: str, sizes: Sizes) -> dict[str, Any]:
    """Audit ``audit_properties[0]`` fully occupied properties, then
    ``audit_properties[1]`` others (10x the stays), then ``audit_properties[0]`` more: time
    per stay must stay flat.

    The 1x figure is the mean of the audits before and after the 10x one, so that the
    machine's drift over the 10x audit's five minutes (docs/performance.md, "Noise") weighs
    on both sides alike; with one 1x audit before, the ratio moved between 0.87 and 1.22
    for the same code. Each phase audits properties of its own, all in one database."""
    try:
        from frontdesk.core.night_audit.service import run_night_audit
    except ImportError:
        return skipped("night audit not available")
    from .datagen import create_audit_group

    small, large = sizes.audit_properties
    group = await create_audit_group(url, large + 2 * small, sizes.audit_stays_per_property)
    ids = group.property_ids
    phases: dict[str, dict[str, Any]] = {}
    for label, properties in (
        ("small_before", ids[:small]),
        ("large", ids[small : small + large]),
        ("small_after", ids[small + large :]),
    ):
        began = time.perf_counter()
        for pid in properties:
            await run_night_audit(property_id=pid, actor="bench")
        seconds = time.perf_counter() - began
        stays = len(properties) * sizes.audit_stays_per_property
        phases[label] = {
            "properties": len(properties),
            "stays": stays,
            "seconds": round(seconds, 3),
            "ms_per_stay": round(seconds * 1000 / stays, 3),
        }
    before, after = phases["small_before"], phases["small_after"]
    phases["small"] = {
        "properties": small,
        "stays": before["stays"],
        "seconds": round((before["seconds"] + after["seconds"]) / 2, 3),
        "ms_per_stay": round((before["ms_per_stay"] + after["ms_per_stay"]) / 2, 3),
    }
    ratio = phases["large"]["ms_per_stay"] / phases["small"]["ms_per_stay"]
    return outcome(ratio, "night_audit", phases)


def roster(sizes: Sizes) -> dict[str, Any]:
    """30 staff in 3 departments with early/late/night templates over four weeks."""
    try:
        from frontdesk.plugins.hr_shifts import model
        from frontdesk.plugins.hr_shifts.solver import solve_roster
    except ImportError:
        return skipped("hr_shifts solver not available")
    problem = _roster_problem(sizes, model)
    began = time.perf_counter()
    result = solve_roster(problem)
    seconds = time.perf_counter() - began
    feasible = result.status in ("optimal", "feasible")
    return outcome(
        seconds if feasible else None,
        "roster",
        {
            "staff": len(problem.staff),
            "days": sizes.roster_days,
            "status": result.status,
            "seconds": round(seconds, 3),
            "gap": round(result.gap, 4),
            "assignments": len(result.assignments),
            "time_limit": sizes.roster_time_limit,
        },
    )


def _roster_problem(sizes: Sizes, model: Any) -> Any:
    """Three departments, each with early (3 needed), late (2) and night (1) shifts every day,
    and ``roster_staff_per_department`` people, the last two part-time."""
    monday = date(2026, 6, 1)
    templates, staff, requirements = [], [], []
    hours = (("EARLY", 6, 14, 3), ("LATE", 14, 22, 2), ("NIGHT", 22, 6, 1))
    people = sizes.roster_staff_per_department
    for d, department in enumerate(("front_desk", "housekeeping", "kitchen")):
        for n, (code, start, end, needed) in enumerate(hours):
            template = model.ShiftTemplate(
                10 * d + n + 1,
                f"{department[:2].upper()}_{code}",
                code.title(),
                department,
                department,
                clock(start),
                clock(end),
            )
            templates.append(template)
            requirements += [
                model.Requirement(template.id, monday + timedelta(days=i), needed)
                for i in range(sizes.roster_days)
            ]
        staff += [
            model.StaffMember(
                100 * d + n + 1,
                f"{department} {n}",
                frozenset({department}),
                1440 if n >= people - 2 else 2400,
                1920 if n >= people - 2 else 2880,
            )
            for n in range(people)
        ]
    return model.RosterProblem(
        start=monday,
        end=monday + timedelta(days=sizes.roster_days),
        staff=staff,
        templates=templates,
        requirements=requirements,
        time_limit_seconds=sizes.roster_time_limit,
    )
