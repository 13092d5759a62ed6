"""The night audit screen while the audit runs: a running state with an accessible name, the
progress the live events report (started, stays charged, completed), then the report."""

from __future__ import annotations

import json
import re

from support.live import until_the_server_listens
from support.web_desk import Api, document_id, nav, shoot, sign_in


def test_the_night_audit_shows_its_progress_and_then_the_report(any_demo_server, page):
    api = Api(any_demo_server.base_url, "admin")
    property_id = api.gql("{ properties(first: 1) { nodes { id } } }")["properties"]["nodes"][0][
        "id"
    ]
    closing = api.gql("query($p: ID!) { property(id: $p) { businessDate } }", {"p": property_id})[
        "property"
    ]["businessDate"]
    held = []
    run_audit = document_id("RunNightAudit")  # the desk sends the run by its id

    def hold_the_audit(route) -> None:
        if run_audit in (route.request.post_data or ""):
            held.append(route)
        else:
            route.fallback()

    page.route("**/graphql", hold_the_audit)
    sign_in(page, any_demo_server.base_url, "admin")
    nav(page, "Night audit")
    page.locator("section[data-live=on]").wait_for()
    until_the_server_listens(any_demo_server.base_url, "events")
    page.get_by_test_id("audit.date").wait_for()

    close = page.get_by_role("button", name="Close")
    close.click()
    # the request is held: the screen says it is running and cannot be started twice
    page.get_by_role("img", name="The audit is running…").wait_for()
    assert held and close.is_disabled()
    assert page.locator("[data-step=started]").inner_text() == "Waiting for the audit to start…"
    shoot(page, "night-audit-running")

    held[0].fallback()
    page.locator("[data-step=completed].done").wait_for(timeout=120_000)
    report = api.gql(
        "query($p: ID!, $d: Date!) { nightAuditReport(propertyId: $p, businessDate: $d) {"
        " businessDate roomsSold } }",
        {"p": property_id, "d": closing},
    )["nightAuditReport"]
    started = page.locator("[data-step=started]")
    # only the live event names the date in this step: the progress came from the API
    page.locator("[data-step=started].done").wait_for()
    shown_date = page.get_by_test_id("audit.date").inner_text()
    assert started.inner_text() == f"Audit of {shown_date} started"
    # the demo has guests in house: their nights were charged, each folio's events counted
    assert report["roomsSold"] > 0
    charged = page.locator("[data-step=folios].done").inner_text()
    assert re.fullmatch(r"Folios charged for the night: [1-9][0-9]*", charged)
    assert close.is_enabled()
    assert page.get_by_role("img", name="The audit is running…").count() == 0
    shoot(page, "night-audit-progress")


def test_events_that_come_after_the_date_closed_still_reach_the_new_screen(any_demo_server, page):
    """Closing the date mounts the screen anew (it is keyed by business date) while the run's
    events may still be on their way: from another process, or from a busy server after the
    mutation's answer. Here every event is held until the new screen shows; none is lost."""
    held, holding = [], [False]

    def hold_events(route) -> None:
        server = route.connect_to_server()

        def to_page(message) -> None:
            if holding[0] and json.loads(message).get("type") == "next":
                held.append((route, message))
            else:
                route.send(message)

        server.on_message(to_page)

    page.route_web_socket("**/graphql", hold_events)
    sign_in(page, any_demo_server.base_url, "admin")
    nav(page, "Night audit")
    page.locator("section[data-live=on]").wait_for()
    until_the_server_listens(any_demo_server.base_url, "events")
    page.get_by_text("Loading").wait_for(state="detached")  # the last report, or none yet
    shown = page.get_by_test_id("audit.date")
    closed = shown.inner_text() if shown.count() else None  # the last closed date, if any

    holding[0] = True
    page.get_by_role("button", name="Close").click()
    page.wait_for_function(  # the date is closed and the screen shows its report
        "old => { const shown = document.querySelector('[data-testid=\"audit.date\"]');"
        " return shown && shown.textContent !== old; }",
        arg=closed,
        timeout=120_000,
    )
    page.locator("[data-step=completed].done").wait_for()  # the mutation's answer says so
    started = page.locator("[data-step=started]")
    assert "done" not in (started.get_attribute("class") or "")  # no event got through yet
    assert held, "the audit's events were published while the screen changed"

    holding[0] = False
    for route, message in held:
        route.send(message)
    page.locator("[data-step=started].done").wait_for(timeout=10_000)
    page.locator("[data-step=folios].done").wait_for()
    assert started.inner_text() == f"Audit of {shown.inner_text()} started"
