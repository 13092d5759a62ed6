"""Mutations for what managers set up: staff, templates, labour rules, demand rules, time off
and preferences. One ``input`` each; a payload with the result and ``errors``."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import strawberry
from strawberry.types import Info

from frontdesk.api.graphql import (
    UserError,
    decode_id,
    run_mutation,
    secure_mutation,
    service_mutation,
)

from . import common, setup, staff
from .schema_types import (
    ShiftsDemandKind,
    ShiftsDemandMetric,
    ShiftsDemandRule,
    ShiftsLabourRules,
    ShiftsStaffMember,
    ShiftsTemplate,
    ShiftsTimeOff,
    ShiftsTimeOffKind,
)
from .tables import DemandRule

UNSET = strawberry.UNSET


@strawberry.input
class ShiftsCreateStaffMemberInput:
    property_id: strawberry.ID
    name: str
    departments: list[str]
    skills: list[str]
    weekly_target_minutes: int = 2400
    weekly_max_minutes: int = 2880
    hourly_wage: Decimal | None = None
    employment_start: date | None = None
    employment_end: date | None = None
    user_id: strawberry.ID | None = None


@strawberry.input
class ShiftsUpdateStaffMemberInput:
    staff_id: strawberry.ID
    name: str | None = UNSET
    departments: list[str] | None = UNSET
    skills: list[str] | None = UNSET
    weekly_target_minutes: int | None = UNSET
    weekly_max_minutes: int | None = UNSET
    hourly_wage: Decimal | None = UNSET
    employment_start: date | None = UNSET
    employment_end: date | None = UNSET


@strawberry.type
class ShiftsStaffMemberPayload:
    staff_member: ShiftsStaffMember | None
    errors: list[UserError]


@strawberry.input
class ShiftsCreateTemplateInput:
    property_id: strawberry.ID
    code: str
    name: str
    department: str
    skill: str
    start_time: time
    end_time: time = strawberry.field(description="At or before startTime: ends the next day.")
    min_staff: int = 1


@strawberry.input
class ShiftsUpdateTemplateInput:
    template_id: strawberry.ID
    name: str | None = None
    min_staff: int | None = None
    active: bool | None = None


@strawberry.type
class ShiftsTemplatePayload:
    template: ShiftsTemplate | None
    errors: list[UserError]


@strawberry.input
class ShiftsSetLabourRulesInput:
    property_id: strawberry.ID
    max_minutes_per_day: int | None = None
    max_minutes_per_week: int | None = None
    min_rest_minutes: int | None = None
    max_consecutive_days: int | None = None
    min_free_days_per_week: int | None = None


@strawberry.type
class ShiftsSetLabourRulesPayload:
    labour_rules: ShiftsLabourRules | None
    errors: list[UserError]


@strawberry.input
class ShiftsAddDemandRuleInput:
    template_id: strawberry.ID
    metric: ShiftsDemandMetric
    kind: ShiftsDemandKind
    threshold: int
    staff: int = 1


@strawberry.type
class ShiftsAddDemandRulePayload:
    demand_rule: ShiftsDemandRule | None
    errors: list[UserError]


@strawberry.input
class ShiftsRemoveDemandRuleInput:
    rule_id: strawberry.ID


@strawberry.type
class ShiftsRemoveDemandRulePayload:
    removed_rule_id: strawberry.ID | None
    errors: list[UserError]


@strawberry.input
class ShiftsRequestTimeOffInput:
    staff_id: strawberry.ID
    kind: ShiftsTimeOffKind
    starts_at: datetime = strawberry.field(description="Hotel local time; an offset is ignored.")
    ends_at: datetime = strawberry.field(description="Hotel local time, excluded.")
    reason: str = ""


@strawberry.input
class ShiftsDecideTimeOffInput:
    time_off_id: strawberry.ID
    approve: bool


@strawberry.type
class ShiftsTimeOffPayload:
    time_off: ShiftsTimeOff | None
    errors: list[UserError]


@strawberry.input
class ShiftsSetPreferenceInput:
    staff_id: strawberry.ID
    template_id: strawberry.ID
    weight: int = strawberry.field(description="-10..10: wish for (>0) or against (<0); 0 clears.")
    weekday: int | None = strawberry.field(default=None, description="1 = Monday … 7 = Sunday.")
    day: date | None = None


@strawberry.type
class ShiftsSetupMutation:
    shifts_create_staff_member = service_mutation(
        staff.create_staff,
        ShiftsStaffMemberPayload,
        "staff_member",
        input=ShiftsCreateStaffMemberInput,
        actor=False,
        permission="shifts.staff.write",
    )
    shifts_update_staff_member = service_mutation(
        staff.update_staff,
        ShiftsStaffMemberPayload,
        "staff_member",
        input=ShiftsUpdateStaffMemberInput,
        actor=False,
        permission="shifts.staff.write",
    )
    shifts_create_template = service_mutation(
        setup.create_template,
        ShiftsTemplatePayload,
        "template",
        input=ShiftsCreateTemplateInput,
        actor=False,
        permission="shifts.setup.write",
    )
    shifts_update_template = service_mutation(
        setup.update_template,
        ShiftsTemplatePayload,
        "template",
        input=ShiftsUpdateTemplateInput,
        actor=False,
        permission="shifts.setup.write",
    )
    shifts_set_labour_rules = service_mutation(
        setup.set_labour_rules,
        ShiftsSetLabourRulesPayload,
        "labour_rules",
        input=ShiftsSetLabourRulesInput,
        actor=False,
        permission="shifts.setup.write",
    )
    shifts_add_demand_rule = service_mutation(
        setup.add_demand_rule,
        ShiftsAddDemandRulePayload,
        "demand_rule",
        input=ShiftsAddDemandRuleInput,
        actor=False,
        permission="shifts.setup.write",
    )
    shifts_remove_demand_rule = service_mutation(
        setup.remove_demand_rule,
        ShiftsRemoveDemandRulePayload,
        "removed_rule_id",
        input=ShiftsRemoveDemandRuleInput,
        actor=False,
        then=lambda removed: strawberry.ID(str(removed)),
        permission="shifts.setup.write",
        scopes={"ruleId": DemandRule.template.property},
    )
    shifts_request_time_off = service_mutation(
        staff.request_time_off,
        ShiftsTimeOffPayload,
        "time_off",
        input=ShiftsRequestTimeOffInput,
        actor=False,
        permission="shifts.requests.write",
    )
    shifts_decide_time_off = service_mutation(
        staff.decide_time_off,
        ShiftsTimeOffPayload,
        "time_off",
        input=ShiftsDecideTimeOffInput,
        permission="shifts.timeoff.approve",
    )

    @secure_mutation(permission="shifts.requests.write")
    async def shifts_set_preference(
        self, info: Info, input: ShiftsSetPreferenceInput
    ) -> ShiftsStaffMemberPayload:
        """Hand-written: the service answers the preference (None once cleared), the payload
        the staff member, so it takes a second call."""

        async def act():
            staff_id = decode_id(input.staff_id, "staffId")
            await staff.set_preference(
                staff_id=staff_id,
                template_id=decode_id(input.template_id, "templateId"),
                weight=input.weight,
                weekday=input.weekday,
                day=input.day,
            )
            return await common.get_staff(staff_id)

        return await run_mutation(ShiftsStaffMemberPayload, "staff_member", act)
