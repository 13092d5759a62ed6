"""The plugins' panels as workflows, with every plugin enabled: the accounting panel's export
downloaded as the API renders it; a draft roster published (swaps: test_roster_swaps.py); the
concierge's recommendations search, a service booking and an
event's guest list, with the API's refusals beside their fields."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from support.web_desk import Api, shoot, sign_in

PROPERTY = "1"
EXPORT = """query($p: ID!, $s: Date, $e: Date) { accountingExport(propertyId: $p, format: CSV,
  start: $s, end: $e) { filename text } }"""


def business_date(api: Api) -> str:
    return api.gql("query($p: ID!) { property(id: $p) { businessDate } }", {"p": PROPERTY})[
        "property"
    ]["businessDate"]


def open_panel(page, title: str) -> None:
    page.get_by_role("navigation").get_by_role("button", name=title).click()
    page.get_by_role("heading", name=title, exact=True).wait_for()


def test_an_accounting_export_downloads_the_file_the_api_renders(demo_server, page, tmp_path):
    api = Api(demo_server.base_url, "admin")
    today = business_date(api)
    sign_in(page, demo_server.base_url, "admin")
    open_panel(page, "Accounting")

    exports = page.get_by_role("form", name="Exports")
    exports.get_by_label("Format").select_option("CSV")
    exports.get_by_label("From").fill(f"{today[:8]}01")
    exports.get_by_label("To").fill(today)
    exports.get_by_role("button", name="Prepare the file").click()
    with page.expect_download() as download:
        exports.get_by_role("link", name="Download").click()
    saved = tmp_path / "export.csv"
    download.value.save_as(saved)
    expected = api.gql(EXPORT, {"p": PROPERTY, "s": f"{today[:8]}01", "e": today})[
        "accountingExport"
    ]
    assert download.value.suggested_filename == expected["filename"]
    assert saved.read_bytes().decode() == expected["text"] and expected["text"].count("\n") > 1
    shoot(page, "panel-accounting-export", full_page=True)

    exports.get_by_label("From").fill(today)
    exports.get_by_label("To").fill(f"{today[:8]}01" if today[8:] != "01" else "2000-01-01")
    exports.get_by_role("button", name="Prepare the file").click()
    exports.get_by_role("alert").get_by_text("the start must not be after the end").wait_for()


GENERATE = """mutation($i: ShiftsGenerateRosterInput!) { shiftsGenerateRoster(input: $i) {
  roster { id status } errors { message } } }"""
ROSTER = "query($id: ID!) { shiftsRoster(id: $id) { status } }"


def test_a_planner_publishes_a_draft_roster(demo_server, page):
    api = Api(demo_server.base_url, "admin")
    start = date.fromisoformat(business_date(api)) + timedelta(days=28)
    made = api.gql(
        GENERATE,
        {
            "i": {
                "propertyId": PROPERTY,
                "startsOn": start.isoformat(),
                "endsOn": (start + timedelta(days=7)).isoformat(),
            }
        },
    )["shiftsGenerateRoster"]
    assert made["errors"] == [] and made["roster"]["status"] == "DRAFT", made
    sign_in(page, demo_server.base_url, "admin")
    open_panel(page, "Roster of the week")

    draft = page.locator(f"li[data-roster='{made['roster']['id']}']")
    draft.get_by_role("button", name="Publish the roster").click()
    draft.wait_for(state="detached")
    assert api.gql(ROSTER, {"id": made["roster"]["id"]})["shiftsRoster"]["status"] == "PUBLISHED"


RECOMMEND = """mutation($i: CreateConciergeRecommendationInput!) {
  createConciergeRecommendation(input: $i) { recommendation { id } errors { message } } }"""
EVENT = """mutation($i: CreateConciergeEventInput!) { createConciergeEvent(input: $i) {
  event { id } errors { message } } }"""
BOOKINGS = """query($p: ID!) { conciergeBookings(propertyId: $p, first: 500) {
  nodes { id status notes partySize resource { name } stay { id } } } }"""


def _bookings_noted(api: Api, notes: str, *, status: str, seconds: float = 10.0) -> list[dict]:
    """The property's concierge bookings with these notes, once one has ``status`` (or
    whatever there is after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while True:
        booked = api.gql(BOOKINGS, {"p": PROPERTY})["conciergeBookings"]["nodes"]
        found = [b for b in booked if b["notes"] == notes]
        if any(b["status"] == status for b in found) or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_the_concierge_finds_a_recommendation_books_a_service_and_fills_an_event(demo_server, page):
    api = Api(demo_server.base_url, "admin")
    for name, tag in (("Nolle", "riverside"), ("Mauerpark Flea", "sunday")):
        made = api.gql(
            RECOMMEND,
            {
                "i": {
                    "propertyId": PROPERTY,
                    "name": name,
                    "category": "RESTAURANT",
                    "tags": [tag],
                    "descriptions": [
                        {"language": "en", "text": f"{name} in English"},
                        {"language": "de", "text": f"{name} auf Deutsch"},
                    ],
                }
            },
        )["createConciergeRecommendation"]
        assert made["errors"] == [], made
    starts = datetime.now(UTC) + timedelta(days=1)
    event = api.gql(
        EVENT,
        {
            "i": {
                "propertyId": PROPERTY,
                "name": "Wine tasting",
                "venue": "Cellar",
                "capacity": 1,
                "startsAt": starts.isoformat(),
                "endsAt": (starts + timedelta(hours=2)).isoformat(),
            }
        },
    )["createConciergeEvent"]
    assert event["errors"] == [], event
    sign_in(page, demo_server.base_url, "concierge")
    open_panel(page, "Concierge requests")

    search = page.get_by_role("search", name="Search the recommendations")
    search.get_by_label("Tag").fill("riverside")
    search.get_by_role("button", name="Search the recommendations").click()
    found = page.locator("li[data-recommendation]")
    found.first.wait_for()
    assert found.count() == 1 and "Nolle in English" in found.inner_text()

    form = page.get_by_role("form", name="Book a service")
    form.get_by_label("Service").select_option(label="Spa treatment room")
    form.get_by_label("Guest", exact=True).select_option(index=1)
    form.get_by_label("Notes").fill("Hot stones")
    form.get_by_role("button", name="Book").click()
    # no time given: the form says so beside the field, and nothing is booked
    form.locator("[data-field=startsAt]").wait_for()
    form.get_by_label("When").fill(f"{(starts + timedelta(days=1)).date().isoformat()}T15:00")
    form.get_by_label("People").fill("3")
    form.get_by_role("button", name="Book").click()
    form.locator("[data-field=partySize]").get_by_text("takes at most 2 persons").wait_for()
    form.get_by_label("People").fill("1")
    form.get_by_role("button", name="Book").click()
    page.locator("tr[data-booking]", has_text="Spa treatment room").filter(
        has_text="Confirmed"
    ).last.wait_for()
    # the demo has confirmed spa bookings of its own: the row above may be one of them, so
    # the booking itself is awaited through the API
    hot_stones = _bookings_noted(api, "Hot stones", status="CONFIRMED")
    assert [(b["status"], b["stay"] is not None) for b in hot_stones] == [("CONFIRMED", True)]
    row = page.locator(f"tr[data-booking='{hot_stones[0]['id']}']")
    row.get_by_role("button", name="Mark Spa treatment room").click()
    # the status cell, not the step button that is also labelled "Delivered"
    row.locator("td[data-status=DELIVERED]").wait_for()
    booked = _bookings_noted(api, "Hot stones", status="DELIVERED")
    assert [b["status"] for b in booked] == ["DELIVERED"]

    wine = page.locator(f"li[data-event='{event['event']['id']}']")
    guests = wine.get_by_label("Guest to invite")
    first, second = guests.locator("option").all_inner_texts()[:2]
    wine.get_by_role("button", name="Invite").click()
    wine.locator("[data-attendees]", has_text=first.split(" · ")[1]).wait_for()
    guests.select_option(label=second)
    wine.get_by_role("button", name="Invite").click()
    wine.locator("[data-field=eventId]").get_by_text("is full").wait_for()
    shoot(page, "panel-concierge-desk", full_page=True)
