"""Rosters: generate one with the solver, check it, publish it.

Generation reads everything it needs (staff, templates, labour rules, binding time off,
demand from the forecast, the published roster for "fewest changes"), runs CP-SAT in a
worker thread so the server keeps answering, then writes the draft in one transaction.

What counts as *published* for a day: the most recently published roster covering it.
Publishing a roster marks earlier published rosters that it covers completely as
``superseded``; where it covers them only in part, the newer roster wins day by day.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from frontdesk.api import InvalidTransition, emit_event, run_write

from . import common, coverage, model, staff
from .rules import Violation, validate_assignments
from .tables import Assignment, Preference, Roster, ShiftTemplate, StaffMember


@dataclass
class Context:
    """A property's rostering world for a date range, ready for the solver or the validator."""

    property_id: int
    start: date
    end: date
    staff_rows: dict[int, StaffMember]
    template_rows: dict[int, ShiftTemplate]
    problem: model.RosterProblem
    needs: list[coverage.ShiftDemand]

    def violations(self, assignments: Sequence[model.Assignment], *, coverage_too: bool = True):
        return validate_assignments(
            assignments,
            self.problem.staff,
            self.problem.templates,
            self.problem.rules,
            self.problem.unavailability,
            self.problem.requirements if coverage_too else None,
        )


async def load_context(
    property_id: int,
    start: date,
    end: date,
    *,
    staff_ids: Sequence[int] | None = None,
    time_limit: float | None = None,
    extra_staff_ids: Sequence[int] = (),
) -> Context:
    """Everything the solver and validator need; staff not employed in the range are left out."""
    where = StaffMember.property == property_id
    if staff_ids is not None:
        where &= StaffMember.id.is_in(list({*staff_ids, *extra_staff_ids}) or [-1])
    rows = await StaffMember.objects().where(where).order_by(StaffMember.id)
    rows = [r for r in rows if _employed_within(r, start, end) or r.id in extra_staff_ids]
    templates = await ShiftTemplate.objects().where(ShiftTemplate.property == property_id)
    days = common.days(start, end)
    prefs: dict[int, list[Preference]] = {}
    if rows:
        for pref in await Preference.objects().where(Preference.staff.is_in([r.id for r in rows])):
            prefs.setdefault(pref.staff, []).append(pref)
    needs = await coverage.demand(property_id, start, end)
    published = await published_assignments(property_id, start, end)
    problem = model.RosterProblem(
        start=start,
        end=end,
        staff=[common.staff_model(r, prefs.get(r.id, ()), days) for r in rows],
        templates=[common.template_model(t) for t in templates],
        rules=await common.labour_rules(property_id),
        unavailability=await staff.unavailability(property_id, start, end),
        requirements=coverage.requirements(needs),
        published=[
            common.assignment_model(a) for a in published if a.staff in {r.id for r in rows}
        ],
        time_limit_seconds=time_limit or common.setting(common.SOLVER_TIME_LIMIT),
    )
    return Context(
        property_id,
        start,
        end,
        {r.id: r for r in rows},
        {t.id: t for t in templates},
        problem,
        needs,
    )


def _employed_within(row: StaffMember, start: date, end: date) -> bool:
    """Employed on at least one day of [start, end)."""
    starts_ok = row.employment_start is None or row.employment_start < end
    return starts_ok and (row.employment_end is None or row.employment_end >= start)


