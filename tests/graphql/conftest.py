"""The GraphQL tests run with the execution shortcuts as the environment sets them, the way
the server reads ``FRONTDESK_EXECUTION_SHORTCUTS``: on by default, and off in
``make test-plain-execution`` (part of ``make test``), which runs them once more on plain
strawberry execution to show the shortcuts change no answer."""

from __future__ import annotations

import dataclasses

import pytest

from frontdesk.core.settings import Settings


@pytest.fixture
def settings(settings: Settings, database_url: str, enabled_plugins: list[str] | None) -> Settings:
    """The shared settings with the environment's switch. ``database_url`` and
    ``enabled_plugins`` are named so that tests parametrizing them (or ``backend``) directly
    still find them: pytest reads an overriding fixture's own arguments, not its parent's."""
    del database_url, enabled_plugins
    return dataclasses.replace(
        settings, execution_shortcuts=Settings.from_env().execution_shortcuts
    )
