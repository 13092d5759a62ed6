"""Shared fixtures: a real database per test (SQLite file, and PostgreSQL when
FRONTDESK_TEST_POSTGRES_URL is set), the real app, and a GraphQL client.

Choose the plugin set with the ``enabled_plugins`` fixture (core alone by default); the
plugin test folders override it to run with their plugin alone and with all plugins.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

sys.path.insert(0, str(Path(__file__).parent))

from support import databases  # noqa: E402
from support.browser import chromium, live_server, offline_page  # noqa: E402, F401
from support.graphql_client import GraphQLClient  # noqa: E402

from frontdesk.core import bootstrap, db  # noqa: E402
from frontdesk.core.settings import Settings  # noqa: E402

BACKENDS = ["sqlite", "postgres"]


def pytest_report_header(config):
    if databases.POSTGRES_URL:
        return f"PostgreSQL: {databases.POSTGRES_URL} (run id {databases.RUN_ID})"
    return "PostgreSQL: not configured (FRONTDESK_TEST_POSTGRES_URL unset): postgres tests skip"


# The longest files, longest first (`make test` prints the slowest tests): 25 s to 2.5 min
# each, where most files take a few seconds.
LONGEST_FILES = (
    "test_schemathesis_all_plugins",
    "test_schemathesis_core",
    "concierge/test_schemathesis",
    "test_sql_statements",
    "test_money_schemathesis",
    "test_bench_smoke",
    "test_schemathesis_anonymous",
    "test_upgrade_with_data",
)


# Folders whose tests start browsers or server processes: slow, like the longest files.
SLOW_FOLDERS = ("tests/browser/", "tests/plugins/web/", "tests/operations/", "tests/e2e/")


def pytest_collection_modifyitems(session, config, items):
    """The longest files first: test workers take whole files in collection order, and a
    long file taken last leaves the other worker idle for its whole run at the end. Those
    files and the browser and process tests are marked ``slow``: ``make test-quick`` leaves
    them out for the inner loop (``make test`` runs everything)."""

    def rank(item) -> int:
        path = item.nodeid.partition("::")[0]
        return next((n for n, name in enumerate(LONGEST_FILES) if name in path), len(LONGEST_FILES))

    for item in items:
        path = item.nodeid.partition("::")[0]
        if rank(item) < len(LONGEST_FILES) or path.startswith(SLOW_FOLDERS):
            item.add_marker(pytest.mark.slow)
    items.sort(key=rank)


def pytest_sessionfinish(session, exitstatus):
    if databases.POSTGRES_URL:
        databases.drop_all()


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("templates")


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    if request.param == "postgres" and not databases.POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set FRONTDESK_TEST_POSTGRES_URL")
    return request.param


@pytest.fixture
def enabled_plugins() -> list[str] | None:
    """Core alone by default; None means every installed plugin."""
    return []


@pytest.fixture
def database_url(backend, enabled_plugins, template_dir, tmp_path):
    url = databases.fresh_database(backend, enabled_plugins, template_dir, tmp_path)
    yield url
    databases.drop_database(url)


@pytest.fixture
def empty_url(backend, tmp_path):
    """A database with no tables at all, to migrate step by step (support.databases)."""
    url = databases.empty_database(backend, tmp_path)
    yield url
    databases.drop_database(url)


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    """Dev-mode settings; no PostgreSQL pool, because the ASGI test client serves the app from
    an event loop of its own and tests may also reach the database from theirs."""
    return Settings(
        database_url=database_url, plugins=enabled_plugins, dev_mode=True, connection_pool=False
    )


@pytest.fixture
async def runtime(settings):
    """The started core, for service-level tests (no HTTP)."""
    rt = bootstrap.start(settings)
    await db.start_pool(rt.engine)
    yield rt
    await db.close_pool(rt.engine)


@pytest.fixture
async def app(settings):
    from frontdesk.server.app import create_app

    return create_app(settings)


@pytest.fixture
async def http(app):
    async with AsyncTestClient(app=app) as client:
        yield client


@pytest.fixture
def admin_key() -> str:
    """An admin API key with every property, seeded into every test database's template."""
    return databases.TEST_ADMIN_KEY


@pytest.fixture
async def gql(http, admin_key) -> GraphQLClient:
    """A GraphQL client authenticated as an admin (see tests/security for other callers)."""
    return GraphQLClient(http, headers={"Authorization": f"Bearer {admin_key}"})


@pytest.fixture
async def anonymous_gql(http) -> GraphQLClient:
    """A GraphQL client without credentials."""
    return GraphQLClient(http)


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def pytest_configure(config):
    os.environ.setdefault("FRONTDESK_DEV", "1")
