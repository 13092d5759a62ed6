"""What a plugin hands the API through ``frontdesk_graphql_contribute``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class GraphQLContribution:
    """A plugin's part of the schema.

    * ``queries`` / ``mutations``: strawberry types whose fields join Query / Mutation.
    * ``types``: extra types to register even if no field returns them directly.
    * ``type_extensions``: core type name (``"Stay"``, ``"Guest"``, ``"Room"``…) -> strawberry
      types whose fields are added to it; their resolvers get the core row as ``self``.
    * ``field_permissions``: ``"Query.conciergeRequests"`` (type name . GraphQL field name) ->
      the permission a caller needs for it; the API enforces these in one place.
    """

    queries: list[type] = field(default_factory=list)
    mutations: list[type] = field(default_factory=list)
    types: list[type] = field(default_factory=list)
    type_extensions: dict[str, list[type]] = field(default_factory=dict)
    field_permissions: dict[str, str] = field(default_factory=dict)
