"""The properties area's part of the schema, contributed as a plugin contributes its own."""

from __future__ import annotations

from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.properties.tables import Room as RoomRow
from frontdesk.core.properties.tables import RoomType as RoomTypeRow

from ..common.contributions import GraphQLContribution, ScopeTarget
from .mutations import PropertyMutation, PropertyUpdateMutation
from .queries import PropertyQuery

#: What the area's id arguments name, by argument name alone: the name means this on every
#: root field, core's and the plugins' (a plugin's ``propertyId`` names a property without declaring
#: it). Field permissions, and ids whose meaning is the field's own (``id``), are declared on
#: the fields (``secure_field`` / ``secure_mutation``).
ID_ARGUMENTS: dict[str, ScopeTarget] = {
    "propertyId": PropertyRow,
    "propertyIds": PropertyRow,
    "roomTypeId": RoomTypeRow,
    "roomId": RoomRow,
}

CONTRIBUTION = GraphQLContribution(
    queries=[PropertyQuery],
    mutations=[PropertyMutation],
    scoped_arguments=ID_ARGUMENTS,
)

#: ``updateProperty`` and ``updateRoomType``, added later than the other areas' mutations
#: and listed after them in the schema (graphql/schema.py orders core's contributions).
UPDATES = GraphQLContribution(mutations=[PropertyUpdateMutation])
