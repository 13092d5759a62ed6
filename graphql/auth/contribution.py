"""The auth area's part of the schema (sessions, users, keys, roles, audit, privacy). Staff
users and API keys belong to no property: user administration is global (a caller limited to
some properties still cannot grant others; see mutations.py)."""

from __future__ import annotations

from ..common.contributions import GraphQLContribution
from .mutations import AuthMutation
from .queries import AuthQuery

#: Id arguments naming users and API keys, which no property owns, on every root field (a
#: plugin's ``userId`` links to a login without declaring it). The fields declare their
#: permissions themselves (``secure_field`` / ``secure_mutation``).
UNSCOPED_ARGUMENTS = frozenset({"userId", "apiKeyId"})

CONTRIBUTION = GraphQLContribution(
    queries=[AuthQuery],
    mutations=[AuthMutation],
    unscoped_arguments=UNSCOPED_ARGUMENTS,
)
