"""The security policy of one schema: which permission every field needs, which arguments
name objects that belong to a property, and how a refused root field answers.

Assembled at schema build from what fields declare on themselves (``secure_field`` /
``secure_mutation``: core's areas and the built-in plugins declare every permission so) and
every contribution's ``scoped_arguments`` and ``unscoped_arguments`` (id argument names that
mean one thing on every root field) and ``field_permissions`` (kept for plugins written
against it). ``check`` fails
start-up when a root field has no entry, a protected nested field cannot be null, a map names
a permission nobody declared, or a root field takes an id argument whose scope nobody
declared."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import strawberry
from piccolo.columns import Column
from piccolo.table import Table
from strawberry.types.base import StrawberryList, StrawberryOptional

from frontdesk.core.auth.registry import PSEUDO_PERMISSIONS
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.graphql.common.connection import empty_connection
from frontdesk.graphql.common.contributions import (
    PERMISSION,
    SCOPES,
    UNSCOPED,
    GraphQLContribution,
    ScopeTarget,
)
from frontdesk.graphql.common.errors import UserError
from frontdesk.graphql.security.plugin_gate import PluginOwnership
from graphql import (
    GraphQLArgument,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    get_named_type,
)

log = logging.getLogger("frontdesk.security")

ROOT_TYPES = ("Query", "Mutation")
# Argument names that carry object ids: their scope must be declared.
ID_ARGUMENT = re.compile(r"^id$|Ids?$")

# Reads that are audited like mutations, because they hand out personal data wholesale.
AUDITED_QUERIES = frozenset({"Query.exportGuestData"})


class SecurityPolicyError(RuntimeError):
    """The schema and its permission maps disagree: start-up stops."""


@dataclass(frozen=True)
class Scope:
    """How to find the property of an object named by an argument: ``column`` read from
    ``table``'s row with that id (joining through foreign keys when the column is not the
    table's own); ``label`` names the object in audit records (``folio:12``)."""

    table: type[Table]
    column: Column
    label: str

    @classmethod
    def of(cls, target: ScopeTarget) -> Scope:
        if isinstance(target, Column):
            chain = target._meta.call_chain
            table = chain[0]._meta.table if chain else target._meta.table
            column = target
        elif target is PropertyRow:
            table, column = target, target.id
        else:
            table, column = target, getattr(target, "property", None)
            if not isinstance(column, Column):
                raise SecurityPolicyError(
                    f"{target.__name__} has no property column: scope its arguments with the "
                    "property column reached through its foreign keys (Table.fk.property)."
                )
        name = table.__name__.removesuffix("Row")
        return cls(table=table, column=column, label=name[:1].lower() + name[1:])

    def same_as(self, other: Scope) -> bool:
        def path(column: Column) -> str:
            return column._meta.get_full_name(with_alias=False)

        return self.table is other.table and path(self.column) == path(other.column)


@dataclass
class SecurityPolicy:
    field_permissions: dict[str, str] = field(default_factory=dict)
    # "stayId" (every root field) or "Query.folio.id" (that field only) -> Scope
    scoped_arguments: dict[str, Scope] = field(default_factory=dict)
    unscoped_arguments: set[str] = field(default_factory=set)
    root_types: dict[str, Any] = field(default_factory=dict)  # "Mutation.x" -> strawberry type
    audited_queries: frozenset[str] = AUDITED_QUERIES
    # which plugin owns which field and table (plugin_gate.py; issue #23)
    plugins: PluginOwnership = field(default_factory=PluginOwnership)

    def scope_of(self, root_field: str, argument: str) -> Scope | None:
        """The scope of ``argument`` (at any depth of ``input``) of ``root_field``."""
        return self.scoped_arguments.get(f"{root_field}.{argument}") or self.scoped_arguments.get(
            argument
        )

    def declared(self, root_field: str, argument: str) -> bool:
        qualified = f"{root_field}.{argument}"
        return (
            self.scope_of(root_field, argument) is not None
            or qualified in self.unscoped_arguments
            or argument in self.unscoped_arguments
        )


