"""Specifications for hand edits and swaps: every change is checked against the rules."""

from __future__ import annotations

from datetime import date, time

MONDAY = date(2026, 12, 7)
EDIT = "roster { id } assignment { id day staff { name } } violations { code message }"


async def _empty_roster(shifts) -> str:
    """Templates nobody is required on, so the solver leaves the roster to the manager."""
    await shifts.add_template("EARLY", time(7), time(15), min_staff=0)
    await shifts.add_template("LATE", time(15), time(23), min_staff=0)
    await shifts.add_template("PORT", time(8), time(16), min_staff=0, skill="porter")
    await shifts.add_staff("Ana")
    await shifts.add_staff("Ben")
    roster = await shifts.generate(MONDAY, date(2026, 12, 14))
    assert roster["assignments"] == []
    return roster["id"]


async def _generate_for(shifts, names: list[str], end: date) -> dict:
    payload = await shifts.gql.ok(
        "shiftsGenerateRoster",
        {
            "propertyId": shifts.hotel.property_id,
            "startsOn": MONDAY.isoformat(),
            "endsOn": end.isoformat(),
            "staffIds": [shifts.staff[n] for n in names],
        },
        "roster { id assignments { id day staff { name } } }",
    )
    return payload["roster"]


def _assign(roster_id, shifts, name, code, day, **extra) -> dict:
    return {
        "rosterId": roster_id,
        "staffId": shifts.staff[name],
        "templateId": shifts.templates[code],
        "day": day,
        **extra,
    }


async def test_an_edit_that_breaks_the_rest_rule_is_refused_and_not_written(shifts):
    roster_id = await _empty_roster(shifts)
    await shifts.gql.ok(
        "shiftsAssign", _assign(roster_id, shifts, "Ana", "LATE", "2026-12-07"), EDIT
    )

    refused = await shifts.gql.mutate(
        "shiftsAssign", _assign(roster_id, shifts, "Ana", "EARLY", "2026-12-08"), EDIT
    )

    assert refused["assignment"] is None
    assert [e["code"] for e in refused["errors"]] == ["REST_TOO_SHORT"]
    assert "only 480 minutes rest" in refused["errors"][0]["message"]
    assert len((await shifts.roster(roster_id))["assignments"]) == 1


async def test_a_manager_may_accept_a_labour_rule_violation_and_sees_it_listed(shifts):
    roster_id = await _empty_roster(shifts)
    await shifts.gql.ok(
        "shiftsAssign", _assign(roster_id, shifts, "Ana", "LATE", "2026-12-07"), EDIT
    )

    accepted = await shifts.gql.ok(
        "shiftsAssign",
        _assign(roster_id, shifts, "Ana", "EARLY", "2026-12-08", acceptViolations=True),
        EDIT,
    )

    assert accepted["assignment"]["staff"]["name"] == "Ana"
    assert [v["code"] for v in accepted["violations"]] == ["REST_TOO_SHORT"]


async def test_time_off_cannot_be_overridden_even_when_accepting_violations(shifts):
    roster_id = await _empty_roster(shifts)
    request = await shifts.gql.ok(
        "shiftsRequestTimeOff",
        {
            "staffId": shifts.staff["Ben"],
            "kind": "TIME_OFF",
            "startsAt": "2026-12-09T00:00:00",
            "endsAt": "2026-12-10T00:00:00",
        },
        "timeOff { id }",
    )
    await shifts.gql.ok(
        "shiftsDecideTimeOff",
        {"timeOffId": request["timeOff"]["id"], "approve": True},
        "timeOff { status }",
    )

    refused = await shifts.gql.mutate(
        "shiftsAssign",
        _assign(roster_id, shifts, "Ben", "EARLY", "2026-12-09", acceptViolations=True),
        EDIT,
    )

    assert [e["code"] for e in refused["errors"]] == ["UNAVAILABLE"]


