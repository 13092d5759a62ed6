"""Hand edits and swaps: every change is checked against the labour rules first.

An edit that would break a rule is refused with one error per broken rule, unless the
manager passes ``accept_violations`` (for instance to let someone work a seventh day).
Three rules cannot be accepted because no roster could honour them: overlapping shifts,
unavailability / approved time off, and days outside the employment dates. Coverage is
never a reason to refuse an edit; the roster's violations list shows it instead.
"""

from __future__ import annotations

from datetime import date

from frontdesk.api import (
    Conflict,
    DomainError,
    InvalidInput,
    InvalidTransition,
    NotFound,
    run_write,
    validation,
)

from . import common, model
from .rostering import load_context
from .rules import NOT_EMPLOYED, OVERLAP, UNAVAILABLE, Violation
from .tables import Assignment, Roster, SwapRequest

NEVER_ACCEPTED = frozenset({OVERLAP, UNAVAILABLE, NOT_EMPLOYED})


class RuleViolations(DomainError):
    """The edit would break labour rules; ``violations`` says which (one UserError each)."""

    code = "RULE_VIOLATION"

    def __init__(self, violations: list[Violation], field: str = "staffId"):
        super().__init__("; ".join(v.message for v in violations), field=field)
        self.violations = violations


async def _editable(roster_id: int) -> Roster:
    roster = await common.get_roster(roster_id)
    if roster.status == "superseded":
        raise InvalidTransition(
            f"Roster {roster_id} was superseded by a later one; edit that one.", field="rosterId"
        )
    return roster


async def _check_gain(
    roster: Roster, staff_id: int, gained: model.Assignment, accept: bool, field: str
) -> None:
    """Refuse (see module docstring) if giving ``gained`` to ``staff_id`` breaks a rule."""
    context = await load_context(
        roster.property,
        roster.starts_on,
        roster.ends_on,
        staff_ids=[staff_id],
        extra_staff_ids=[staff_id],
    )
    current = await Assignment.objects().where(
        (Assignment.roster == roster.id) & (Assignment.staff == staff_id)
    )
    before_rows = [common.assignment_model(r) for r in current]
    before = set(context.violations(before_rows, coverage_too=False))
    after = context.violations([*before_rows, gained], coverage_too=False)
    new = [v for v in after if v not in before]
    blocking = [v for v in new if v.code in NEVER_ACCEPTED or not accept]
    if blocking:
        raise RuleViolations(blocking, field=field)


async def assign(
    *,
    roster_id: int,
    staff_id: int,
    template_id: int,
    day: date,
    accept_violations: bool = False,
) -> Assignment:
    """Put someone on a shift of a roster by hand."""

    async def change() -> Assignment:
        roster = await _editable(roster_id)
        if not roster.starts_on <= day < roster.ends_on:
            raise InvalidInput(
                f"day must lie in the roster's range {roster.starts_on}..{roster.ends_on} "
                "(end excluded).",
                field="day",
            )
        await common.get_staff(staff_id, property_id=roster.property)
        template = await common.get_template(template_id, property_id=roster.property)
        exists = await Assignment.exists().where(
            (Assignment.roster == roster_id)
            & (Assignment.staff == staff_id)
            & (Assignment.template == template_id)
            & (Assignment.day == day)
        )
        if exists:
            raise Conflict(
                f"This person already works {template.code} on {day.isoformat()}.", field="staffId"
            )
        gained = model.Assignment(staff_id, template_id, day)
        await _check_gain(roster, staff_id, gained, accept_violations, "staffId")
        row = Assignment(
            roster=roster_id, staff=staff_id, template=template_id, day=day, source="manual"
        )
        await row.save()
        return row

    return await run_write(change, conflict_message="This person already works that shift.")


async def unassign(*, assignment_id: int) -> Roster:
    """Take someone off a shift; the roster's violations show any coverage it leaves open."""

    async def change() -> Roster:
        row = await common.get_assignment(assignment_id)
        roster = await _editable(row.roster)
        await Assignment.delete().where(Assignment.id == assignment_id)
        return roster

    return await run_write(change, conflict_message="The assignment could not be removed.")


async def request_swap(*, assignment_id: int, to_staff_id: int, note: str = "") -> SwapRequest:
    """Ask for a colleague to take over one's published shift; a manager decides."""
    text = validation.text(note, "note", max_length=validation.MAX_TEXT, required=False)

    async def change() -> SwapRequest:
        row = await common.get_assignment(assignment_id)
        roster = await common.get_roster(row.roster)
        if roster.status != "published":
            raise InvalidTransition(
                "Only shifts of a published roster can be swapped; edit drafts directly.",
                field="assignmentId",
            )
        if to_staff_id == row.staff:
            raise InvalidInput("A shift cannot be swapped with oneself.", field="toStaffId")
        await common.get_staff(to_staff_id, property_id=roster.property, field="toStaffId")
        pending = await SwapRequest.exists().where(
            (SwapRequest.assignment == assignment_id) & (SwapRequest.status == "requested")
        )
        if pending:
            raise Conflict("A swap of this shift is already pending.", field="assignmentId")
        swap = SwapRequest(
            assignment=assignment_id, from_staff=row.staff, to_staff=to_staff_id, note=text
        )
        await swap.save()
        return swap

    return await run_write(change, conflict_message="The swap request could not be saved.")


async def decide_swap(
    *, swap_id: int, approve: bool, accept_violations: bool = False, actor: str | None
) -> SwapRequest:
    """Approve (the shift moves to the colleague, rules checked) or deny a pending swap."""

    async def change() -> SwapRequest:
        swap = await SwapRequest.objects().where(SwapRequest.id == swap_id).first()
        if swap is None:
            raise NotFound(f"Swap request {swap_id} does not exist.", field="swapId")
        if swap.status != "requested":
            raise InvalidTransition(f"Swap {swap_id} was already {swap.status}.", field="swapId")
        if approve:
            row = await Assignment.objects().where(Assignment.id == swap.assignment).first()
            if row is None or row.staff != swap.from_staff:
                raise Conflict("The shift changed since the swap was requested.", field="swapId")
            roster = await _editable(row.roster)
            gained = model.Assignment(swap.to_staff, row.template, row.day)
            await _check_gain(roster, swap.to_staff, gained, accept_violations, "swapId")
            await Assignment.update(
                {Assignment.staff: swap.to_staff, Assignment.source: "swap"}
            ).where(Assignment.id == row.id)
        swap.status = "approved" if approve else "denied"
        swap.decided_by = actor
        await swap.save()
        return swap

    return await run_write(change, conflict_message="The swap could not be decided.")
