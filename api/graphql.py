"""Contributing to the GraphQL schema: what a plugin's ``schema.py`` imports.

``GraphQLContribution`` is what ``frontdesk_graphql_contribute`` returns (Query and Mutation
classes, fields added to core types). Mutations take one ``input`` and answer a payload with
``errors: [UserError!]!``; ``run_mutation`` turns a domain error into those errors, and
``decode_id`` / ``maybe_id`` read the API's opaque ids. ``Money`` is the one money type.
"""

from __future__ import annotations

from frontdesk.graphql.common.connection import Connection, connection
from frontdesk.graphql.common.contributions import GraphQLContribution
from frontdesk.graphql.common.errors import (
    UserError,
    decode_id,
    decode_optional_id,
    maybe_id,
    run_mutation,
)
from frontdesk.graphql.common.money import Money, money, optional_money
from frontdesk.graphql.guests.types import Guest
from frontdesk.graphql.properties.types import Property, Room
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
    "run_mutation",
]
