"""Shared fixtures: Frontdesk's own suite runs on the plugin kit (``frontdesk.testing``): a
real database per test (SQLite file, and PostgreSQL when FRONTDESK_TEST_POSTGRES_URL is set),
the real app, and GraphQL clients.

Choose the plugin set with the ``enabled_plugins`` fixture (core alone by default); the
plugin test folders override it to run with their plugin alone and with all built-in plugins
(``BUILTIN_PLUGINS``, never "every installed plugin": a third-party plugin installed beside
Frontdesk must not change what this suite tests).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from support.browser import chromium, live_server, offline_page  # noqa: E402, F401

pytest_plugins = ["frontdesk.testing"]


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
    items[:] = _without_repeated_combinations(config, items)
    items.sort(key=rank)


def _without_repeated_combinations(config, items: list) -> list:
    """A plugin's tests run with the plugin alone and with every plugin, each on every engine.
    The plugin alone on PostgreSQL repeats what the other three prove (the engine's behaviour
    with every plugin, the plugin's independence on SQLite) and cost an eighth of the suite's
    time, so ``make test`` leaves it out; FRONTDESK_TEST_EVERY_COMBINATION=1 keeps it."""
    if os.environ.get("FRONTDESK_TEST_EVERY_COMBINATION") == "1":
        return items
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        repeated = callspec is not None and "-alone-postgres" in callspec.id
        (dropped if repeated else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    return kept


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
