"""A staff member's published shifts at a secret, revocable .ics URL that a phone's calendar
subscribes to (no bearer credential: the token in the URL is the credential)."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar

from frontdesk.plugins.hr_shifts.tables import CalendarFeed

MONDAY = date(2026, 12, 7)


async def create_feed(shifts, name: str) -> dict:
    return await shifts.gql.ok(
        "shiftsCreateCalendarFeed", {"staffId": shifts.staff[name]}, "url feed { id hint }"
    )


async def test_the_secret_url_serves_the_persons_published_shifts(shifts, http):
    await shifts.standard_templates()
    for n in range(4):
        await shifts.add_staff(f"Agent {n}")
    roster = await shifts.generate(MONDAY, MONDAY + timedelta(days=2))
    await shifts.publish(roster["id"])
    mine = [a for a in roster["assignments"] if a["staff"]["id"] == shifts.staff["Agent 0"]]
    feed = await create_feed(shifts, "Agent 0")
    response = await http.get(feed["url"])  # anonymous, like a phone's calendar
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "Shifts: Agent 0"
    assert len(list(calendar.walk("VEVENT"))) == len(mine) > 0


async def test_a_revoked_calendar_url_answers_404_and_the_token_is_kept_hashed(shifts, http):
    await shifts.add_staff("Agent 0")
    feed = await create_feed(shifts, "Agent 0")
    token = feed["url"].rsplit("/", 1)[1].removesuffix(".ics")
    assert (await CalendarFeed.objects().first()).token_hash != token
    await shifts.gql.ok("shiftsRevokeCalendarFeed", {"feedId": feed["feed"]["id"]}, "feed { id }")
    assert (await http.get(feed["url"])).status_code == 404
    assert (await http.get("/plugins/hr_shifts/calendar/fds_guess.ics")).status_code == 404
