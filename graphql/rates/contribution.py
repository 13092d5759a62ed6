"""The rates area's part of the schema, contributed as a plugin contributes its own."""

from __future__ import annotations

from frontdesk.core.rates.tables import RatePlan as RatePlanRow

from ..common.contributions import GraphQLContribution, ScopeTarget
from .mutations import RateMutation
from .queries import RateQuery

#: What the area's id arguments name, by argument name alone: the name means this on every
#: root field, core's and the plugins' (a plugin's ``ratePlanId`` names a rate plan without
#: declaring it). Field permissions, and ids whose meaning is the field's own (``id``), are
#: declared on the fields (``secure_field`` / ``secure_mutation``).
ID_ARGUMENTS: dict[str, ScopeTarget] = {"ratePlanId": RatePlanRow}

CONTRIBUTION = GraphQLContribution(
    queries=[RateQuery],
    mutations=[RateMutation],
    scoped_arguments=ID_ARGUMENTS,
)
