"""What changing a room or room type asks of whoever books them (core/stays).

A room leaves service, changes type or goes out of order, and a room type takes fewer
guests, only if the stays booked into them still fit. Stays depend on properties, never the
other way round, so properties ask through this protocol, which start-up installs
(core/areas.py). The methods run inside the room change's write transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from ..ports import Port
from .tables import Room, RoomType


class RoomUse(Protocol):
    async def is_held(self, room_id: int) -> bool:
        """Whether a stay or an inventory hold has the room on any night."""

    async def ensure_free(self, room: Room, start: date, end: date) -> None:
        """Refuse (Conflict on ``roomId``) when another holder has the room on a night of
        [start, end)."""

    async def ensure_not_oversold(self, property_id: int) -> None:
        """Refuse (Conflict) when a night would hold more stays than bookable rooms."""

    async def ensure_guests_fit(self, room_type: RoomType, max_occupancy: int) -> None:
        """Refuse (Conflict on ``maxOccupancy``) while a booked or in-house stay of the room
        type holds more guests."""


room_use: Port[RoomUse] = Port("room use (core/stays/room_use.py)")
