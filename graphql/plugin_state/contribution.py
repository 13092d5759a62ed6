"""The plugin-state area's part of the schema, contributed as a plugin contributes its own
(permissions and scopes are declared on the fields: secure_field / secure_mutation)."""

from __future__ import annotations

from ..common.contributions import GraphQLContribution
from .mutations import PluginStateMutation
from .queries import PluginStateQuery
from .types import PluginState

CONTRIBUTION = GraphQLContribution(
    queries=[PluginStateQuery],
    mutations=[PluginStateMutation],
    types=[PluginState],
)
