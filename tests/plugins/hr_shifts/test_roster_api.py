"""Specifications for generating, checking and publishing rosters through the API."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar

MONDAY = date(2026, 12, 7)
TWO_WEEKS = MONDAY + timedelta(days=14)


async def _team(shifts, count: int = 7) -> None:
    await shifts.standard_templates()
    for n in range(count):
        await shifts.add_staff(f"Agent {n}")


async def _time_off(shifts, name: str, start: str, end: str, *, approve=True, kind="TIME_OFF"):
    payload = await shifts.gql.ok(
        "shiftsRequestTimeOff",
        {"staffId": shifts.staff[name], "kind": kind, "startsAt": start, "endsAt": end},
        "timeOff { id status }",
    )
    if approve is not None:
        await shifts.gql.ok(
            "shiftsDecideTimeOff",
            {"timeOffId": payload["timeOff"]["id"], "approve": approve},
            "timeOff { status }",
        )
    return payload["timeOff"]["id"]


async def test_a_generated_roster_covers_every_shift_and_breaks_no_rule(shifts, recorder):
    await _team(shifts)
    await _time_off(shifts, "Agent 0", "2026-12-09T00:00:00", "2026-12-12T00:00:00")

    roster = await shifts.generate(MONDAY, TWO_WEEKS)

    assert roster["status"] == "DRAFT"
    assert roster["solverStatus"] in ("optimal", "feasible")
    assert roster["conflicts"] == []
    assert roster["violations"] == []
    per_shift = {}
    for a in roster["assignments"]:
        per_shift.setdefault((a["day"], a["template"]["code"]), []).append(a["staff"]["name"])
    assert len(per_shift) == 14 * 3
    agent0 = {
        (a["day"], a["template"]["code"])
        for a in roster["assignments"]
        if a["staff"]["name"] == "Agent 0"
    }
    assert not {d for d, _ in agent0} & {"2026-12-09", "2026-12-10", "2026-12-11"}
    assert ("2026-12-08", "NIGHT") not in agent0  # would run into the time off


async def test_publishing_notifies_plugins_and_shows_full_coverage(shifts, recorder):
    await _team(shifts)
    roster = await shifts.generate(MONDAY, TWO_WEEKS)

    published = await shifts.publish(roster["id"])
    again = await shifts.gql.mutate(
        "shiftsPublishRoster", {"rosterId": roster["id"]}, "roster { id }"
    )

    assert published["status"] == "PUBLISHED"
    assert recorder.published == [
        {"roster": int(roster["id"]), "assignments": len(roster["assignments"]), "superseded": []}
    ]
    assert again["errors"][0]["code"] == "INVALID_TRANSITION"
    lines = await shifts.coverage(MONDAY, TWO_WEEKS)
    assert len(lines) == 42
    assert all(line["gap"] == 0 and line["rostered"] >= line["required"] == 1 for line in lines)


async def test_a_roster_nobody_can_staff_names_the_conflict(shifts):
    await shifts.add_template(
        "LATE", datetime(2026, 1, 1, 15).time(), datetime(2026, 1, 1, 23).time(), min_staff=2
    )
    await shifts.add_staff("Only One")

    roster = await shifts.generate(date(2026, 12, 24), date(2026, 12, 25))

    assert roster["solverStatus"] == "infeasible"
    assert roster["conflicts"] == [
        "late shift (LATE) on 2026-12-24 needs 2 front_desk staff, 1 available"
    ]
    assert len(roster["assignments"]) == 1, "the best roster found is still returned"
    assert [v["code"] for v in roster["violations"]] == ["UNDER_COVERED"]


async def test_approved_time_off_is_never_rostered_but_denied_time_off_is_ignored(shifts):
    await shifts.standard_templates()
    await shifts.add_staff("Ana")
    await shifts.add_staff("Ben")
    await shifts.add_staff("Cleo")
    await shifts.add_staff("Dan")
    await _time_off(shifts, "Ana", "2026-12-07T00:00:00", "2026-12-10T00:00:00")
    await _time_off(shifts, "Ben", "2026-12-07T00:00:00", "2026-12-10T00:00:00", approve=False)

    roster = await shifts.generate(MONDAY, MONDAY + timedelta(days=3))

    names = {a["staff"]["name"] for a in roster["assignments"]}
    assert "Ana" not in names
    assert "Ben" in names, "with Ana away, three shifts a day need Ben, Cleo and Dan"
    assert roster["violations"] == []


async def test_too_short_a_range_or_too_long_a_range_is_refused(shifts):
    await _team(shifts, 1)
    payload = await shifts.gql.mutate(
        "shiftsGenerateRoster",
        {"propertyId": shifts.hotel.property_id, "startsOn": "2026-12-01", "endsOn": "2027-01-31"},
        "roster { id }",
    )
    assert payload["errors"][0]["field"] == "endsOn"
    listing = await shifts.gql.execute(
        "query($p: ID!) { shiftsRosters(propertyId: $p) { nodes { id } } }",
        {"p": shifts.hotel.property_id},
    )
    assert listing["shiftsRosters"]["nodes"] == []


async def test_a_published_roster_is_a_valid_icalendar_feed_per_person(shifts):
    await _team(shifts, 4)
    roster = await shifts.generate(MONDAY, MONDAY + timedelta(days=2))
    await shifts.publish(roster["id"])
    ana = shifts.staff["Agent 0"]
    mine = [a for a in roster["assignments"] if a["staff"]["id"] == ana]

    data = await shifts.gql.execute(
        "query($s: ID!) { shiftsStaffCalendar(staffId: $s) }", {"s": ana}
    )

    calendar = icalendar.Calendar.from_ical(data["shiftsStaffCalendar"])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(mine) > 0
    starts = {"EARLY": "06:00", "LATE": "14:00", "NIGHT": "22:00"}  # Berlin in winter is UTC+1
    for event, shift in zip(
        sorted(events, key=lambda e: e["dtstart"].dt),
        sorted(mine, key=lambda a: (a["day"], a["template"]["code"])),
        strict=True,
    ):
        assert event["dtstart"].dt.strftime("%H:%M") == starts[shift["template"]["code"]]
        assert (event["dtend"].dt - event["dtstart"].dt) == timedelta(hours=8)
