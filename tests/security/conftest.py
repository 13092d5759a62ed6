"""Fixtures for access-control tests: API-key clients per role and property, and two hotels
(A and B) so cross-property access can be tried."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from support.graphql_client import GraphQLClient
from support.hotel import Hotel, build_hotel

PASSWORD = "correct horse battery"
ClientFactory = Callable[..., Awaitable[GraphQLClient]]


@pytest.fixture
def client_for(http, gql) -> ClientFactory:
    """``await client_for("front_desk", properties=[id])``: a client with a fresh API key,
    created by the admin through the API (the app's own event loop owns the database pool)."""

    async def make(
        *roles: str,
        properties: list[str] | None = None,
        permissions: list[str] | None = None,
        expires_at: str | None = None,
    ) -> GraphQLClient:
        payload = await gql.ok(
            "createApiKey",
            {
                "name": f"{'+'.join(roles) or 'custom'} key",
                "roles": list(roles),
                "permissions": permissions,
                "propertyIds": properties or [],
                "allProperties": properties is None,
                "expiresAt": expires_at,
            },
            "key",
        )
        return GraphQLClient(http, headers={"Authorization": f"Bearer {payload['key']}"})

    return make


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
