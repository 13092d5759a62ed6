"""The issue's own case (#23): a hotel runs without the accounting bridge (it is not in the
plugin set, as before the package was installed), then installs it. The bridge is on by
default but has never been recorded as enabled; the hotel's first ``frontdesk plugins enable
accounting_bridge`` is its first enable: the catch-up opens the balances the hotel already
has, and the reconciliation closes."""

from __future__ import annotations

import dataclasses

import pytest
from support.money_services import priced_hotel
from support.plugin_switch import PLUGINS, assert_closed, desk_traffic, reconciliation

from frontdesk.core import bootstrap
from frontdesk.core.plugin_state import lifecycle
from frontdesk.plugins.accounting_bridge.tables import OpeningBalance


@pytest.fixture
def enabled_plugins():
    return PLUGINS


async def test_a_bridge_installed_into_a_hotel_with_history_opens_its_balances_on_enable(
    settings,
):
    without = [name for name in PLUGINS if name != "accounting_bridge"]
    bootstrap.start(dataclasses.replace(settings, plugins=without))
    hotel = await priced_hotel(rooms=6)
    await desk_traffic(hotel, 0, "ACME")

    bootstrap.start(dataclasses.replace(settings, plugins=PLUGINS))  # the package installed
    before = await reconciliation(settings, hotel.property_id)
    assert not before["guestLedger"]["reconciled"]

    pending = await lifecycle.enable("accounting_bridge", None, "test")
    assert [(row.property, row.disabled_since) for row in pending] == [(hotel.property_id, None)]
    [outcome] = await lifecycle.run_pending("accounting_bridge", None, "test")
    assert outcome.status == "done", outcome
    assert await OpeningBalance.exists().where(OpeningBalance.property == hotel.property_id)
    assert_closed(await reconciliation(settings, hotel.property_id))

    # recorded now: enabling again is no new first enable
    assert await lifecycle.enable("accounting_bridge", None, "test") == []
