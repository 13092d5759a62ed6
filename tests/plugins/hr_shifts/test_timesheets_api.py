"""Specifications for clocking in and out, approval, overtime and the payroll export."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

ENTRY = "timeEntry { id status workedMinutes clockIn clockOut breakMinutes }"


async def _worked(shifts, name: str, day: str, start: str, end: str, break_minutes=0) -> dict:
    opened = await shifts.gql.ok(
        "shiftsClockIn",
        {"staffId": shifts.staff[name], "at": f"{day}T{start}:00+01:00"},
        ENTRY,
    )
    closed = await shifts.gql.ok(
        "shiftsClockOut",
        {
            "entryId": opened["timeEntry"]["id"],
            "at": f"{day}T{end}:00+01:00",
            "breakMinutes": break_minutes,
        },
        ENTRY,
    )
    return closed["timeEntry"]


async def _approve(shifts, name: str, start: str, end: str) -> dict:
    return await shifts.gql.mutate(
        "shiftsApproveHours",
        {"staffId": shifts.staff[name], "periodStart": start, "periodEnd": end},
        "timeEntries { id status }",
    )


async def test_a_closed_entry_counts_its_minutes_net_of_the_break(shifts):
    await shifts.add_staff("Ana")
    entry = await _worked(shifts, "Ana", "2026-12-07", "07:00", "15:30", break_minutes=30)
    assert entry["status"] == "CLOSED"
    assert entry["workedMinutes"] == 480


async def test_clocking_in_twice_and_clocking_out_before_in_are_refused(shifts):
    await shifts.add_staff("Ana")
    opened = await shifts.gql.ok(
        "shiftsClockIn",
        {"staffId": shifts.staff["Ana"], "at": "2026-12-07T07:00:00+01:00"},
        ENTRY,
    )
    twice = await shifts.gql.mutate(
        "shiftsClockIn",
        {"staffId": shifts.staff["Ana"], "at": "2026-12-07T07:05:00+01:00"},
        ENTRY,
    )
    backwards = await shifts.gql.mutate(
        "shiftsClockOut",
        {"entryId": opened["timeEntry"]["id"], "at": "2026-12-07T06:00:00+01:00"},
        ENTRY,
    )
    assert twice["errors"][0]["code"] == "CONFLICT"
    assert backwards["errors"][0]["field"] == "at"


async def test_approving_a_week_reports_hours_and_overtime_to_plugins(shifts, recorder):
    await shifts.add_staff("Ana", hourlyWage="20.00", weeklyTargetMinutes=2400)
    for day in ("07", "08", "09", "10", "11"):  # 5 x 9 h = 45 h against a 40 h contract
        await _worked(shifts, "Ana", f"2026-12-{day}", "07:00", "16:30", break_minutes=30)
    open_next_week = await _worked(shifts, "Ana", "2026-12-14", "07:00", "15:00")

    payload = await _approve(shifts, "Ana", "2026-12-07", "2026-12-13")

    assert len(payload["timeEntries"]) == 5
    assert {e["status"] for e in payload["timeEntries"]} == {"APPROVED"}
    assert recorder.approved == [
        {
            "staff": int(shifts.staff["Ana"]),
            "entries": 5,
            "minutes": 2700,
            "overtime": 300,
            "amount": Decimal("900.00"),
            "currency": "EUR",
        }
    ]
    assert open_next_week["status"] == "CLOSED"


async def test_a_period_without_closed_entries_cannot_be_approved(shifts, recorder):
    await shifts.add_staff("Ana")
    payload = await _approve(shifts, "Ana", "2026-12-07", "2026-12-13")
    assert payload["errors"][0]["field"] == "periodStart"
    assert recorder.approved == []


async def test_payroll_hours_add_up_across_people_and_periods(shifts):
    await shifts.add_staff("Ana", hourlyWage="20.00", weeklyTargetMinutes=600)
    await shifts.add_staff("Ben", hourlyWage="15.50")
    await _worked(shifts, "Ana", "2026-12-07", "07:00", "15:00")  # 480
    await _worked(shifts, "Ana", "2026-12-08", "07:00", "15:00")  # 480: 360 over target
    await _worked(shifts, "Ben", "2026-12-08", "15:00", "23:30", break_minutes=30)  # 480
    await _worked(shifts, "Ben", "2026-12-09", "15:00", "18:00")  # 180, not approved
    await _approve(shifts, "Ana", "2026-12-07", "2026-12-08")
    await _approve(shifts, "Ben", "2026-12-08", "2026-12-08")

    data = await shifts.gql.execute(
        """query($p: ID!) {
          lines: shiftsPayroll(propertyId: $p, start: "2026-12-07", end: "2026-12-13") {
            staff { name } minutes regularMinutes overtimeMinutes currency
            amount { amount currency } }
          first: shiftsPayroll(propertyId: $p, start: "2026-12-07", end: "2026-12-07") { minutes }
          second: shiftsPayroll(propertyId: $p, start: "2026-12-08", end: "2026-12-13") {
            minutes overtimeMinutes }
          csv: shiftsPayrollCsv(propertyId: $p, start: "2026-12-07", end: "2026-12-13")
        }""",
        {"p": shifts.hotel.property_id},
    )

    assert data["lines"] == [
        {
            "staff": {"name": "Ana"},
            "minutes": 960,
            "regularMinutes": 600,
            "overtimeMinutes": 360,
            "amount": {"amount": "320.00", "currency": "EUR"},
            "currency": "EUR",
        },
        {
            "staff": {"name": "Ben"},
            "minutes": 480,
            "regularMinutes": 480,
            "overtimeMinutes": 0,
            "amount": {"amount": "124.00", "currency": "EUR"},
            "currency": "EUR",
        },
    ]
    split = sum(line["minutes"] for line in data["first"] + data["second"])
    assert split == 960 + 480
    assert sum(line["overtimeMinutes"] for line in data["second"]) == 360
    rows = list(csv.DictReader(io.StringIO(data["csv"])))
    assert [
        (r["name"], r["approved_hours"], r["overtime_hours"], r["gross_amount"]) for r in rows
    ] == [("Ana", "16.00", "6.00", "320.00"), ("Ben", "8.00", "0.00", "124.00")]
