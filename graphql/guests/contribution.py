"""The guests area's part of the schema, contributed as a plugin contributes its own."""

from __future__ import annotations

from frontdesk.core.guests.tables import Guest as GuestRow

from ..common.contributions import GraphQLContribution, ScopeTarget
from .mutations import GuestMutation
from .queries import GuestQuery

#: What the area's id arguments name, by argument name alone: the name means this on every
#: root field, core's and the plugins' (a plugin's ``guestId`` names a guest without declaring
#: it). Field permissions, and ids whose meaning is the field's own (``id``), are declared on
#: the fields (``secure_field`` / ``secure_mutation``).
ID_ARGUMENTS: dict[str, ScopeTarget] = {"guestId": GuestRow}

CONTRIBUTION = GraphQLContribution(
    queries=[GuestQuery],
    mutations=[GuestMutation],
    scoped_arguments=ID_ARGUMENTS,
)
