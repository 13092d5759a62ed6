"""What a plugin hands the API through ``frontdesk_graphql_contribute``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import strawberry
from piccolo.columns import Column
from piccolo.table import Table

# What an id argument names: a table whose rows carry a ``property`` column, or, for a table
# without one, the property column reached through its foreign keys (``TimeOff.staff.property``).
ScopeTarget = type[Table] | Column

# Where a field's declarations live in its strawberry metadata (read by security_policy).
PERMISSION = "frontdesk.permission"
SCOPES = "frontdesk.scopes"
UNSCOPED = "frontdesk.unscoped"


@dataclass
class GraphQLContribution:
    """A plugin's part of the schema.

    * ``queries`` / ``mutations``: strawberry types whose fields join Query / Mutation.
    * ``types``: extra types to register even if no field returns them directly.
    * ``type_extensions``: core type name (``"Stay"``, ``"Guest"``, ``"Room"``…) -> strawberry
      types whose fields are added to it; their resolvers get the core row as ``self``.
    * ``field_permissions``: ``"Query.conciergeRequests"`` (type name . GraphQL field name) ->
      the permission a caller needs for it; the API enforces these in one place. Kept for
      plugins written against it: core's areas and the built-in plugins declare every
      permission on its field instead (``secure_field`` / ``secure_mutation``).
    * ``scoped_arguments``: the objects your root fields' id arguments name, so that a caller
      limited to some properties cannot reach another property's by guessing ids. Key: an
      argument or input-field name (``"requestId"``: on every root field) or
      ``"Query.conciergeEvent.id"`` (that root field only; needed for ``id`` and for names
      another owner already uses with another meaning). Value: a ``ScopeTarget``.
    * ``unscoped_arguments``: id arguments (same key forms) that name objects no property owns.
      Start-up fails on a root field argument named ``id``, ``…Id`` or ``…Ids`` (also inside
      ``input``) that is in neither map, so a new operation cannot forget its scope.
    * ``event_permissions``: event name (``"concierge.request_changed"``) or area (the part
      before the first dot, ``"concierge"``) -> the permission a subscriber needs to receive
      the plugin's committed events live (docs/live.md); events no map names are not sent.
    * ``trusted_documents``: the GraphQL documents the plugin's own client sends (its web
      panel's queries), registered as trusted documents: parsed and validated once at start,
      nameable by sha256, and the only ones answered with FRONTDESK_TRUSTED_DOCUMENTS_ONLY.
    """

    queries: list[type] = field(default_factory=list)
    mutations: list[type] = field(default_factory=list)
    types: list[type] = field(default_factory=list)
    type_extensions: dict[str, list[type]] = field(default_factory=dict)
    field_permissions: dict[str, str] = field(default_factory=dict)
    scoped_arguments: dict[str, ScopeTarget] = field(default_factory=dict)
    unscoped_arguments: frozenset[str] = frozenset()
    event_permissions: dict[str, str] = field(default_factory=dict)
    trusted_documents: tuple[str, ...] = ()

    def source_name(self) -> str:
        """The module that contributed this part, for start-up logs."""
        owners = [*self.queries, *self.mutations, *self.types]
        return owners[0].__module__ if owners else "a contribution"


def declared(
    permission: str | None,
    scopes: Mapping[str, ScopeTarget] | None = None,
    unscoped: Iterable[str] = (),
    metadata: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Strawberry field metadata carrying what the security policy must know of the field."""
    declared_metadata: dict[str, Any] = dict(metadata or {})
    if permission is not None:
        declared_metadata[PERMISSION] = permission
    if scopes:
        declared_metadata[SCOPES] = dict(scopes)
    if unscoped:
        declared_metadata[UNSCOPED] = frozenset(unscoped)
    return declared_metadata


def secure_field(
    resolver: Any = None,
    *,
    permission: str | None = None,
    scopes: Mapping[str, ScopeTarget] | None = None,
    unscoped: Iterable[str] = (),
    metadata: Mapping[str, Any] | None = None,
    **options: Any,
) -> Any:
    """``strawberry.field`` with the permission a caller needs declared where the field is
    defined, and for a root field the scope of its id arguments (``{"id": Table}``) or the
    arguments that name objects no property owns. Start-up reads them from here and fails on
    a root field without a permission or an id argument without a scope."""
    options["metadata"] = declared(permission, scopes, unscoped, metadata)
    return strawberry.field(resolver, **options)


def secure_mutation(
    resolver: Any = None,
    *,
    permission: str | None = None,
    scopes: Mapping[str, ScopeTarget] | None = None,
    unscoped: Iterable[str] = (),
    metadata: Mapping[str, Any] | None = None,
    **options: Any,
) -> Any:
    """``strawberry.mutation`` with its permission and id scopes declared (see secure_field)."""
    options["metadata"] = declared(permission, scopes, unscoped, metadata)
    return strawberry.mutation(resolver, **options)
