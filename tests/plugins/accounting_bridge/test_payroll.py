"""Payroll link: with hr_shifts enabled, approved hours book labour cost against accrued
wages; each plugin still works alone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from accounting_books import entries, postings, trial_balance
from support.hotel import build_hotel


@pytest.fixture
def enabled_plugins():
    return ["accounting_bridge", "hr_shifts"]


async def _staff(gql, property_id: str, wage: str | None) -> str:
    made = await gql.ok(
        "shiftsCreateStaffMember",
        {
            "propertyId": property_id,
            "name": "Ana",
            "departments": ["front_desk"],
            "skills": ["reception"],
            "hourlyWage": wage,
        },
        "staffMember { id }",
    )
    return made["staffMember"]["id"]


async def _work_and_approve(gql, staff_id: str) -> None:
    opened = await gql.ok(
        "shiftsClockIn",
        {"staffId": staff_id, "at": "2026-12-07T07:00:00+01:00"},
        "timeEntry { id }",
    )
    await gql.ok(
        "shiftsClockOut",
        {
            "entryId": opened["timeEntry"]["id"],
            "at": "2026-12-07T15:30:00+01:00",
            "breakMinutes": 30,
        },
        "timeEntry { id }",
    )
    await gql.ok(
        "shiftsApproveHours",
        {"staffId": staff_id, "periodStart": "2026-12-07", "periodEnd": "2026-12-07"},
        "timeEntries { id }",
    )


async def test_approved_hours_accrue_labour_cost(gql):
    hotel = await build_hotel(gql)
    await _work_and_approve(gql, await _staff(gql, hotel.property_id, "15.50"))
    [entry] = await entries(gql, hotel.property_id, src="payroll_accrual")
    assert postings(entry) == {"6000": Decimal("124.00"), "2400": Decimal("-124.00")}  # 8 h
    assert (await trial_balance(gql, hotel.property_id))["balanced"] is True


async def test_hours_without_a_wage_book_nothing(gql):
    hotel = await build_hotel(gql)
    await _work_and_approve(gql, await _staff(gql, hotel.property_id, None))
    assert await entries(gql, hotel.property_id) == []
