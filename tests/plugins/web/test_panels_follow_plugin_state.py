"""The web desk's panels follow the plugins' state per property (issue #23): a plugin turned
off for every hotel a clerk works for shows that clerk no panel; others still see it."""

from __future__ import annotations

import pytest
from support.hotel import build_hotel


@pytest.fixture
def enabled_plugins():
    return ["concierge", "web"]


async def _panels(http, client) -> list[str]:
    answer = await http.get("/plugins/web/panels.json", headers=client.headers)
    assert answer.status_code == 200
    return [panel["id"] for panel in answer.json()]


async def test_a_panel_shows_only_where_its_plugin_is_on(http, gql, client_for):
    lisbon = await build_hotel(gql, code="LIS")
    berlin = await build_hotel(gql, code="BER")
    in_berlin = await client_for("concierge", properties=[berlin.property_id])
    in_lisbon = await client_for("concierge", properties=[lisbon.property_id])
    assert await _panels(http, in_berlin) == ["concierge"]
    await gql.ok(
        "pluginDisable",
        {"plugin": "concierge", "propertyId": berlin.property_id},
        "states { enabled }",
    )
    assert await _panels(http, in_berlin) == []
    assert await _panels(http, in_lisbon) == ["concierge"]
    assert await _panels(http, gql) == ["concierge"]  # an admin works for both