def assemble(parts: list[GraphQLContribution]) -> SecurityPolicy:
    """Merge the contributions' maps (core's areas' and the plugins'); two owners giving one
    field different permissions, or one argument different scopes, fail start-up. What fields
    declare on themselves joins once the schema is built (``add_declared``)."""
    policy = SecurityPolicy()
    sources = [(_owner(p), p.field_permissions) for p in parts]
    for owner, mapping in sources:
        _merge_permissions(policy, owner, mapping)
    scopes = [(_owner(p), p.scoped_arguments, p.unscoped_arguments) for p in parts]
    for owner, scoped, unscoped in scopes:
        _merge_scopes(policy, owner, scoped, unscoped)
    return policy


def add_declared(policy: SecurityPolicy, declared: FieldDeclarations) -> None:
    """Add what fields declare on themselves (``secure_field``) to ``policy``, under the
    same rules as the maps."""
    _merge_permissions(policy, "the field itself", declared.permissions)
    _merge_scopes(policy, "the field itself", declared.scopes, declared.unscoped)


def _merge_permissions(policy: SecurityPolicy, owner: str, mapping: dict[str, str]) -> None:
    for key, permission in mapping.items():
        known = policy.field_permissions.get(key)
        if known is not None and known != permission:
            raise SecurityPolicyError(
                f"{key} needs {known!r} per one declaration and {permission!r} per {owner}."
            )
        policy.field_permissions[key] = permission


def _merge_scopes(
    policy: SecurityPolicy, owner: str, scoped: dict[str, ScopeTarget], unscoped: Iterable[str]
) -> None:
    for name, target in scoped.items():
        scope = Scope.of(target)
        known = policy.scoped_arguments.get(name)
        if known is not None and not known.same_as(scope):
            raise SecurityPolicyError(
                f"Argument {name} names a {known.label} per one declaration and a "
                f'{scope.label} per {owner}; bind it to its fields ("Mutation.x.{name}").'
            )
        policy.scoped_arguments[name] = scope
    policy.unscoped_arguments.update(unscoped)
    both = policy.unscoped_arguments & set(policy.scoped_arguments)
    if both:
        raise SecurityPolicyError(f"Arguments both scoped and unscoped: {sorted(both)}.")


@dataclass
class FieldDeclarations:
    """What fields declare on themselves, keyed like the maps: ``"Query.stay"`` -> permission,
    ``"Query.stay.id"`` -> scope target, ``"Mutation.login.userId"`` unscoped."""

    permissions: dict[str, str] = field(default_factory=dict)
    scopes: dict[str, ScopeTarget] = field(default_factory=dict)
    unscoped: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, owners: Iterable[tuple[str, Any]]) -> FieldDeclarations:
        """From (GraphQL type name, strawberry object definition) pairs."""
        found = cls()
        for type_name, definition in owners:
            for item in definition.fields:
                metadata = item.metadata or {}
                key = f"{type_name}.{item.graphql_name or _camel(item.python_name)}"
                if PERMISSION in metadata:
                    found.permissions[key] = metadata[PERMISSION]
                for argument, target in metadata.get(SCOPES, {}).items():
                    found.scopes[f"{key}.{argument}"] = target
                found.unscoped.update(f"{key}.{a}" for a in metadata.get(UNSCOPED, ()))
        return found


def _owner(part: GraphQLContribution) -> str:
    classes = part.queries + part.mutations + part.types
    return classes[0].__module__ if classes else type(part).__module__


def id_arguments(root_field: Any) -> Iterator[tuple[str, str]]:
    """(path, name) of every argument and input field of a root field that carries ids by its
    name (``id``, ``stayId``, ``input.additionalGuestIds``)."""
    yield from _id_arguments("", root_field.args, frozenset())


def _id_arguments(
    prefix: str, items: dict[str, GraphQLArgument | GraphQLInputField], seen: frozenset[str]
) -> Iterator[tuple[str, str]]:
    for name, item in items.items():
        named = get_named_type(item.type)
        if isinstance(named, GraphQLInputObjectType):
            if named.name not in seen:
                yield from _id_arguments(f"{prefix}{name}.", named.fields, seen | {named.name})
        elif ID_ARGUMENT.search(name):
            yield f"{prefix}{name}", name


