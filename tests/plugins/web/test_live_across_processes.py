"""Two clerks on two server processes over one PostgreSQL database (how a hotel runs several
workers): one checks a guest in, the other's board shows it without a reload, carried from
process to process by LISTEN/NOTIFY (docs/live.md). The SQLite, one-process variant is in
test_panels.py."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from support.browser import start_live_server
from support.live import until_the_server_listens
from support.web_desk import Api, book_arrival, desk_context, sign_in

#: Issue #19 asks for the board to follow within 2 s; the wait allows that plus slack for a
#: busy test machine. It is a bound on waiting, not a measurement (benchmarks/ measures).
LIVE_WAIT_MS = 2_000 + 3_000


@pytest.fixture(scope="module")
def second_process(tmp_path_factory, server_plugins, postgres_demo_server):
    """Another ``frontdesk serve`` on the first one's database (already migrated, demo in)."""
    server = start_live_server(
        tmp_path_factory.mktemp("web-pg-2"),
        database_url=postgres_demo_server.database_url,
        migrate=False,
        plugins=server_plugins,
    )
    yield server
    server.stop()


def test_a_check_in_on_one_process_reaches_the_board_served_by_another(
    postgres_demo_server, second_process, page, chromium
):
    first, second = postgres_demo_server, second_process
    assert first.port != second.port and first.database_url == second.database_url
    api = Api(first.base_url, "desk")
    today = api.gql('{ property(id: "1") { businessDate } }')["property"]["businessDate"]
    following = (date.fromisoformat(today) + timedelta(days=1)).isoformat()
    stay = book_arrival(api, "1", today, following, firstName="Pia", lastName="Processes")

    # Clerk B watches the board served by the second process.
    sign_in(page, second.base_url, "desk")
    row = page.locator(f"tr[data-stay='{stay['id']}']")
    expect(row.get_by_text("Booked", exact=True)).to_be_visible()
    page.wait_for_load_state("networkidle")
    until_the_server_listens(second.base_url)
    page.evaluate("window.__notReloaded = true")

    # Clerk A checks the guest in on the first process.
    with desk_context(chromium) as other:
        clerk = other.new_page()
        sign_in(clerk, first.base_url, "desk")
        clerk.get_by_role("searchbox").fill(stay["confirmationCode"])
        clerk.get_by_role("button", name="Open the stay of Pia Processes").click()
        clerk.get_by_role("button", name="Check in now").click()
        expect(clerk.get_by_text("Checked in", exact=True)).to_be_visible()

    expect(row.get_by_text("Checked in", exact=True)).to_be_visible(timeout=LIVE_WAIT_MS)
    assert page.evaluate("window.__notReloaded") is True
    checked_in = "query($id: ID!) { stay(id: $id) { status } }"
    assert Api(second.base_url, "desk").gql(checked_in, {"id": stay["id"]}) == {
        "stay": {"status": "CHECKED_IN"}
    }
