"""Specifications for staff, templates and labour rules through the API."""

from __future__ import annotations

from datetime import time

from frontdesk.core.plugins import create_plugin_manager
from frontdesk.graphql.schema import build_schema


def test_disabled_plugin_leaves_no_trace_in_the_schema():
    assert "Shifts" not in build_schema(create_plugin_manager([])).as_str()
    assert "shiftsGenerateRoster" in build_schema(create_plugin_manager(["hr_shifts"])).as_str()


def test_every_plugin_field_declares_a_permission():
    from frontdesk.plugins.hr_shifts.permissions import PERMISSIONS

    schema = build_schema(create_plugin_manager(["hr_shifts"]))
    declared = schema.security_policy.field_permissions  # read from the fields themselves
    plugin_fields = {
        f"{root}.{name}"
        for root, type_ in (
            ("Query", schema._schema.query_type),
            ("Mutation", schema._schema.mutation_type),
        )
        for name in type_.fields
        if name.startswith("shifts")
    }
    assert plugin_fields <= set(declared)
    assert declared["ShiftsStaffMember.hourlyWage"] == "shifts.wages.read"
    assert declared["ShiftsPayrollLine.amount"] == "shifts.wages.read"
    assert {declared[key] for key in plugin_fields} <= {p.name for p in PERMISSIONS}


async def test_a_staff_member_is_created_with_skills_contract_and_wage(shifts):
    staff_id = await shifts.add_staff(
        "Ana Front",
        skills=["Front Desk", "night_audit"],
        hourlyWage="17.50",
        weeklyTargetMinutes=2100,
        weeklyMaxMinutes=2400,
        employmentStart="2026-01-01",
    )
    data = await shifts.gql.execute(
        "query($id: ID!) { shiftsStaffMember(id: $id) { name skills weeklyTargetMinutes "
        "employmentStart hourlyWage { amount currency } } }",
        {"id": staff_id},
    )
    assert data["shiftsStaffMember"] == {
        "name": "Ana Front",
        "skills": ["front_desk", "night_audit"],
        "weeklyTargetMinutes": 2100,
        "employmentStart": "2026-01-01",
        "hourlyWage": {"amount": "17.50", "currency": "EUR"},
    }


async def test_a_contract_whose_target_exceeds_its_maximum_is_refused_and_nothing_written(shifts):
    payload = await shifts.gql.mutate(
        "shiftsCreateStaffMember",
        {
            "propertyId": shifts.hotel.property_id,
            "name": "Bo",
            "departments": [],
            "skills": ["front_desk"],
            "weeklyTargetMinutes": 3000,
            "weeklyMaxMinutes": 2400,
        },
        "staffMember { id }",
    )
    assert payload["staffMember"] is None
    assert payload["errors"][0]["field"] == "weeklyTargetMinutes"
    listing = await shifts.gql.execute(
        "query($p: ID!) { shiftsStaff(propertyId: $p) { nodes { id } } }",
        {"p": shifts.hotel.property_id},
    )
    assert listing["shiftsStaff"]["nodes"] == []


async def test_bad_skills_and_wages_name_the_field(shifts):
    base = {"propertyId": shifts.hotel.property_id, "name": "Cy", "departments": []}
    bad_skill = await shifts.gql.mutate(
        "shiftsCreateStaffMember", {**base, "skills": ["front desk!"]}, "staffMember { id }"
    )
    negative_wage = await shifts.gql.mutate(
        "shiftsCreateStaffMember",
        {**base, "skills": ["porter"], "hourlyWage": "-1"},
        "staffMember { id }",
    )
    assert bad_skill["errors"][0]["field"] == "skills"
    assert negative_wage["errors"][0]["field"] == "hourlyWage"


async def test_staff_can_be_listed_by_department(shifts):
    await shifts.add_staff("Desk", skills=["front_desk"])
    await shifts.gql.ok(
        "shiftsCreateStaffMember",
        {
            "propertyId": shifts.hotel.property_id,
            "name": "Porter",
            "departments": ["porters"],
            "skills": ["porter"],
        },
        "staffMember { id }",
    )
    data = await shifts.gql.execute(
        'query($p: ID!) { shiftsStaff(propertyId: $p, department: "porters") { nodes { name } } }',
        {"p": shifts.hotel.property_id},
    )
    assert [n["name"] for n in data["shiftsStaff"]["nodes"]] == ["Porter"]


