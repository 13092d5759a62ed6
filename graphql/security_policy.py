"""The security policy of one schema: which permission every field needs, which arguments
name objects that belong to a property, and how a refused root field answers.

Assembled at schema build from core's map (core_permissions), the money area's
(money_permissions, when present) and every plugin contribution's ``field_permissions`` and
``scoped_arguments``. ``check`` fails start-up when a root field has no entry, a protected
nested field cannot be null, or a map names a permission nobody declared."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from dataclasses import dataclass, field
from typing import Any

import strawberry
from strawberry.types.base import StrawberryList, StrawberryOptional

from frontdesk.core.auth.registry import PSEUDO_PERMISSIONS
from frontdesk.core.guests.tables import Guest as GuestRow
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.properties.tables import Room as RoomRow
from frontdesk.core.properties.tables import RoomType as RoomTypeRow
from frontdesk.core.stays.tables import Stay as StayRow
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType

from .contributions import GraphQLContribution
from .core_permissions import CORE_FIELD_PERMISSIONS
from .core_types import Connection, PageInfo
from .errors import UserError

log = logging.getLogger("frontdesk.security")

ROOT_TYPES = ("Query", "Mutation")
MONEY_PERMISSIONS_MODULE = "frontdesk.graphql.money_permissions"

# Argument (or input field) name -> (table whose rows carry ``property``, audit label).
CORE_SCOPED_ARGUMENTS: dict[str, tuple[Any, str]] = {
    "propertyId": (PropertyRow, "property"),
    "roomTypeId": (RoomTypeRow, "roomType"),
    "roomId": (RoomRow, "room"),
    "guestId": (GuestRow, "guest"),
    "propertyIds": (PropertyRow, "property"),
    "additionalGuestIds": (GuestRow, "guest"),
    "stayId": (StayRow, "stay"),
}

# Reads that are audited like mutations, because they hand out personal data wholesale.
AUDITED_QUERIES = frozenset({"Query.exportGuestData"})


class SecurityPolicyError(RuntimeError):
    """The schema and its permission maps disagree: start-up stops."""


@dataclass
class SecurityPolicy:
    field_permissions: dict[str, str] = field(default_factory=dict)
    scoped_arguments: dict[str, tuple[Any, str]] = field(default_factory=dict)
    root_types: dict[str, Any] = field(default_factory=dict)  # "Mutation.x" -> strawberry type
    audited_queries: frozenset[str] = AUDITED_QUERIES


def money_permissions() -> dict[str, str]:
    if importlib.util.find_spec(MONEY_PERMISSIONS_MODULE) is None:
        return {}
    module = importlib.import_module(MONEY_PERMISSIONS_MODULE)
    return dict(getattr(module, "MONEY_FIELD_PERMISSIONS", {}))


def assemble(parts: list[GraphQLContribution]) -> SecurityPolicy:
    """Merge the maps; two owners giving one field different permissions fail start-up."""
    policy = SecurityPolicy(scoped_arguments=dict(CORE_SCOPED_ARGUMENTS))
    sources = [("core", CORE_FIELD_PERMISSIONS), ("money", money_permissions())]
    sources += [(type(p).__module__, p.field_permissions) for p in parts]
    for owner, mapping in sources:
        for key, permission in mapping.items():
            known = policy.field_permissions.get(key)
            if known is not None and known != permission:
                raise SecurityPolicyError(
                    f"{key} needs {known!r} per one map and {permission!r} per {owner}."
                )
            policy.field_permissions[key] = permission
    for part in parts:
        for name, table in (getattr(part, "scoped_arguments", None) or {}).items():
            label = name.removesuffix("Ids").removesuffix("Id") or name
            policy.scoped_arguments.setdefault(name, (table, label))
    return policy


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
    if _has_errors(field_type):
        return True, _payload(field_type, error)
    definition = getattr(field_type, "__strawberry_definition__", None)
    if definition is not None and {f.python_name for f in definition.fields} >= {
        "nodes",
        "page_info",
    }:
        return True, Connection(nodes=[], page_info=PageInfo(has_next_page=False, end_cursor=None))
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
