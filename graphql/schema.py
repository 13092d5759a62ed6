"""Assembling the schema from core's areas' and the enabled plugins' contributions.

Core's areas (graphql/<area>/contribution.py) hand in their part as plugins do: Query and
Mutation classes, fields added to other types (the folios' ``Stay.balance``), permission and
scope maps. They are merged in a fixed order (core's areas as ``CORE_CONTRIBUTIONS`` lists
them, then plugins by name); a field name claimed twice fails start-up, where strawberry's
``merge_types`` would only warn and let the later class win.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections.abc import Iterable
from typing import Any

import pluggy
import strawberry
from strawberry.tools import merge_types
from strawberry.types.base import StrawberryObjectDefinition

from frontdesk.core.auth.registry import registered_permissions
from frontdesk.core.settings import Settings

from .auth import contribution as auth
from .common.contributions import GraphQLContribution
from .common.error_codes import registered_codes, user_error_codes
from .common.list_arguments import install_list_errors
from .execution.switch import ExecutionShortcuts
from .execution.trusted import KnownDocumentParser, TrustedDocuments
from .folios import contribution as folios
from .folios.types import Folio
from .guests import contribution as guests
from .guests.types import Guest
from .http.availability_of_database import DatabaseUnavailable
from .live.schema import LiveSubscription, event_permissions, refuse_over_http
from .night_audit import contribution as night_audit
from .plugin_state import contribution as plugin_state
from .properties import contribution as properties
from .properties.types import Property, Room, RoomType
from .rates import contribution as rates
from .security import policy as security_policy
from .security.guard import install_guards
from .security.input_hygiene import StripNulCharacters
from .security.limits import security_extensions, validation_extension
from .security.plugin_gate import owned_contributions, ownership
from .stays import contribution as stays
from .stays.types import Stay

_build_lock = threading.Lock()
# Types plugins (and core's own areas) may add fields to.
EXTENDABLE_TYPES: dict[str, type] = {
    "Property": Property,
    "RoomType": RoomType,
    "Room": Room,
    "Guest": Guest,
    "Stay": Stay,
    "Folio": Folio,
}

#: Core's areas, contributed as plugins contribute theirs and assembled before them. Query and
#: Mutation list their fields in this order (the order they were added in: a later part of an
#: area comes after the areas added before it), so that the printed schema does not move
#: when an area is reorganised; a new field goes into its area's contribution.
CORE_CONTRIBUTIONS: tuple[GraphQLContribution, ...] = (
    properties.CONTRIBUTION,
    guests.CONTRIBUTION,
    stays.CONTRIBUTION,
    rates.CONTRIBUTION,
    folios.CONTRIBUTION,
    night_audit.CONTRIBUTION,
    folios.LEDGER_AND_DOCUMENTS,
    properties.UPDATES,
    auth.CONTRIBUTION,
    plugin_state.CONTRIBUTION,
)


class SchemaConflict(RuntimeError):
    """Two contributions claim the same field name."""


def field_names(cls: type) -> list[str]:
    return [f.graphql_name or strawberry_camel(f.python_name) for f in _fields(cls)]


def _fields(cls: type):
    return cls.__strawberry_definition__.fields


def strawberry_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _check_unique(owner: str, classes: Iterable[type]) -> None:
    seen: dict[str, str] = {}
    for cls in classes:
        for name in field_names(cls):
            if name in seen:
                raise SchemaConflict(
                    f"{owner}.{name} is contributed by both {seen[name]} and {cls.__name__}."
                )
            seen[name] = cls.__name__


def contributions(
    pm: pluggy.PluginManager, owned: list[tuple[str, GraphQLContribution]] | None = None
) -> list[GraphQLContribution]:
    """Core's contributions in their fixed order, then the plugins' by module name."""
    found = [part for _plugin, part in (owned if owned is not None else owned_contributions(pm))]
    plugins = sorted(
        found,
        key=lambda c: [t.__module__ for t in (c.queries + c.mutations + c.types)] or [""],
    )
    return [*CORE_CONTRIBUTIONS, *plugins]


def build_schema(
    pm: pluggy.PluginManager,
    *,
    dev_mode: bool = False,
    settings: Settings | None = None,
    extra_extensions: Iterable[type] = (),
) -> strawberry.Schema:
    """The schema for core and the enabled plugins, with the security extensions of
    ``settings`` (limits, masking, permission enforcement; docs/security.md) and the server's
    ``extra_extensions`` (metrics)."""
    settings = settings or Settings(dev_mode=dev_mode)
    owned = owned_contributions(pm)
    parts = contributions(pm, owned)
    queries = [q for c in parts for q in c.queries]
    mutations = [m for c in parts for m in c.mutations]
    _check_unique("Query", queries)
    _check_unique("Mutation", mutations)
    extensions = _type_extensions(parts)
    query = merge_types("Query", tuple(queries))
    mutation = merge_types("Mutation", tuple(mutations))
    policy = security_policy.assemble(parts)
    policy.plugins = ownership(pm, owned)
    shortcuts = ExecutionShortcuts.of(settings)
    trusted = TrustedDocuments(only=settings.trusted_documents_only)
    schema_extensions = [
        *extra_extensions,  # first in, last out: metrics see the final answer
        StripNulCharacters,
        functools.partial(KnownDocumentParser, trusted),
        validation_extension(settings),
        *security_extensions(settings, policy),
        DatabaseUnavailable,  # after the masking: it sees the original errors first
        *shortcuts.extensions(),
    ]
    codes = registered_codes(pm)
    with _build_lock, _extended(extensions), user_error_codes(codes):
        schema = strawberry.Schema(
            query=query,
            mutation=mutation,
            subscription=LiveSubscription,
            types=[t for c in parts for t in c.types],
            extensions=schema_extensions,
            **shortcuts.schema_options(),
        )
    security_policy.add_declared(policy, _declared_on_fields(schema, extensions))
    security_policy.check(schema, policy, set(registered_permissions(pm)))
    shortcuts.install_resolvers(schema)
    install_list_errors(schema._schema)
    install_guards(schema._schema, policy)
    shortcuts.install_marks(schema, trusted)
    refuse_over_http(schema._schema)
    schema.security_policy = policy  # type: ignore[attr-defined]
    schema.trusted_documents = _registered(trusted, schema, parts)  # type: ignore[attr-defined]
    schema.event_permissions = event_permissions(parts)  # type: ignore[attr-defined]
    return schema


def _type_extensions(parts: list[GraphQLContribution]) -> dict[str, list[type]]:
    """Core type name -> the classes whose fields the contributions add to it; an unknown
    type or a field added twice fails start-up."""
    extensions: dict[str, list[type]] = {}
    for part in parts:
        for type_name, classes in part.type_extensions.items():
            if type_name not in EXTENDABLE_TYPES:
                raise SchemaConflict(f"Cannot extend unknown core type {type_name}.")
            extensions.setdefault(type_name, []).extend(classes)
    for type_name, classes in extensions.items():
        _check_unique(type_name, [EXTENDABLE_TYPES[type_name], *classes])
    return extensions


def _registered(
    trusted: TrustedDocuments, schema: strawberry.Schema, parts: list[GraphQLContribution]
) -> TrustedDocuments:
    """The contributions' trusted documents, validated against the finished schema."""
    trusted.schema = schema._schema
    for part in parts:
        trusted.register_all(part.trusted_documents, part.source_name())
    return trusted


