"""Fixtures for access-control tests: staff users and two hotels (A and B) so cross-property
access can be tried (``client_for``, a client per role and property, comes from the kit)."""

from __future__ import annotations

import pytest
from support.hotel import Hotel, build_hotel

PASSWORD = "correct horse battery"


@pytest.fixture
def create_user(gql):
    """``await create_user("ana", "front_desk")``: a staff user with PASSWORD, every property."""

    async def make(username: str, *roles: str, properties: list[str] | None = None) -> dict:
        payload = await gql.ok(
            "createUser",
            {
                "username": username,
                "displayName": username.title(),
                "password": PASSWORD,
                "roles": list(roles),
                "propertyIds": properties or [],
                "allProperties": properties is None,
            },
            "user { id username }",
        )
        return payload["user"]

    return make


@pytest.fixture
async def hotel_a(gql) -> Hotel:
    return await build_hotel(gql, code="A", doubles=2, suites=0, guests=2)


@pytest.fixture
async def hotel_b(gql) -> Hotel:
    return await build_hotel(gql, code="B", doubles=2, suites=0, guests=2)
