"""Mutations for what managers set up: staff, templates, labour rules, demand rules, time off
and preferences. One ``input`` each; a payload with the result and ``errors``."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import strawberry
from strawberry.types import Info

from frontdesk.api.graphql import UserError, decode_id, run_mutation, secure_mutation

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


def given(**values) -> dict:
    return {k: v for k, v in values.items() if v is not UNSET}


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


def _staff_fields(data: ShiftsUpdateStaffMemberInput) -> dict:
    return given(
        name=data.name,
        departments=data.departments,
        skills=data.skills,
        weekly_target_minutes=data.weekly_target_minutes,
        weekly_max_minutes=data.weekly_max_minutes,
        hourly_wage=data.hourly_wage,
        employment_start=data.employment_start,
        employment_end=data.employment_end,
    )


@strawberry.type
class ShiftsSetupMutation:
    @secure_mutation(permission="shifts.staff.write")
    async def shifts_create_staff_member(
        self, info: Info, input: ShiftsCreateStaffMemberInput
    ) -> ShiftsStaffMemberPayload:
        async def act():
            return await staff.create_staff(
                property_id=decode_id(input.property_id, "propertyId"),
                name=input.name,
                departments=input.departments,
                skills=input.skills,
                weekly_target_minutes=input.weekly_target_minutes,
                weekly_max_minutes=input.weekly_max_minutes,
                hourly_wage=input.hourly_wage,
                employment_start=input.employment_start,
                employment_end=input.employment_end,
                user_id=None if input.user_id is None else decode_id(input.user_id, "userId"),
            )

        return await run_mutation(ShiftsStaffMemberPayload, "staff_member", act)

    @secure_mutation(permission="shifts.staff.write")
    async def shifts_update_staff_member(
        self, info: Info, input: ShiftsUpdateStaffMemberInput
    ) -> ShiftsStaffMemberPayload:
        async def act():
            staff_id = decode_id(input.staff_id, "staffId")
            return await staff.update_staff(staff_id, _staff_fields(input))

        return await run_mutation(ShiftsStaffMemberPayload, "staff_member", act)

    @secure_mutation(permission="shifts.setup.write")
    async def shifts_create_template(
        self, info: Info, input: ShiftsCreateTemplateInput
    ) -> ShiftsTemplatePayload:
        async def act():
            return await setup.create_template(
                property_id=decode_id(input.property_id, "propertyId"),
                code=input.code,
                name=input.name,
                department=input.department,
                skill=input.skill,
                start_time=input.start_time,
                end_time=input.end_time,
                min_staff=input.min_staff,
            )

        return await run_mutation(ShiftsTemplatePayload, "template", act)

    @secure_mutation(permission="shifts.setup.write")
    async def shifts_update_template(
        self, info: Info, input: ShiftsUpdateTemplateInput
    ) -> ShiftsTemplatePayload:
        async def act():
            changes = {"name": input.name, "min_staff": input.min_staff, "active": input.active}
            return await setup.update_template(decode_id(input.template_id, "templateId"), changes)

        return await run_mutation(ShiftsTemplatePayload, "template", act)

    @secure_mutation(permission="shifts.setup.write")
    async def shifts_set_labour_rules(
        self, info: Info, input: ShiftsSetLabourRulesInput
    ) -> ShiftsSetLabourRulesPayload:
        async def act():
            values = {
                key: getattr(input, key)
                for key in setup.RULE_LIMITS
                if getattr(input, key) is not None
            }
            return await setup.set_labour_rules(decode_id(input.property_id, "propertyId"), values)

        return await run_mutation(ShiftsSetLabourRulesPayload, "labour_rules", act)

    @secure_mutation(permission="shifts.setup.write")
    async def shifts_add_demand_rule(
        self, info: Info, input: ShiftsAddDemandRuleInput
    ) -> ShiftsAddDemandRulePayload:
        async def act():
            return await setup.add_demand_rule(
                template_id=decode_id(input.template_id, "templateId"),
                metric=input.metric.value,
                kind=input.kind.value,
                threshold=input.threshold,
                staff=input.staff,
            )

        return await run_mutation(ShiftsAddDemandRulePayload, "demand_rule", act)

    @secure_mutation(
        permission="shifts.setup.write", scopes={"ruleId": DemandRule.template.property}
    )
    async def shifts_remove_demand_rule(
        self, info: Info, input: ShiftsRemoveDemandRuleInput
    ) -> ShiftsRemoveDemandRulePayload:
        async def act():
            removed = await setup.remove_demand_rule(decode_id(input.rule_id, "ruleId"))
            return strawberry.ID(str(removed))

        return await run_mutation(ShiftsRemoveDemandRulePayload, "removed_rule_id", act)

    @secure_mutation(permission="shifts.requests.write")
    async def shifts_request_time_off(
        self, info: Info, input: ShiftsRequestTimeOffInput
    ) -> ShiftsTimeOffPayload:
        async def act():
            return await staff.request_time_off(
                staff_id=decode_id(input.staff_id, "staffId"),
                kind=input.kind.value,
                starts_at=input.starts_at,
                ends_at=input.ends_at,
                reason=input.reason,
            )

        return await run_mutation(ShiftsTimeOffPayload, "time_off", act)

    @secure_mutation(permission="shifts.timeoff.approve")
    async def shifts_decide_time_off(
        self, info: Info, input: ShiftsDecideTimeOffInput
    ) -> ShiftsTimeOffPayload:
        async def act():
            return await staff.decide_time_off(
                time_off_id=decode_id(input.time_off_id, "timeOffId"),
                approve=input.approve,
                actor=info.context.actor,
            )

        return await run_mutation(ShiftsTimeOffPayload, "time_off", act)

    @secure_mutation(permission="shifts.requests.write")
    async def shifts_set_preference(
        self, info: Info, input: ShiftsSetPreferenceInput
    ) -> ShiftsStaffMemberPayload:
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
