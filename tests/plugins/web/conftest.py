"""The web front desk seen in Debian's Chromium: one demo server per test module and pages
that fail the test when they reach for another host."""

from __future__ import annotations

import pytest
from support.browser import start_live_server
from support.web_desk import Api, assert_desk_stayed_trusted

from frontdesk.testing import databases


@pytest.fixture(scope="module")
def server_plugins() -> str | None:
    """FRONTDESK_PLUGINS of the module's server (None: every built-in plugin); a module
    overrides it."""
    return None


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, server_plugins):
    """One server with the demo group for the whole module."""
    server = start_live_server(tmp_path_factory.mktemp("web"), demo=True, plugins=server_plugins)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def postgres_demo_url(tmp_path_factory):
    """A new, empty PostgreSQL database of the module's own (``frontdesk migrate`` and
    ``frontdesk demo`` fill it, as a hotel's would be); skips without
    FRONTDESK_TEST_POSTGRES_URL."""
    if not databases.POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set FRONTDESK_TEST_POSTGRES_URL")
    url = databases.empty_database("postgres", tmp_path_factory.mktemp("web-pg-db"))
    yield url
    databases.drop_database(url)


@pytest.fixture(scope="module")
def postgres_demo_server(tmp_path_factory, server_plugins, postgres_demo_url):
    """The module's demo server on PostgreSQL, beside ``demo_server`` on SQLite."""
    server = start_live_server(
        tmp_path_factory.mktemp("web-pg"),
        database_url=postgres_demo_url,
        demo=True,
        plugins=server_plugins,
    )
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def any_demo_server(request):
    """The demo server on each database: a test that takes it runs on SQLite and PostgreSQL."""
    return request.getfixturevalue(
        "demo_server" if request.param == "sqlite" else "postgres_demo_server"
    )


@pytest.fixture(scope="module")
def admin_api(demo_server) -> Api:
    return Api(demo_server.base_url, "admin")


@pytest.fixture
def page(offline_page):
    """A desk-sized page whose requests to other hosts are refused; the test fails if the
    front desk tried any, or sent a GraphQL document as text rather than by its id (every
    browser test so proves that the documents of what it walks through are registered)."""
    yield offline_page
    assert_desk_stayed_trusted(offline_page.offline_log)