async def test_missing_skill_and_days_outside_the_roster_are_reported(shifts):
    roster_id = await _empty_roster(shifts)
    no_skill = await shifts.gql.mutate(
        "shiftsAssign", _assign(roster_id, shifts, "Ana", "PORT", "2026-12-08"), EDIT
    )
    outside = await shifts.gql.mutate(
        "shiftsAssign", _assign(roster_id, shifts, "Ana", "EARLY", "2026-12-14"), EDIT
    )
    assert [e["code"] for e in no_skill["errors"]] == ["SKILL_MISSING"]
    assert outside["errors"][0]["field"] == "day"


async def test_removing_a_required_shift_shows_the_coverage_gap(shifts):
    await shifts.add_template("LATE", time(15), time(23), min_staff=1)
    await shifts.add_staff("Ana")
    roster = await shifts.generate(MONDAY, date(2026, 12, 8))
    assignment_id = roster["assignments"][0]["id"]

    payload = await shifts.gql.ok("shiftsUnassign", {"assignmentId": assignment_id}, EDIT)

    assert [v["code"] for v in payload["violations"]] == ["UNDER_COVERED"]
    assert (
        payload["violations"][0]["message"]
        == "late shift (LATE) on 2026-12-07 has 0 of 1 front_desk staff"
    )


async def test_an_approved_swap_moves_a_published_shift_to_the_colleague(shifts):
    await shifts.add_template("LATE", time(15), time(23), min_staff=1)
    await shifts.add_staff("Ana")
    await shifts.add_staff("Ben")
    roster = await _generate_for(shifts, ["Ana"], date(2026, 12, 8))
    await shifts.publish(roster["id"])
    shift = roster["assignments"][0]
    assert shift["staff"]["name"] == "Ana"
    other = "Ben"

    swap = await shifts.gql.ok(
        "shiftsRequestSwap",
        {"assignmentId": shift["id"], "toStaffId": shifts.staff[other], "note": "dentist"},
        "swapRequest { id status }",
    )
    decided = await shifts.gql.ok(
        "shiftsDecideSwap",
        {"swapId": swap["swapRequest"]["id"], "approve": True},
        "swapRequest { status assignment { staff { name } } }",
    )

    assert decided["swapRequest"]["status"] == "APPROVED"
    assert decided["swapRequest"]["assignment"]["staff"]["name"] == other
    published = await shifts.gql.execute(
        'query($p: ID!) { shiftsPublishedShifts(propertyId: $p, start: "2026-12-07", '
        'end: "2026-12-08") { staff { name } } }',
        {"p": shifts.hotel.property_id},
    )
    assert published["shiftsPublishedShifts"] == [{"staff": {"name": other}}]


async def test_a_swap_that_would_break_the_colleagues_rest_is_refused(shifts):
    await shifts.add_template("EARLY", time(7), time(15), min_staff=1)
    await shifts.add_template("LATE", time(15), time(23), min_staff=0)
    await shifts.add_staff("Ana")
    await shifts.add_staff("Ben")
    roster = await _generate_for(shifts, ["Ana"], date(2026, 12, 9))
    early_on_8th = next(a for a in roster["assignments"] if a["day"] == "2026-12-08")
    colleague = "Ben"
    await shifts.gql.ok(
        "shiftsAssign", _assign(roster["id"], shifts, colleague, "LATE", "2026-12-07"), EDIT
    )
    await shifts.publish(roster["id"])
    swap = await shifts.gql.ok(
        "shiftsRequestSwap",
        {"assignmentId": early_on_8th["id"], "toStaffId": shifts.staff[colleague]},
        "swapRequest { id }",
    )

    decided = await shifts.gql.mutate(
        "shiftsDecideSwap",
        {"swapId": swap["swapRequest"]["id"], "approve": True},
        "swapRequest { status }",
    )

    assert decided["errors"][0]["code"] == "RULE_VIOLATION"
    assert "rest" in decided["errors"][0]["message"]
