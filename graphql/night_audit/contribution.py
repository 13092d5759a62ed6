"""The night audit's part of the schema, contributed as a plugin contributes its own."""

from __future__ import annotations

from ..common.contributions import GraphQLContribution
from .mutations import NightAuditMutation
from .queries import NightAuditQuery

CONTRIBUTION = GraphQLContribution(
    queries=[NightAuditQuery],
    mutations=[NightAuditMutation],
)
