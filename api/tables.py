"""Core's Piccolo tables, for a plugin's foreign keys and queries.

A plugin reads these freely and writes them only through the services in ``frontdesk.api``
(``book_stay``, ``create_guest``...), so core's rules and events are never bypassed.
Financial rows are referenced with ``on_delete=RESTRICT``: they are never deleted by a cascade.
"""

from __future__ import annotations

from frontdesk.core.folios.tables import (
    RESTRICT,
    CityLedgerAccount,
    CityLedgerEntry,
    Folio,
    FolioEntry,
    Invoice,
    NightAuditRun,
)
from frontdesk.core.guests.tables import Guest
from frontdesk.core.outbox.tables import OutboxMessage
from frontdesk.core.properties.tables import Property, Room, RoomType
from frontdesk.core.rates.tables import MONEY, TaxRate
from frontdesk.core.stays.tables import InventoryHold, Stay, StayNight

__all__ = [
    "MONEY",
    "RESTRICT",
    "CityLedgerAccount",
    "CityLedgerEntry",
    "Folio",
    "FolioEntry",
    "Guest",
    "InventoryHold",
    "Invoice",
    "NightAuditRun",
    "OutboxMessage",
    "Property",
    "Room",
    "RoomType",
    "Stay",
    "StayNight",
    "TaxRate",
]
