"""The stays' answer when a room or room type changes (``properties.room_use.RoomUse``):
the nightly inventory says whether a room is held and whether every night still fits, the
stays whether their guests still fit the room type."""

from __future__ import annotations

from datetime import date

from piccolo.columns.combination import WhereRaw

from ..errors import Conflict
from ..properties.tables import Room, RoomType
from ..repository import find_row
from . import inventory
from .tables import HOLDING_STATUSES, Stay


class StaysRoomUse:
    async def is_held(self, room_id: int) -> bool:
        return await inventory.room_is_held(room_id)

    async def ensure_free(self, room: Room, start: date, end: date) -> None:
        await inventory.assert_room_free(room, start, end, field="roomId")

    async def ensure_not_oversold(self, property_id: int) -> None:
        await inventory.assert_not_oversold(property_id)

    async def ensure_guests_fit(self, room_type: RoomType, max_occupancy: int) -> None:
        crowded = await find_row(
            Stay,
            (Stay.room_type == room_type.id)
            & Stay.status.is_in(list(HOLDING_STATUSES))
            & WhereRaw("adults + children > {}", max_occupancy),
        )
        if crowded is not None:
            raise Conflict(
                f"Stay {crowded.confirmation_code} holds more than {max_occupancy} guests.",
                field="maxOccupancy",
            )