def check(schema: strawberry.Schema, policy: SecurityPolicy, registered: set[str]) -> None:
    """Refuse to start when enforcement would have a gap."""
    gql = schema._schema
    problems: list[str] = []
    for root in ROOT_TYPES:
        root_type = gql.get_type(root)
        if not isinstance(root_type, GraphQLObjectType):
            continue
        for name in root_type.fields:
            key = f"{root}.{name}"
            if key not in policy.field_permissions:
                problems.append(f"{key} has no permission entry")
            definition = schema.get_type_by_name(root)
            policy.root_types[key] = _field_type(definition, name)
            for path, argument in id_arguments(root_type.fields[name]):
                if not policy.declared(key, argument):
                    problems.append(
                        f"{key} argument {path} has no declared scope (scoped_arguments or "
                        "unscoped_arguments)"
                    )
    for key, permission in policy.field_permissions.items():
        if permission not in registered and permission not in PSEUDO_PERMISSIONS:
            problems.append(f"{key} needs {permission!r}, which no one declared")
        type_name, _, field_name = key.partition(".")
        if type_name in ROOT_TYPES:
            continue
        owner = gql.get_type(type_name)
        if not isinstance(owner, GraphQLObjectType) or field_name not in owner.fields:
            log.warning("permission map names %s, which this schema does not have", key)
            continue
        if redacted_value(owner.fields[field_name].type) is CANNOT_REDACT:
            problems.append(f"{key} is protected but non-null: it could not be redacted")
    if problems:
        raise SecurityPolicyError("Security policy incomplete: " + "; ".join(sorted(problems)))


CANNOT_REDACT = object()


def redacted_value(graphql_type: Any) -> Any:
    """What a protected field shows a caller without its permission: null, or an empty list
    for a non-null list; ``CANNOT_REDACT`` for other non-null types."""
    if not isinstance(graphql_type, GraphQLNonNull):
        return None
    if isinstance(graphql_type.of_type, GraphQLList):
        return []
    return CANNOT_REDACT


def _field_type(definition: Any, graphql_name: str) -> Any:
    for candidate in definition.fields:
        if (candidate.graphql_name or _camel(candidate.python_name)) == graphql_name:
            return candidate.type
    return None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def payload_refusal(field_type: Any, error: UserError) -> tuple[bool, Any]:
    """A refusal that only a payload with ``errors`` can carry as data (not an empty list)."""
    inner = field_type.of_type if isinstance(field_type, StrawberryOptional) else field_type
    if _has_errors(inner):
        return True, _payload(inner, error)
    return False, None


def refusal(field_type: Any, error: UserError) -> tuple[bool, Any]:
    """The answer of a refused root field that can carry the refusal as data: a payload with
    ``errors``, an empty Connection or list, or null. ``(False, None)`` when it cannot."""
    if isinstance(field_type, StrawberryOptional):
        inner = field_type.of_type
        if _has_errors(inner):
            return True, _payload(inner, error)
        return True, None
    if isinstance(field_type, StrawberryList):
        return True, []
    definition = getattr(field_type, "__strawberry_definition__", None)
    if definition is not None and {f.python_name for f in definition.fields} >= {
        "nodes",
        "page_info",
    }:
        return True, empty_connection()
    if _has_errors(field_type):
        return True, _payload(field_type, error)
    return False, None


def _has_errors(field_type: Any) -> bool:
    definition = getattr(field_type, "__strawberry_definition__", None)
    return definition is not None and any(f.python_name == "errors" for f in definition.fields)


def _payload(payload_type: Any, error: UserError) -> Any:
    values: dict[str, Any] = {}
    for item in payload_type.__strawberry_definition__.fields:
        if item.python_name == "errors":
            values["errors"] = [error]
        elif item.base_resolver is not None:
            continue
        elif isinstance(item.type, StrawberryList):
            values[item.python_name] = []
        else:
            values[item.python_name] = None
    return payload_type(**values)
