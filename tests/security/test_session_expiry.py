"""An access token stops working when its lifetime ends (here: a lifetime of zero)."""

from __future__ import annotations

import pytest
from security.conftest import PASSWORD

from frontdesk.core.settings import Settings
from frontdesk.testing.client import GraphQLClient


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    return Settings(
        database_url=database_url, plugins=enabled_plugins, dev_mode=True, session_ttl_minutes=0
    )


async def test_an_expired_access_token_is_refused_but_can_be_refreshed(
    anonymous_gql, http, create_user
):
    await create_user("ana", "front_desk")
    login = await anonymous_gql.mutate(
        "login", {"username": "ana", "password": PASSWORD}, "session { accessToken refreshToken }"
    )
    expired = GraphQLClient(http, {"Authorization": f"Bearer {login['session']['accessToken']}"})
    assert (await expired.raw("{ me { name } }")).status_code == 401
    refreshed = await anonymous_gql.mutate(
        "refreshSession",
        {"refreshToken": login["session"]["refreshToken"]},
        "session { accessToken }",
    )
    assert refreshed["errors"] == [] and refreshed["session"]["accessToken"]
