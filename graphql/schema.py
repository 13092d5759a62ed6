"""Assembling the schema from core and the enabled plugins' contributions.

Query and Mutation fields and fields added to core types are merged in a fixed order (core,
then plugins by name); a field name claimed twice fails start-up, where strawberry's
``merge_types`` would only warn and let the later class win.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable

import pluggy
import strawberry
from strawberry.extensions import MaskErrors, ParserCache, ValidationCache
from strawberry.tools import merge_types

from frontdesk.core.plugins import flatten

from .contributions import GraphQLContribution
from .core_mutations import CoreMutation
from .core_queries import CoreQuery
from .core_types import CORE_TYPES

_build_lock = threading.Lock()


class SchemaConflict(RuntimeError):
    """Two contributions claim the same field name."""


def _field_names(cls: type) -> list[str]:
    return [f.graphql_name or strawberry_camel(f.python_name) for f in _fields(cls)]


def _fields(cls: type):
    return cls.__strawberry_definition__.fields


def strawberry_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _check_unique(owner: str, classes: Iterable[type]) -> None:
    seen: dict[str, str] = {}
    for cls in classes:
        for name in _field_names(cls):
            if name in seen:
                raise SchemaConflict(
                    f"{owner}.{name} is contributed by both {seen[name]} and {cls.__name__}."
                )
            seen[name] = cls.__name__


def contributions(pm: pluggy.PluginManager) -> list[GraphQLContribution]:
    found = flatten(pm.hook.frontdesk_graphql_contribute())
    return sorted(
        (c for c in found if isinstance(c, GraphQLContribution)),
        key=lambda c: [t.__module__ for t in (c.queries + c.mutations + c.types)] or [""],
    )


def build_schema(pm: pluggy.PluginManager, *, dev_mode: bool = False) -> strawberry.Schema:
    parts = contributions(pm)
    queries = [CoreQuery, *[q for c in parts for q in c.queries]]
    mutations = [CoreMutation, *[m for c in parts for m in c.mutations]]
    _check_unique("Query", queries)
    _check_unique("Mutation", mutations)
    extensions: dict[str, list[type]] = {}
    for part in parts:
        for type_name, classes in part.type_extensions.items():
            if type_name not in CORE_TYPES:
                raise SchemaConflict(f"Cannot extend unknown core type {type_name}.")
            extensions.setdefault(type_name, []).extend(classes)
    for type_name, classes in extensions.items():
        _check_unique(type_name, [CORE_TYPES[type_name], *classes])

    query = merge_types("Query", tuple(queries))
    mutation = merge_types("Mutation", tuple(mutations))
    schema_extensions = [ParserCache(maxsize=256), ValidationCache(maxsize=256)]
    if not dev_mode:
        schema_extensions.append(MaskErrors())
    with _build_lock, _extended(extensions):
        return strawberry.Schema(
            query=query,
            mutation=mutation,
            types=[t for c in parts for t in c.types],
            extensions=schema_extensions,
        )


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
            definition = CORE_TYPES[type_name].__strawberry_definition__
            self.saved[type_name] = list(definition.fields)
            added = [copy.copy(f) for cls in classes for f in _fields(cls)]
            definition.fields = [*definition.fields, *added]

    def __exit__(self, *exc: object) -> None:
        for type_name, fields in self.saved.items():
            CORE_TYPES[type_name].__strawberry_definition__.fields = fields


def print_sdl(schema: strawberry.Schema) -> str:
    return schema.as_str() + "\n"
