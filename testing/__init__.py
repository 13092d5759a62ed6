"""The plugin kit's test half: a pytest plugin for testing a Frontdesk plugin out of tree.

Activate it in your tests' ``conftest.py`` (it is deliberately not registered through a
``pytest11`` entry point, so installing Frontdesk never changes another project's suite)::

    pytest_plugins = ["frontdesk.testing"]

    @pytest.fixture
    def enabled_plugins():
        return ["lost_found"]  # the plugin under test, plus any others it should meet

The fixtures (``frontdesk.testing.fixtures``): ``database_url`` (a migrated database of the
test's own: a SQLite file, and PostgreSQL too when ``FRONTDESK_TEST_POSTGRES_URL`` is set),
``settings``, ``runtime`` (the started core, for service-level tests), ``app``, ``http``,
``gql`` (a GraphQL client logged in as an admin), ``anonymous_gql``, ``client_for`` (a client
holding given roles or permissions) and ``core_objects`` (properties, rooms, guests and stays
made through core's services).

This module stays free of pytest and the app at import time: ``frontdesk new-plugin`` lives
beside it, and the fixtures load only when pytest asks for them.
"""

from __future__ import annotations

import pkgutil
from typing import Any

pytest_plugins = ["frontdesk.testing.fixtures"]


def _builtin_plugins() -> list[str]:
    from frontdesk import plugins

    return sorted(info.name for info in pkgutil.iter_modules(plugins.__path__) if info.ispkg)


# The plugins shipped with Frontdesk. A suite that means "every plugin" names these rather than
# "every installed plugin" (``plugins=None``), so a third-party plugin installed beside them
# does not change what it tests.
BUILTIN_PLUGINS: list[str] = _builtin_plugins()

_LAZY = {
    "GraphQLClient": "frontdesk.testing.client",
    "GraphQLError": "frontdesk.testing.client",
    "GraphQLResult": "frontdesk.testing.client",
    "CoreObjects": "frontdesk.testing.objects",
}


def __getattr__(name: str) -> Any:
    """The client and object factory, imported on first use (they pull in the app)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)


__all__ = [
    "BUILTIN_PLUGINS",
    "CoreObjects",
    "GraphQLClient",
    "GraphQLError",
    "GraphQLResult",
]
