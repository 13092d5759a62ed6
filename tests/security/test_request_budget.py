"""A request that outlasts its time budget is stopped and refused, so no request holds a
server process. The budget here is 1 ms: any request touching the database spends more."""

from __future__ import annotations

import pytest

from frontdesk.core.settings import Settings


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    return Settings(
        database_url=database_url,
        plugins=enabled_plugins,
        dev_mode=False,
        connection_pool=False,
        request_budget_ms=1,
    )


async def test_a_request_past_its_time_budget_is_refused(gql):
    response = await gql.raw("{ properties { nodes { id name code } } }")
    body = response.json()
    codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
    assert "TIME_BUDGET_EXCEEDED" in codes
    assert response.status_code in {200, 503}
    assert not body.get("data")
