"""Specification: wages are visible only with ``shifts.wages.read``.

The API enforces the permission the field declares (``secure_field``:
``ShiftsStaffMember.hourlyWage`` -> ``shifts.wages.read``); the resolver also hides the wage
from a caller that lacks the
permission. The schema is executed with a principal in the context, as the API does once a
caller is authenticated.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from frontdesk.core.auth.principal import Principal
from frontdesk.core.properties.service import create_property
from frontdesk.graphql.common.context import Context
from frontdesk.graphql.schema import build_schema
from frontdesk.plugins.hr_shifts import staff

QUERY = "query($id: ID!) { shiftsStaffMember(id: $id) { name hourlyWage { amount currency } } }"


def _principal(*permissions: str) -> Principal:
    return Principal("user", 1, "tester", frozenset(permissions), None)


@pytest.mark.parametrize(
    ("permissions", "expected"),
    [
        (("shifts.staff.read",), None),
        (("shifts.staff.read", "shifts.wages.read"), {"amount": "18.25", "currency": "EUR"}),
    ],
    ids=["without-wages-read", "with-wages-read"],
)
async def test_the_hourly_wage_is_null_without_the_wages_permission(runtime, permissions, expected):
    prop = await create_property(code="HQ", name="Hotel HQ")
    person = await staff.create_staff(
        property_id=prop.id,
        name="Ana",
        departments=[],
        skills=["front_desk"],
        hourly_wage=Decimal("18.25"),
    )
    schema = build_schema(runtime.plugin_manager, dev_mode=True)
    context = Context(settings=runtime.settings, principal=_principal(*permissions))

    result = await schema.execute(QUERY, {"id": str(person.id)}, context_value=context)

    assert result.errors is None
    assert result.data["shiftsStaffMember"] == {"name": "Ana", "hourlyWage": expected}
