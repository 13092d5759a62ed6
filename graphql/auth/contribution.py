"""The auth area's part of the schema (sessions, users, keys, roles, audit, privacy)."""

from __future__ import annotations

from ..common.contributions import GraphQLContribution
from .mutations import AuthMutation
from .permissions import FIELD_PERMISSIONS, UNSCOPED_ARGUMENTS
from .queries import AuthQuery

CONTRIBUTION = GraphQLContribution(
    queries=[AuthQuery],
    mutations=[AuthMutation],
    field_permissions=FIELD_PERMISSIONS,
    unscoped_arguments=UNSCOPED_ARGUMENTS,
)
