"""The concierge adds its part to the demo through frontdesk_demo_load: requests of
in-house guests and service bookings at every demo property."""

from __future__ import annotations

from frontdesk.core.properties.tables import Property
from frontdesk.plugins.concierge.tables import ConciergeBooking, ConciergeRequest
from frontdesk.server.demo import load_demo


async def test_every_demo_property_has_concierge_requests_and_bookings(runtime):
    lines = await load_demo(runtime)
    for prop in await Property.objects():
        requests = await ConciergeRequest.objects().where(ConciergeRequest.property == prop.id)
        assert len(requests) >= 5
        assert {"open", "assigned", "done"} <= {r.status for r in requests}
        assert await ConciergeBooking.count().where(ConciergeBooking.property == prop.id) > 0
    assert any("concierge requests" in line for line in lines)
