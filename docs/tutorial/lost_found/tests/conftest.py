"""The plugin's tests run on Frontdesk's kit: a migrated database per test, the app with the
plugin enabled, GraphQL clients and core objects."""

from __future__ import annotations

import pytest

pytest_plugins = ["frontdesk.testing"]


@pytest.fixture
def enabled_plugins() -> list[str]:
    """The app runs with core and this plugin alone."""
    return ["lost_found"]
