"""Contributing to the GraphQL schema: what a plugin's ``schema.py`` imports.

``GraphQLContribution`` is what ``frontdesk_graphql_contribute`` returns (Query and Mutation
classes, fields added to core types). Mutations take one ``input`` and answer a payload with
``errors: [UserError!]!``; ``run_mutation`` turns a domain error into those errors,
``service_mutation`` declares a mutation that maps its input onto one service call, and
``decode_id`` / ``maybe_id`` read the API's opaque ids. ``Money`` is the one money type.
``secure_field`` / ``secure_mutation`` are strawberry's ``field`` / ``mutation`` with the
permission a caller needs (and a root field's id scopes) declared on the field itself;
``property_scope(info, Table.property)`` keeps a list's page to the caller's properties.
"""

from __future__ import annotations

from frontdesk.graphql.common.connection import Connection, connection
from frontdesk.graphql.common.contributions import (
    GraphQLContribution,
    secure_field,
    secure_mutation,
)
from frontdesk.graphql.common.errors import (
    UserError,
    decode_id,
    decode_optional_id,
    maybe_id,
    run_mutation,
)
from frontdesk.graphql.common.money import Money, money, optional_money
from frontdesk.graphql.common.mutations import service_mutation
from frontdesk.graphql.guests.types import Guest
from frontdesk.graphql.properties.types import Property, Room
from frontdesk.graphql.security.scope import property_scope
from frontdesk.graphql.stays.types import Stay

__all__ = [
    "Connection",
    "GraphQLContribution",
    "Guest",
    "Money",
    "Property",
    "Room",
    "Stay",
    "UserError",
    "connection",
    "decode_id",
    "decode_optional_id",
    "maybe_id",
    "money",
    "optional_money",
    "property_scope",
    "run_mutation",
    "secure_field",
    "secure_mutation",
    "service_mutation",
]
