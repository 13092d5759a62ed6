"""The properties area's part of the schema, contributed as a plugin contributes its own."""

from __future__ import annotations

from ..common.contributions import GraphQLContribution
from .mutations import PropertyMutation, PropertyUpdateMutation
from .permissions import FIELD_PERMISSIONS, SCOPED_ARGUMENTS
from .queries import PropertyQuery

CONTRIBUTION = GraphQLContribution(
    queries=[PropertyQuery],
    mutations=[PropertyMutation],
    field_permissions=FIELD_PERMISSIONS,
    scoped_arguments=SCOPED_ARGUMENTS,
)

#: ``updateProperty`` and ``updateRoomType``, added later than the other areas' mutations
#: and listed after them in the schema (graphql/schema.py orders core's contributions).
UPDATES = GraphQLContribution(mutations=[PropertyUpdateMutation])