async def test_template_codes_are_unique_per_property(shifts):
    await shifts.add_template("LATE", time(15), time(23))
    again = await shifts.gql.mutate(
        "shiftsCreateTemplate",
        {
            "propertyId": shifts.hotel.property_id,
            "code": "late",
            "name": "Late",
            "department": "front_office",
            "skill": "front_desk",
            "startTime": "14:00:00",
            "endTime": "22:00:00",
        },
        "template { id }",
    )
    assert again["errors"][0]["code"] == "CONFLICT"
    assert again["errors"][0]["field"] == "code"


async def test_a_template_ending_before_it_starts_is_a_night_shift(shifts):
    await shifts.add_template("NIGHT", time(23), time(7))
    data = await shifts.gql.execute(
        "query($p: ID!) { shiftsTemplates(propertyId: $p) { code durationMinutes isNight } }",
        {"p": shifts.hotel.property_id},
    )
    assert data["shiftsTemplates"] == [{"code": "NIGHT", "durationMinutes": 480, "isNight": True}]


async def test_labour_rules_default_to_the_documented_values_and_can_be_changed(shifts):
    query = (
        "query($p: ID!) { shiftsLabourRules(propertyId: $p) { maxMinutesPerDay "
        "maxMinutesPerWeek minRestMinutes maxConsecutiveDays minFreeDaysPerWeek } }"
    )
    before = await shifts.gql.execute(query, {"p": shifts.hotel.property_id})
    assert before["shiftsLabourRules"] == {
        "maxMinutesPerDay": 600,
        "maxMinutesPerWeek": 2880,
        "minRestMinutes": 660,
        "maxConsecutiveDays": 6,
        "minFreeDaysPerWeek": 1,
    }
    await shifts.gql.ok(
        "shiftsSetLabourRules",
        {"propertyId": shifts.hotel.property_id, "minRestMinutes": 720},
        "labourRules { minRestMinutes }",
    )
    refused = await shifts.gql.mutate(
        "shiftsSetLabourRules",
        {"propertyId": shifts.hotel.property_id, "maxConsecutiveDays": 0},
        "labourRules { minRestMinutes }",
    )
    after = await shifts.gql.execute(query, {"p": shifts.hotel.property_id})
    assert refused["errors"][0]["field"] == "maxConsecutiveDays"
    assert after["shiftsLabourRules"]["minRestMinutes"] == 720
    assert after["shiftsLabourRules"]["maxConsecutiveDays"] == 6


async def test_queries_answer_null_or_empty_for_unusable_arguments(shifts):
    data = await shifts.gql.execute(
        """query($p: ID!) {
          roster: shiftsRoster(id: "not-a-number") { id }
          staff: shiftsStaffMember(id: "-5") { id }
          rules: shiftsLabourRules(propertyId: "999999") { minRestMinutes }
          forecast: shiftsForecast(propertyId: $p, start: "2026-12-10", end: "2026-12-01") { day }
          calendar: shiftsStaffCalendar(staffId: "abc")
          payroll: shiftsPayrollCsv(propertyId: $p, start: "2026-12-10", end: "2026-12-01")
          shifts: shiftsPublishedShifts(propertyId: "x", start: "2026-12-01", end: "2026-12-02") {
            id }
        }""",
        {"p": shifts.hotel.property_id},
    )
    assert data == {
        "roster": None,
        "staff": None,
        "rules": None,
        "forecast": [],
        "calendar": None,
        "payroll": None,
        "shifts": [],
    }


async def test_an_unreadable_id_is_refused_naming_its_field(shifts):
    """Ids are decoded by the generic input mapping; the refusal names the GraphQL field,
    optional ids and id lists included."""
    staff_id = await shifts.add_staff("Di")
    base = {"propertyId": shifts.hotel.property_id, "name": "Ed", "departments": []}
    cases = [
        (
            "shiftsCreateStaffMember",
            {**base, "skills": [], "userId": "abc"},
            "staffMember",
            "userId",
        ),
        (
            "shiftsGenerateRoster",
            {
                "propertyId": shifts.hotel.property_id,
                "startsOn": "2026-03-02",
                "endsOn": "2026-03-09",
                "staffIds": [staff_id, "abc"],
            },
            "roster",
            "staffIds",
        ),
        (
            "shiftsClockIn",
            {"staffId": staff_id, "assignmentId": "abc"},
            "timeEntry",
            "assignmentId",
        ),
        (
            "shiftsRequestSwap",
            {"assignmentId": "0", "toStaffId": staff_id},
            "swapRequest",
            "assignmentId",
        ),
        ("shiftsDecideTimeOff", {"timeOffId": "x1", "approve": True}, "timeOff", "timeOffId"),
    ]
    for mutation, variables, result, field in cases:
        payload = await shifts.gql.mutate(mutation, variables, f"{result} {{ __typename }}")
        assert payload[result] is None, mutation
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID_INPUT", field)]
