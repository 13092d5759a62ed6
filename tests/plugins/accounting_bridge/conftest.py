"""Every database test here runs with the bridge alone and with all plugins."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from frontdesk.core.settings import Settings
from frontdesk.testing import BUILTIN_PLUGINS

sys.path.insert(0, str(Path(__file__).parent))  # accounting_books: the API read-outs


@pytest.fixture(
    params=[["accounting_bridge"], BUILTIN_PLUGINS], ids=["accounting-alone", "all-plugins"]
)
def enabled_plugins(request):
    return request.param


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    """The server's own delivery worker idles: tests drive ``deliver_due`` themselves (with
    their own clock) and must not share the connection pool with a second event loop."""
    return Settings(
        database_url=database_url,
        plugins=enabled_plugins,
        dev_mode=True,
        connection_pool=False,
        extra={
            "accounting_bridge.poll_seconds": 3600.0,
            # The receivers of these tests listen on 127.0.0.1.
            "accounting_bridge.webhook_allow_private_targets": True,
        },
    )


@pytest.fixture
def receiver():
    """A real HTTP receiver on 127.0.0.1 (receiver.py), stopped after the test; a request it
    holds open is released first."""
    from receiver import Receiver

    r = Receiver()
    r.start()
    yield r
    r.release.set()
    r.stop()


@pytest.fixture
def in_app(http):
    """Run a coroutine function on the app's event loop. The test client serves the app from
    a thread of its own, and PostgreSQL pool connections belong to the loop that opened them,
    so a test that reads tables or drives the worker directly must do it there."""
    import asyncio
    import functools

    async def run(fn, *args, **kwargs):
        call = functools.partial(fn, *args, **kwargs)
        return await asyncio.to_thread(http.blocking_portal.call, call)

    return run
