"""hr_shifts tests run with the plugin alone and with every plugin; the pure solver tests
(test_solver, test_rules, test_ical) use no database and ignore these fixtures.

``shifts`` drives the plugin through the public GraphQL API, like a manager would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

import pytest
from support.hotel import Hotel, build_hotel

from frontdesk.core import runtime
from frontdesk.core.plugins import hookimpl
from frontdesk.testing import BUILTIN_PLUGINS

SOLVER_SECONDS = "3"


@pytest.fixture(params=[["hr_shifts"], BUILTIN_PLUGINS], ids=["hr_shifts-alone", "all-plugins"])
def enabled_plugins(request):
    return request.param


@pytest.fixture(autouse=True)
def short_solves(monkeypatch):
    """Keep CP-SAT runs short on the shared 2-core machine."""
    monkeypatch.setenv("FRONTDESK_HR_SHIFTS_SOLVER_TIME_LIMIT_SECONDS", SOLVER_SECONDS)


class Recorder:
    """A plugin that remembers the hr_shifts hooks it sees (called in transaction)."""

    def __init__(self) -> None:
        self.published: list[dict] = []
        self.approved: list[dict] = []

    @hookimpl
    def frontdesk_shifts_roster_published(self, roster, assignments, superseded, actor):
        self.published.append(
            {"roster": roster.id, "assignments": len(assignments), "superseded": superseded}
        )

    @hookimpl
    def frontdesk_shifts_hours_approved(
        self, staff, entries, period_start, period_end, minutes, overtime_minutes, amount, currency
    ):
        self.approved.append(
            {
                "staff": staff.id,
                "entries": len(entries),
                "minutes": minutes,
                "overtime": overtime_minutes,
                "amount": amount,
                "currency": currency,
            }
        )


@pytest.fixture
def recorder(app) -> Recorder:
    found = Recorder()
    runtime.current().plugin_manager.register(found, name="hr-shifts-test-recorder")
    return found


STAFF_FIELDS = "id name skills departments weeklyTargetMinutes hourlyWage { amount }"
ROSTER_FIELDS = (
    "id status solverStatus solverGap conflicts startsOn endsOn "
    "assignments { id day staff { id name } template { id code } } "
    "violations { code message staffId day templateId }"
)


@dataclass
class Shifts:
    gql: object
    hotel: Hotel
    templates: dict[str, str] = field(default_factory=dict)
    staff: dict[str, str] = field(default_factory=dict)

    async def add_staff(self, name: str, skills=("front_desk",), **extra) -> str:
        payload = await self.gql.ok(
            "shiftsCreateStaffMember",
            {
                "propertyId": self.hotel.property_id,
                "name": name,
                "departments": ["front_office"],
                "skills": list(skills),
                **extra,
            },
            f"staffMember {{ {STAFF_FIELDS} }}",
        )
        self.staff[name] = payload["staffMember"]["id"]
        return self.staff[name]

    async def add_template(
        self, code: str, start: time, end: time, *, min_staff=1, skill="front_desk", name=None
    ) -> str:
        payload = await self.gql.ok(
            "shiftsCreateTemplate",
            {
                "propertyId": self.hotel.property_id,
                "code": code,
                "name": name or code.title(),
                "department": "front_office",
                "skill": skill,
                "startTime": start.isoformat(),
                "endTime": end.isoformat(),
                "minStaff": min_staff,
            },
            "template { id code }",
        )
        self.templates[code] = payload["template"]["id"]
        return self.templates[code]

    async def standard_templates(self, min_staff: int = 1) -> None:
        await self.add_template("EARLY", time(7), time(15), min_staff=min_staff)
        await self.add_template("LATE", time(15), time(23), min_staff=min_staff)
        await self.add_template("NIGHT", time(23), time(7), min_staff=min_staff)

    async def generate(self, start: date, end: date) -> dict:
        payload = await self.gql.ok(
            "shiftsGenerateRoster",
            {
                "propertyId": self.hotel.property_id,
                "startsOn": start.isoformat(),
                "endsOn": end.isoformat(),
            },
            f"roster {{ {ROSTER_FIELDS} }}",
        )
        return payload["roster"]

    async def publish(self, roster_id: str) -> dict:
        payload = await self.gql.ok(
            "shiftsPublishRoster", {"rosterId": roster_id}, "roster { id status publishedAt }"
        )
        return payload["roster"]

    async def roster(self, roster_id: str) -> dict:
        query = f"query($id: ID!) {{ shiftsRoster(id: $id) {{ {ROSTER_FIELDS} }} }}"
        return (await self.gql.execute(query, {"id": roster_id}))["shiftsRoster"]

    async def coverage(self, start: date, end: date) -> list[dict]:
        query = """query($p: ID!, $s: Date!, $e: Date!) {
          shiftsCoverage(propertyId: $p, start: $s, end: $e) {
            day template { code } minimum scaled required rostered gap reasons } }"""
        data = await self.gql.execute(
            query, {"p": self.hotel.property_id, "s": start.isoformat(), "e": end.isoformat()}
        )
        return data["shiftsCoverage"]


@pytest.fixture
async def shifts(gql) -> Shifts:
    hotel = await build_hotel(gql, doubles=4, suites=1, guests=2)
    return Shifts(gql, hotel)


__all__ = ["Shifts", "Recorder"]


@pytest.fixture
async def busy_shifts(gql) -> Shifts:
    """A hotel with 30 doubles, big enough for a day of 30 arrivals."""
    hotel = await build_hotel(gql, code="BIG", doubles=30, suites=0, guests=1)
    return Shifts(gql, hotel)