def _declared_on_fields(
    schema: strawberry.Schema, extensions: dict[str, list[type]]
) -> security_policy.FieldDeclarations:
    """Every permission and id scope declared on a field (``secure_field``): on the schema's
    object types, and on the fields plugins added to core types (which ``_extended`` takes
    back out of the core definitions once the schema is built)."""
    owners: list[tuple[str, Any]] = []
    for name, concrete in schema.schema_converter.type_map.items():
        definition = getattr(concrete, "definition", None)
        if isinstance(definition, StrawberryObjectDefinition):
            owners.append((name, definition))
    for name, classes in extensions.items():
        owners += [(name, cls.__strawberry_definition__) for cls in classes]
    return security_policy.FieldDeclarations.of(owners)


class _extended:
    """Add plugin fields to core type definitions while the schema is being built.

    graphql-core reads every field once while the schema is constructed and validated; the
    core definitions are restored afterwards so the next schema (another plugin set) starts
    clean.
    """

    def __init__(self, extensions: dict[str, list[type]]):
        self.extensions = extensions
        self.saved: dict[str, list] = {}

    def __enter__(self) -> None:
        for type_name, classes in self.extensions.items():
            definition = EXTENDABLE_TYPES[type_name].__strawberry_definition__
            self.saved[type_name] = list(definition.fields)
            added = [copy.copy(f) for cls in classes for f in _fields(cls)]
            definition.fields = [*definition.fields, *added]

    def __exit__(self, *exc: object) -> None:
        for type_name, fields in self.saved.items():
            EXTENDABLE_TYPES[type_name].__strawberry_definition__.fields = fields


def print_sdl(schema: strawberry.Schema) -> str:
    return schema.as_str() + "\n"
