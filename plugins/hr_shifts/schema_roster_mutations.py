"""Mutations for rosters and time: generate, publish, hand edits, swaps, clocking, approval.

Hand edits refused for labour rules come back as one UserError per broken rule, with the
rule's code (``REST_TOO_SHORT``…); accepted edits list the roster's violations instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from frontdesk.api import DomainError
from frontdesk.api.graphql import UserError, decode_id, secure_mutation, service_mutation

from . import common, edits, rostering, timesheets
from .schema_types import (
    ShiftsAssignment,
    ShiftsRoster,
    ShiftsSwapRequest,
    ShiftsTimeEntry,
    ShiftsViolation,
)
from .tables import TimeEntry


@strawberry.input
class ShiftsGenerateRosterInput:
    property_id: strawberry.ID
    starts_on: date
    ends_on: date = strawberry.field(description="First day after the roster (at most 42 days).")
    staff_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Whom to roster; default: everyone employed in the range."
    )


@strawberry.type
class ShiftsRosterPayload:
    roster: ShiftsRoster | None
    errors: list[UserError]


@strawberry.input
class ShiftsPublishRosterInput:
    roster_id: strawberry.ID


@strawberry.input
class ShiftsAssignInput:
    roster_id: strawberry.ID
    staff_id: strawberry.ID
    template_id: strawberry.ID
    day: date
    accept_violations: bool = strawberry.field(
        default=False,
        description="Keep the edit although it breaks labour rules (never overlaps, "
        "time off or employment dates).",
    )


@strawberry.input
class ShiftsUnassignInput:
    assignment_id: strawberry.ID


@strawberry.type
class ShiftsRosterEditPayload:
    roster: ShiftsRoster | None
    assignment: ShiftsAssignment | None
    violations: list[ShiftsViolation] = strawberry.field(
        description="Every rule the roster breaks after the edit, coverage included."
    )
    errors: list[UserError]


@strawberry.input
class ShiftsRequestSwapInput:
    assignment_id: strawberry.ID
    to_staff_id: strawberry.ID
    note: str = ""


@strawberry.input
class ShiftsDecideSwapInput:
    swap_id: strawberry.ID
    approve: bool
    accept_violations: bool = False


@strawberry.type
class ShiftsSwapPayload:
    swap_request: ShiftsSwapRequest | None
    errors: list[UserError]


@strawberry.input
class ShiftsClockInInput:
    staff_id: strawberry.ID
    assignment_id: strawberry.ID | None = None
    at: datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input
class ShiftsClockOutInput:
    entry_id: strawberry.ID
    at: datetime | None = None
    break_minutes: int = 0


@strawberry.type
class ShiftsTimeEntryPayload:
    time_entry: ShiftsTimeEntry | None
    errors: list[UserError]


@strawberry.input
class ShiftsApproveHoursInput:
    staff_id: strawberry.ID
    period_start: date
    period_end: date = strawberry.field(description="Inclusive.")


@strawberry.type
class ShiftsApproveHoursPayload:
    time_entries: list[ShiftsTimeEntry] | None
    errors: list[UserError]


async def _edit(action: Callable[[], Awaitable[tuple[Any, Any]]]) -> ShiftsRosterEditPayload:
    """Run a hand edit; rule refusals become one UserError per violation."""
    try:
        roster, assignment = await action()
    except edits.RuleViolations as refusal:
        errors = [
            UserError(code=v.code, message=v.message, field=refusal.field)
            for v in refusal.violations
        ]
        return ShiftsRosterEditPayload(roster=None, assignment=None, violations=[], errors=errors)
    except DomainError as error:
        return ShiftsRosterEditPayload(
            roster=None, assignment=None, violations=[], errors=[UserError.from_domain(error)]
        )
    violations = await rostering.roster_violations(roster)
    return ShiftsRosterEditPayload(
        roster=roster, assignment=assignment, violations=violations, errors=[]
    )


@strawberry.type
class ShiftsRosterMutation:
    shifts_generate_roster = service_mutation(
        rostering.generate_roster,
        ShiftsRosterPayload,
        "roster",
        input=ShiftsGenerateRosterInput,
        rename={"starts_on": "start", "ends_on": "end"},
        permission="shifts.roster.write",
        description="Solve a draft roster; infeasible ones name the conflict.",
    )
    shifts_publish_roster = service_mutation(
        rostering.publish_roster,
        ShiftsRosterPayload,
        "roster",
        input=ShiftsPublishRosterInput,
        permission="shifts.roster.write",
    )

    # Hand edits stay hand-written: a rule refusal is one UserError per violation, and the
    # payload adds the roster's violations after the edit (``_edit``).
    @secure_mutation(
        permission="shifts.roster.write",
        description="Put someone on a shift by hand; the rules are checked.",
    )
    async def shifts_assign(self, info: Info, input: ShiftsAssignInput) -> ShiftsRosterEditPayload:
        async def act():
            row = await edits.assign(
                roster_id=decode_id(input.roster_id, "rosterId"),
                staff_id=decode_id(input.staff_id, "staffId"),
                template_id=decode_id(input.template_id, "templateId"),
                day=input.day,
                accept_violations=input.accept_violations,
            )
            return await common.get_roster(row.roster), row

        return await _edit(act)

    @secure_mutation(permission="shifts.roster.write")
    async def shifts_unassign(
        self, info: Info, input: ShiftsUnassignInput
    ) -> ShiftsRosterEditPayload:
        async def act():
            roster = await edits.unassign(
                assignment_id=decode_id(input.assignment_id, "assignmentId")
            )
            return roster, None

        return await _edit(act)

    shifts_request_swap = service_mutation(
        edits.request_swap,
        ShiftsSwapPayload,
        "swap_request",
        input=ShiftsRequestSwapInput,
        actor=False,
        permission="shifts.requests.write",
        description="Ask a colleague to take over a published shift.",
    )
    shifts_decide_swap = service_mutation(
        edits.decide_swap,
        ShiftsSwapPayload,
        "swap_request",
        input=ShiftsDecideSwapInput,
        permission="shifts.roster.write",
    )
    shifts_clock_in = service_mutation(
        timesheets.clock_in,
        ShiftsTimeEntryPayload,
        "time_entry",
        input=ShiftsClockInInput,
        actor=False,
        permission="shifts.time.clock",
    )
    shifts_clock_out = service_mutation(
        timesheets.clock_out,
        ShiftsTimeEntryPayload,
        "time_entry",
        input=ShiftsClockOutInput,
        actor=False,
        permission="shifts.time.clock",
        scopes={"entryId": TimeEntry.staff.property},
    )
    shifts_approve_hours = service_mutation(
        timesheets.approve_hours,
        ShiftsApproveHoursPayload,
        "time_entries",
        input=ShiftsApproveHoursInput,
        permission="shifts.timesheets.approve",
        description="Approve a person's closed entries of a period (hook fires).",
    )
