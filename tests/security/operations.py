"""Generate a minimal, well-formed operation for any root field of the live schema, with
placeholder arguments, so every operation can be tried by every role."""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    get_named_type,
)

SCALARS = {
    "ID": "999999",  # no such object: operations on ids never touch real rows
    "String": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "Date": "2026-11-23",
    "DateTime": "2026-11-23T10:00:00+00:00",
    "Time": "10:00:00",
    "Decimal": "1.00",
    "JSON": "{}",
}


def placeholder(graphql_type: Any) -> Any:
    """A value for a required argument or input field (optional ones are left out)."""
    if isinstance(graphql_type, GraphQLNonNull):
        return placeholder(graphql_type.of_type)
    if isinstance(graphql_type, GraphQLList):
        return []
    if isinstance(graphql_type, GraphQLEnumType):
        return next(iter(graphql_type.values))
    if isinstance(graphql_type, GraphQLInputObjectType):
        return {
            name: placeholder(item.type)
            for name, item in graphql_type.fields.items()
            if isinstance(item.type, GraphQLNonNull) and item.default_value is _undefined()
        }
    if isinstance(graphql_type, GraphQLScalarType):
        return SCALARS.get(graphql_type.name, "x")
    raise TypeError(graphql_type)


def _undefined():
    from graphql.pyutils import Undefined

    return Undefined


def selection(field: GraphQLField) -> str:
    named = get_named_type(field.type)
    if isinstance(named, GraphQLObjectType):
        if "errors" in named.fields:
            return "{ __typename errors { code message field } }"
        return "{ __typename }"
    if isinstance(named, GraphQLUnionType):
        return "{ __typename }"
    return ""


def operation(root: str, name: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    """(document, variables) calling ``root.name`` with placeholders for required arguments."""
    definitions, arguments, variables = [], [], {}
    for arg_name, arg in field.args.items():
        if not isinstance(arg.type, GraphQLNonNull) or arg.default_value is not _undefined():
            continue
        definitions.append(f"${arg_name}: {arg.type}")
        arguments.append(f"{arg_name}: ${arg_name}")
        variables[arg_name] = placeholder(arg.type)
    head = "query" if root == "Query" else "mutation"
    signature = f"({', '.join(definitions)})" if definitions else ""
    call = f"({', '.join(arguments)})" if arguments else ""
    return f"{head}{signature} {{ {name}{call} {selection(field)} }}", variables


def root_fields(schema) -> list[tuple[str, str, GraphQLField]]:
    found = []
    for root in ("Query", "Mutation"):
        root_type = schema._schema.get_type(root)
        for name, field in root_type.fields.items():
            found.append((root, name, field))
    return found
