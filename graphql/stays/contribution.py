"""The stays area's part of the schema, contributed as a plugin contributes its own."""

from __future__ import annotations

from frontdesk.core.guests.tables import Guest as GuestRow
from frontdesk.core.stays.tables import Stay as StayRow

from ..common.contributions import GraphQLContribution, ScopeTarget
from .mutations import StayMutation
from .queries import StayQuery

#: What the area's id arguments name, by argument name alone: the name means this on every
#: root field, core's and the plugins' (a plugin's ``stayId`` names a stay without declaring
#: it). Field permissions, and ids whose meaning is the field's own (``id``), are declared on
#: the fields (``secure_field`` / ``secure_mutation``).
ID_ARGUMENTS: dict[str, ScopeTarget] = {"stayId": StayRow, "additionalGuestIds": GuestRow}

CONTRIBUTION = GraphQLContribution(
    queries=[StayQuery],
    mutations=[StayMutation],
    scoped_arguments=ID_ARGUMENTS,
)