async def generate_roster(
    *,
    property_id: int,
    start: date,
    end: date,
    staff_ids: Sequence[int] | None = None,
    actor: str | None,
) -> Roster:
    """A draft roster for [start, end); infeasible problems still give the best roster found,
    with the conflicts named on the roster."""
    common.date_range(start, end, max_days=common.setting(common.MAX_ROSTER_DAYS))
    await common.get_property(property_id)
    if staff_ids is not None:
        for staff_id in staff_ids:
            await common.get_staff(staff_id, property_id=property_id, field="staffIds")
    context = await load_context(property_id, start, end, staff_ids=staff_ids)
    # OR-Tools (with numpy and pandas) loads on the first roster, not at server start-up:
    # half a second of start-up for a feature most requests never touch.
    from .solver import solve_roster

    result = await asyncio.to_thread(solve_roster, context.problem)

    async def change() -> Roster:
        roster = Roster(
            property=property_id,
            starts_on=start,
            ends_on=end,
            status="draft",
            solver_status=result.status,
            solver_gap=Decimal(str(round(result.gap, 6))),
            solver_seconds=Decimal(str(round(result.wall_seconds, 3))),
            conflicts=json.dumps(result.conflicts),
            created_by=actor,
        )
        await roster.save()
        if result.assignments:
            await Assignment.insert(
                *[
                    Assignment(
                        roster=roster.id, staff=a.staff_id, template=a.template_id, day=a.day
                    )
                    for a in result.assignments
                ]
            )
        return roster

    return await run_write(change, conflict_message="The roster could not be saved.")


async def roster_assignments(roster_id: int) -> list[Assignment]:
    return (
        await Assignment.objects()
        .where(Assignment.roster == roster_id)
        .order_by(Assignment.day)
        .order_by(Assignment.template)
        .order_by(Assignment.staff)
    )


async def roster_violations(roster: Roster) -> list[Violation]:
    """Every rule the roster breaks today (demand follows bookings, so this can change)."""
    rows = await roster_assignments(roster.id)
    ids = {r.staff for r in rows}
    context = await load_context(
        roster.property, roster.starts_on, roster.ends_on, staff_ids=None, extra_staff_ids=list(ids)
    )
    return context.violations([common.assignment_model(r) for r in rows])


async def publish_roster(*, roster_id: int, actor: str | None) -> Roster:
    """Draft -> published; staff see it (feed, published shifts) and plugins are told."""

    async def change() -> Roster:
        roster = await common.get_roster(roster_id)
        if roster.status != "draft":
            raise InvalidTransition(
                f"Roster {roster_id} is {roster.status}; only drafts can be published.",
                field="rosterId",
            )
        earlier = await Roster.objects().where(
            (Roster.property == roster.property)
            & (Roster.status == "published")
            & (Roster.starts_on >= roster.starts_on)
            & (Roster.ends_on <= roster.ends_on)
        )
        superseded = [r.id for r in earlier]
        if superseded:
            await Roster.update({Roster.status: "superseded"}).where(Roster.id.is_in(superseded))
        roster.status = "published"
        roster.published_at = datetime.now(UTC)
        roster.published_by = actor
        await roster.save()
        await emit_event(
            "frontdesk_shifts_roster_published",
            "shifts.roster_published",
            property_id=roster.property,
            subject_id=roster.id,
            actor=actor,
            data={"superseded": superseded},
            roster=roster,
            assignments=await roster_assignments(roster.id),
            superseded=superseded,
        )
        return roster

    return await run_write(change, conflict_message="The roster could not be published.")


async def published_assignments(
    property_id: int, start: date, end: date, *, staff_id: int | None = None
) -> list[Assignment]:
    """The shifts staff have been told about, day by day from the latest published roster."""
    rosters = (
        await Roster.objects()
        .where(
            (Roster.property == property_id)
            & (Roster.status == "published")
            & (Roster.starts_on < end)
            & (Roster.ends_on > start)
        )
        .order_by(Roster.published_at, ascending=False)
        .order_by(Roster.id, ascending=False)
    )
    if not rosters:
        return []
    owner: dict[date, int] = {}
    for day in common.days(start, end):
        for roster in rosters:
            if roster.starts_on <= day < roster.ends_on:
                owner[day] = roster.id
                break
    where = Assignment.roster.is_in([r.id for r in rosters]) & (Assignment.day >= start)
    where &= Assignment.day < end
    if staff_id is not None:
        where &= Assignment.staff == staff_id
    rows = await Assignment.objects().where(where).order_by(Assignment.day).order_by(Assignment.id)
    return [row for row in rows if owner.get(row.day) == row.roster]
