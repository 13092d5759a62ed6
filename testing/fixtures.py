"""The kit's fixtures (activated by ``pytest_plugins = ["frontdesk.testing"]``).

A test gets a migrated database of its own (copied from a template migrated once per engine
and plugin set), the real app built for the plugins ``enabled_plugins`` names, and GraphQL
clients over it. Frontdesk's own suite runs on these same fixtures.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable

import pytest
from litestar.testing import AsyncTestClient

from frontdesk.core import bootstrap, db
from frontdesk.core.settings import Settings
from frontdesk.testing import databases
from frontdesk.testing.client import GraphQLClient
from frontdesk.testing.objects import CoreObjects

# SQLite always; PostgreSQL when FRONTDESK_TEST_POSTGRES_URL names a server to create
# databases on. ``@pytest.mark.parametrize("backend", ["postgres"], indirect=True)`` pins one.
ENGINES = ["sqlite", "postgres"] if databases.POSTGRES_URL else ["sqlite"]
ClientFactory = Callable[..., Awaitable[GraphQLClient]]


def pytest_configure(config):
    os.environ.setdefault("FRONTDESK_DEV", "1")
    # Noise from the host's libraries that a plugin's suite can do nothing about.
    for module in ("litestar", "strawberry", "frontdesk"):
        config.addinivalue_line("filterwarnings", f"ignore::DeprecationWarning:{module}.*")
    config.addinivalue_line("filterwarnings", "ignore:.*SQLite doesn.t support ILIKE.*")


def pytest_report_header(config):
    if databases.POSTGRES_URL:
        return f"PostgreSQL: {databases.POSTGRES_URL} (run id {databases.RUN_ID})"
    return "PostgreSQL: not configured (FRONTDESK_TEST_POSTGRES_URL unset): SQLite only"


def pytest_sessionfinish(session, exitstatus):
    if databases.POSTGRES_URL:
        databases.drop_all()


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("templates")


@pytest.fixture(params=ENGINES)
def backend(request) -> str:
    """The database engine of the test: every available one in turn."""
    if request.param == "postgres" and not databases.POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set FRONTDESK_TEST_POSTGRES_URL")
    return request.param


@pytest.fixture
def enabled_plugins() -> list[str] | None:
    """The plugins the app runs with: core alone by default. Override it in your conftest
    with the plugin under test (and any it should meet); None means every installed plugin."""
    return []


@pytest.fixture
def database_url(backend, enabled_plugins, template_dir, tmp_path):
    """A migrated, empty database of the test's own, with the built-in roles and the admin
    API key ``admin_key``; dropped afterwards."""
    url = databases.fresh_database(backend, enabled_plugins, template_dir, tmp_path)
    yield url
    databases.drop_database(url)


@pytest.fixture
def empty_url(backend, tmp_path):
    """A database with no tables at all, to migrate step by step."""
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
    """The real ASGI app (GraphQL, plugin routes) for ``settings``."""
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
    """A GraphQL client authenticated as an admin."""
    return GraphQLClient(http, headers={"Authorization": f"Bearer {admin_key}"})


@pytest.fixture
async def anonymous_gql(http) -> GraphQLClient:
    """A GraphQL client without credentials."""
    return GraphQLClient(http)


@pytest.fixture
def client_for(http, gql) -> ClientFactory:
    """``await client_for("front_desk", properties=[id])``: a client with a fresh API key
    holding ``roles`` and/or ``permissions`` (all properties unless ``properties`` names
    some), created by the admin through the API."""

    async def make(
        *roles: str,
        properties: list[str] | None = None,
        permissions: list[str] | None = None,
        expires_at: str | None = None,
    ) -> GraphQLClient:
        payload = await gql.ok(
            "createApiKey",
            {
                "name": f"{'+'.join(roles) or 'custom'} key",
                "roles": list(roles),
                "permissions": permissions,
                "propertyIds": properties or [],
                "allProperties": properties is None,
                "expiresAt": expires_at,
            },
            "key",
        )
        return GraphQLClient(http, headers={"Authorization": f"Bearer {payload['key']}"})

    return make


@pytest.fixture
async def core_objects(settings) -> CoreObjects:
    """Properties, rooms, guests and stays made through core's services (with the enabled
    plugins' hooks firing), in the test's database. Core is started without a connection
    pool: a pool belongs to one event loop, and the app (``gql``) serves from another."""
    bootstrap.start(settings)
    return CoreObjects()
