"""The webhooks plugin's tests: the server's own
deliverer idles (tests drive passes themselves, with their own clock)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from frontdesk.core.settings import Settings

sys.path.insert(0, str(Path(__file__).parent.parent / "accounting_bridge"))  # receiver.py


@pytest.fixture
def enabled_plugins():
    """The plugin alone (the plugin matrix elsewhere runs it beside every other)."""
    return ["webhooks"]


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    return Settings(
        database_url=database_url,
        plugins=enabled_plugins,
        dev_mode=True,
        connection_pool=False,
        extra={
            "webhooks.poll_seconds": 3600.0,
            "webhooks.allow_private_targets": True,  # the receivers listen on 127.0.0.1
            "accounting_bridge.poll_seconds": 3600.0,
            "webhooks.timeout_seconds": 2.0,
            "webhooks.retry_cap_seconds": 60.0,
            "webhooks.lease_seconds": 30.0,
        },
    )


@pytest.fixture
def in_app(http):
    """Run a coroutine function on the app's event loop (see the bridge's conftest)."""
    import asyncio
    import functools

    async def run(fn, *args, **kwargs):
        call = functools.partial(fn, *args, **kwargs)
        return await asyncio.to_thread(http.blocking_portal.call, call)

    return run
