"""Plugin panels appear only for enabled plugins: a small hotel with the front desk and the
concierge sees the requests board (overdue first) and no roster or accounting panel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from support.web_desk import Api, shoot, sign_in

CREATE = """mutation($i: CreateConciergeRequestInput!) { createConciergeRequest(input: $i) {
  request { id } errors { message } } }"""


@pytest.fixture(scope="module")
def server_plugins() -> str:
    return "web,concierge"


def test_only_the_enabled_plugins_panels_are_offered(demo_server, page):
    sign_in(page, demo_server.base_url, "admin")
    page.get_by_role("heading", name="Today:").wait_for()
    navigation = page.get_by_role("navigation")
    navigation.get_by_role("button", name="Concierge requests").wait_for()
    assert navigation.get_by_role("button", name="Roster of the week").count() == 0
    assert navigation.get_by_role("button", name="Accounting").count() == 0
    assert httpx.get(f"{demo_server.base_url}/plugins/hr_shifts/web/panel.js").status_code == 404


def test_the_concierge_board_lists_overdue_requests_first(demo_server, page):
    api = Api(demo_server.base_url, "admin")
    late = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    later = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    for description, due in (("Taxi tomorrow", later), ("Towels for 104", late)):
        made = api.gql(
            CREATE,
            {"i": {"propertyId": "1", "type": "OTHER", "description": description, "dueAt": due}},
        )["createConciergeRequest"]
        assert made["errors"] == []
    sign_in(page, demo_server.base_url, "concierge")
    page.get_by_role("navigation").get_by_role("button", name="Concierge requests").click()
    page.locator("tr[data-request]").first.wait_for()
    first = page.locator("tr[data-request]").first
    assert "Towels for 104" in first.inner_text() and "Overdue" in first.inner_text()
    shoot(page, "panel-concierge")
