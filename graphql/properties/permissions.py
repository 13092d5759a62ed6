"""Who may read and change properties, room types and rooms, and which id arguments name
them (so a caller limited to some properties cannot reach another's by guessing ids)."""

from __future__ import annotations

from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.properties.tables import Room as RoomRow
from frontdesk.core.properties.tables import RoomType as RoomTypeRow

from ..common.contributions import ScopeTarget

FIELD_PERMISSIONS: dict[str, str] = {
    "Query.properties": "properties.read",
    "Query.property": "properties.read",
    "Query.roomTypes": "properties.read",
    "Query.rooms": "properties.read",
    "Mutation.createProperty": "properties.write",
    "Mutation.updateProperty": "properties.write",
    "Mutation.createRoomType": "properties.write",
    "Mutation.updateRoomType": "properties.write",
    "Mutation.createRoom": "properties.write",
    "Mutation.updateRoom": "properties.write",
    "Mutation.setRoomStatus": "rooms.status.write",
}

SCOPED_ARGUMENTS: dict[str, ScopeTarget] = {
    "propertyId": PropertyRow,
    "propertyIds": PropertyRow,
    "roomTypeId": RoomTypeRow,
    "roomId": RoomRow,
    "Query.property.id": PropertyRow,
}
