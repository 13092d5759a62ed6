"""hr_shifts adds its part to the demo through frontdesk_demo_load: a team, shift templates
and a published roster covering today at every demo property."""

from __future__ import annotations

from frontdesk.core.properties.tables import Property
from frontdesk.plugins.hr_shifts.tables import Assignment, Roster
from frontdesk.server.demo import load_demo


async def test_every_demo_property_has_a_published_roster_covering_today(runtime):
    lines = await load_demo(runtime)
    for prop in await Property.objects():
        roster = (
            await Roster.objects()
            .where((Roster.property == prop.id) & (Roster.status == "published"))
            .first()
        )
        assert roster is not None
        assert roster.starts_on <= prop.business_date < roster.ends_on
        today = await Assignment.count().where(
            (Assignment.roster == roster.id) & (Assignment.day == prop.business_date)
        )
        assert today == 3  # early and late reception, housekeeping
    assert any("published" in line for line in lines)
