"""Every concierge test runs with the plugin alone and with every plugin enabled."""

from __future__ import annotations

import pytest


@pytest.fixture(params=[["concierge"], None], ids=["concierge-alone", "all-plugins"])
def enabled_plugins(request):
    return request.param
