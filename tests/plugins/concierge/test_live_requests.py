"""A plugin's events go live the documented way (``events.publish`` inside its write, its
``event_permissions``; docs/live.md): the concierge requests board updates by itself."""

from __future__ import annotations

import pytest
from support.hotel import build_hotel
from support.live import http_client, subscriber

REQUESTS = (
    'subscription($p: ID!) { events(propertyId: $p, types: ["concierge"]) { name subjectId } }'
)


@pytest.fixture
def enabled_plugins():
    """The plugin alone: one server process per test is what costs here."""
    return ["concierge"]


async def test_a_new_request_reaches_the_concierge_board_subscriber(
    live_server, database_url, admin_key
):
    server = live_server(database_url=database_url, migrate=False, plugins="concierge")
    async with http_client(server.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="CR", doubles=1, suites=0, guests=0)
        key = await admin.ok(
            "createApiKey",
            {"name": "concierge", "roles": ["concierge"], "propertyIds": [hotel.property_id]},
            "key",
        )
        async with subscriber(server.base_url, key["key"]) as sub:
            await sub.subscribe(REQUESTS, {"p": hotel.property_id})
            created = await admin.ok(
                "createConciergeRequest",
                {"propertyId": hotel.property_id, "type": "LUGGAGE", "description": "Bags"},
                "request { id }",
            )
            message = await sub.receive()  # within DELIVERY_SECONDS
    assert message["payload"]["data"]["events"] == {
        "name": "concierge.request_changed",
        "subjectId": created["request"]["id"],
    }
