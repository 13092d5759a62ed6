"""Every concierge test runs with the plugin alone and with every plugin enabled."""

from __future__ import annotations

import pytest

from frontdesk.testing import BUILTIN_PLUGINS


@pytest.fixture(params=[["concierge"], BUILTIN_PLUGINS], ids=["concierge-alone", "all-plugins"])
def enabled_plugins(request):
    return request.param
