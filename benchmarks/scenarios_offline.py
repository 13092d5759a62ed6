"""Scenarios 4 and 7, run in-process: the night audit at two sizes, and roster solving."""

from __future__ import annotations

import time
from datetime import date, timedelta
from datetime import time as clock
from typing import Any

from .config import Sizes
from .context import outcome, skipped


async def night_audit(url: str, sizes: Sizes) -> dict[str, Any]:
    """Audit ``audit_properties[0]`` fully occupied properties, then all
    ``audit_properties[1]`` (10x the stays): time per stay must stay flat."""
    try:
        from frontdesk.core.night_audit.service import run_night_audit
    except ImportError:
        return skipped("night audit not available")
    from .datagen import create_audit_group

    small, large = sizes.audit_properties
    group = await create_audit_group(url, large, sizes.audit_stays_per_property)
    phases = {}
    for label, count in (("small", small), ("large", large)):
        began = time.perf_counter()
        for pid in group.property_ids[:count]:
            await run_night_audit(property_id=pid, actor="bench")
        seconds = time.perf_counter() - began
        stays = count * sizes.audit_stays_per_property
        phases[label] = {
            "properties": count,
            "stays": stays,
            "seconds": round(seconds, 3),
            "ms_per_stay": round(seconds * 1000 / stays, 3),
        }
    ratio = phases["large"]["ms_per_stay"] / phases["small"]["ms_per_stay"]
    return outcome(ratio, "night_audit", phases)


def roster(sizes: Sizes) -> dict[str, Any]:
    """30 staff in 3 departments with early/late/night templates over four weeks."""
    try:
        from frontdesk.plugins.hr_shifts.model import (
            Requirement,
            RosterProblem,
            ShiftTemplate,
            StaffMember,
        )
        from frontdesk.plugins.hr_shifts.solver import solve_roster
    except ImportError:
        return skipped("hr_shifts solver not available")
    monday = date(2026, 6, 1)
    templates, staff, requirements = [], [], []
    hours = (("EARLY", 6, 14, 3), ("LATE", 14, 22, 2), ("NIGHT", 22, 6, 1))
    people = sizes.roster_staff_per_department
    for d, department in enumerate(("front_desk", "housekeeping", "kitchen")):
        for n, (code, start, end, needed) in enumerate(hours):
            template = ShiftTemplate(
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
                Requirement(template.id, monday + timedelta(days=i), needed)
                for i in range(sizes.roster_days)
            ]
        staff += [
            StaffMember(
                100 * d + n + 1,
                f"{department} {n}",
                frozenset({department}),
                1440 if n >= people - 2 else 2400,
                1920 if n >= people - 2 else 2880,
            )
            for n in range(people)
        ]
    problem = RosterProblem(
        start=monday,
        end=monday + timedelta(days=sizes.roster_days),
        staff=staff,
        templates=templates,
        requirements=requirements,
        time_limit_seconds=sizes.roster_time_limit,
    )
    began = time.perf_counter()
    result = solve_roster(problem)
    seconds = time.perf_counter() - began
    feasible = result.status in ("optimal", "feasible")
    return outcome(
        seconds if feasible else None,
        "roster",
        {
            "staff": len(staff),
            "days": sizes.roster_days,
            "status": result.status,
            "seconds": round(seconds, 3),
            "gap": round(result.gap, 4),
            "assignments": len(result.assignments),
            "time_limit": sizes.roster_time_limit,
        },
    )
