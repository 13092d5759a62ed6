"""The web front desk seen in Debian's Chromium: one demo server per test module and pages
that fail the test when they reach for another host."""

from __future__ import annotations

import pytest
from support.browser import start_live_server
from support.web_desk import Api


@pytest.fixture(scope="module")
def server_plugins() -> str | None:
    """FRONTDESK_PLUGINS of the module's server (None: every plugin); a module overrides it."""
    return None


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, server_plugins):
    """One server with the demo group for the whole module."""
    server = start_live_server(tmp_path_factory.mktemp("web"), demo=True, plugins=server_plugins)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def admin_api(demo_server) -> Api:
    return Api(demo_server.base_url, "admin")


@pytest.fixture
def page(offline_page):
    """A desk-sized page whose requests to other hosts are refused; the test fails if the
    front desk tried any."""
    yield offline_page
    assert offline_page.offline_log.refused == []
