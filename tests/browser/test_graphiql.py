"""GraphiQL in Debian's Chromium, offline: served by the real server from the package's
vendored assets, logged in through its form, the docs explorer shows the schema and a query
runs. Every request the page makes must stay on loopback (tests/support/browser.py refuses
and records any other)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from support.browser import start_live_server

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """One dev-mode server over the demo for the module (the pages only read)."""
    server = start_live_server(
        tmp_path_factory.mktemp("graphiql"), demo=True, plugins="", env={"FRONTDESK_DEV": "1"}
    )
    yield server
    server.stop()


@pytest.fixture
def page(offline_page):
    offline_page.requested_hosts = set()
    offline_page.on(
        "request",
        lambda request: offline_page.requested_hosts.add(urlparse(request.url).hostname),
    )
    return offline_page


def _log_in(page, server) -> None:
    page.goto(f"{server.base_url}/graphql")
    page.fill("#login-username", "admin")
    page.fill("#login-password", "frontdesk-demo")
    page.click("#login-submit")
    expect(page.locator("#login-status")).to_contain_text("Logged in as admin")


def test_graphiql_shows_the_schema_in_the_docs_explorer_offline(demo_server, page):
    _log_in(page, demo_server)
    page.get_by_label("Show Documentation Explorer").click()
    explorer = page.locator(".graphiql-doc-explorer")
    expect(explorer).to_contain_text("Root Types")
    explorer.get_by_text("Query", exact=True).click()
    expect(explorer).to_contain_text("availability")
    expect(explorer).to_contain_text("properties")
    assert page.offline_log.refused == []
    assert page.requested_hosts <= LOOPBACK


def test_graphiql_runs_a_query_after_logging_in_offline(demo_server, page):
    _log_in(page, demo_server)
    page.get_by_label("Execute query (Ctrl-Enter)").click()
    result = page.locator(".graphiql-response")
    expect(result).to_contain_text("Hotel Spreeblick")
    expect(result).to_contain_text("businessDate")
    assert page.offline_log.refused == []
    assert page.requested_hosts <= LOOPBACK


def test_graphiql_without_login_says_how_to_log_in(demo_server, page):
    page.goto(f"{demo_server.base_url}/graphql")
    page.get_by_label("Execute query (Ctrl-Enter)").click()
    expect(page.locator(".graphiql-response")).to_contain_text("Log in with the login mutation")
    assert page.offline_log.refused == []
