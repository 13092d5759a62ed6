"""The guests area's part of the schema, contributed as a plugin contributes its own."""

from __future__ import annotations

from ..common.contributions import GraphQLContribution
from .mutations import GuestMutation
from .permissions import FIELD_PERMISSIONS, SCOPED_ARGUMENTS
from .queries import GuestQuery

CONTRIBUTION = GraphQLContribution(
    queries=[GuestQuery],
    mutations=[GuestMutation],
    field_permissions=FIELD_PERMISSIONS,
    scoped_arguments=SCOPED_ARGUMENTS,
)
