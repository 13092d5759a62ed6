"""Lists answer a client's mistake in their arguments as data, never as a GraphQL error.

A negative ``first`` or a cursor this list never handed out (``core.pagination`` raises
``InvalidInput``) comes back as an empty connection whose ``errors`` say why, the way
``availability`` and ``quote`` answer and mutations' payloads do. Installed at schema build
on every root field returning a connection, core's and plugins' alike, so no list resolver
has to remember it."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from frontdesk.core.errors import DomainError
from graphql import GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, get_named_type
from graphql.execution import default_field_resolver

from .connection import Connection, empty_connection
from .errors import UserError

CONNECTION_FIELDS = {"nodes", "pageInfo", "errors"}


def is_connection(field_type: Any) -> bool:
    named = get_named_type(field_type)
    return isinstance(named, GraphQLObjectType) and CONNECTION_FIELDS <= set(named.fields)


def install_list_errors(schema: GraphQLSchema) -> int:
    """Wrap every root query field that returns a connection; returns how many. Run before
    ``install_guards``, which wraps whatever is installed."""
    installed = 0
    for field in (schema.query_type.fields if schema.query_type else {}).values():
        if is_connection(field.type):
            field.resolve = _answering_errors(field.resolve or default_field_resolver)
            installed += 1
    return installed


def _refused(error: DomainError) -> Connection:
    return empty_connection([UserError.from_domain(error)])


def _answering_errors(resolver: Callable) -> Callable:
    def resolve(source: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        try:
            result = resolver(source, info, **kwargs)
        except DomainError as error:
            return _refused(error)
        if inspect.isawaitable(result):
            return _later(result)
        return result

    return resolve


async def _later(result: Awaitable[Any]) -> Any:
    try:
        return await result
    except DomainError as error:
        return _refused(error)
