"""The stays area's part of the schema, contributed as a plugin contributes its own."""

from __future__ import annotations

from ..common.contributions import GraphQLContribution
from .mutations import StayMutation
from .permissions import FIELD_PERMISSIONS, SCOPED_ARGUMENTS
from .queries import StayQuery

CONTRIBUTION = GraphQLContribution(
    queries=[StayQuery],
    mutations=[StayMutation],
    field_permissions=FIELD_PERMISSIONS,
    scoped_arguments=SCOPED_ARGUMENTS,
)
