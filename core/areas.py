"""Core's areas and the order they depend in: each area imports only the areas before it.

    properties < guests < stays < rates < folios < night_audit
    outbox (needs properties), auth and documents (need the rest) stand on top

tests/core/test_core_areas_are_acyclic.py fails on any import that closes a cycle. Where a
lower area needs a higher one inside its own transaction, it declares a port
(core/ports.py) and ``connect`` installs the higher area's implementation at start-up.
"""

from __future__ import annotations

from .folios.stay_billing import FolioStayBilling
from .properties.room_use import room_use
from .stays.billing import stay_billing
from .stays.room_use import StaysRoomUse


def connect() -> None:
    """Install every port's implementation (``bootstrap.start`` calls this)."""
    stay_billing.install(FolioStayBilling())
    room_use.install(StaysRoomUse())
