"""The night audit screen while the audit runs: a running state with an accessible name, the
progress the live events report (started, stays charged, completed), then the report."""

from __future__ import annotations

import re

from support.live import until_the_server_listens
from support.web_desk import Api, nav, shoot, sign_in


def test_the_night_audit_shows_its_progress_and_then_the_report(any_demo_server, page):
    api = Api(any_demo_server.base_url, "admin")
    property_id = api.gql("{ properties(first: 1) { nodes { id } } }")["properties"]["nodes"][0][
        "id"
    ]
    closing = api.gql("query($p: ID!) { property(id: $p) { businessDate } }", {"p": property_id})[
        "property"
    ]["businessDate"]
    held = []

    def hold_the_audit(route) -> None:
        if "runNightAudit" in (route.request.post_data or ""):
            held.append(route)
        else:
            route.fallback()

    page.route("**/graphql", hold_the_audit)
    sign_in(page, any_demo_server.base_url, "admin")
    nav(page, "Night audit")
    page.locator("section[data-live=on]").wait_for()
    until_the_server_listens(any_demo_server.base_url)
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
