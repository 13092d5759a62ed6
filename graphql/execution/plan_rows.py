"""A compiled plan's reads of rows and coercions of scalars, without piccolo's descriptors.

After session 7 the board's plan spent most of its Python calls below execution proper:
piccolo's column descriptors (each attribute of a row two or three Python calls, a foreign
key's through its ``__getattribute__``), the related-row resolvers (a resolver call, the
loaders' ``row``, a foreign-key read each for about 1,350 guests, rooms and room types) and
graphql-core's output coercions (``serialize_id`` -> ``coerce_id_from_number`` for every
id, a loop over the members for every enum). What is here gives the plan the same values
by cheaper means, each exactly equal to what it replaces:

* ``output``: a scalar's coercion with the common cases answered at once (a ``str`` for a
  String or ID, a ``bool`` for a Boolean, an ``int`` for an ID or an Int in range, a member
  of a strawberry enum), anything else through the type's own coercion;
* ``from_loaded``: a resolver marked ``prefetch.reads_row`` answered from the request's
  loaded rows by the column's value read from the row's dictionary (``core.rows.
  plain_columns``), the resolver itself called whenever that is not plainly possible.

tests/graphql/test_execution_plan.py compares the plan's answers with plain execution's;
tests/graphql/test_row_reads.py checks these pieces against what they replace.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql.type.scalars import serialize_boolean, serialize_id, serialize_int, serialize_string
from strawberry.schema.schema_converter import CustomGraphQLEnumType

from frontdesk.core.rows import PLAIN_COLUMNS, plain_columns
from graphql import GRAPHQL_MAX_INT, GRAPHQL_MIN_INT

Coerce = Callable[[Any], Any]


def output(leaf: Any) -> tuple[type | None, Coerce]:
    """``(exact, coerce)`` for a leaf type: a value whose type is exactly ``exact`` is its
    own output, anything else goes through ``coerce`` (equal to ``coerce_output_value``)."""
    coerce = leaf.coerce_output_value
    if coerce is serialize_string:
        return str, coerce
    if coerce is serialize_boolean:
        return bool, coerce
    if coerce is serialize_id:

        def id_out(value: Any) -> Any:
            return str(value) if type(value) is int else coerce(value)

        return str, id_out
    if coerce is serialize_int:

        def int_out(value: Any) -> Any:
            if type(value) is int and GRAPHQL_MIN_INT <= value <= GRAPHQL_MAX_INT:
                return value
            return coerce(value)

        return None, int_out
    if isinstance(leaf, CustomGraphQLEnumType) and (
        type(leaf).coerce_output_value is CustomGraphQLEnumType.coerce_output_value
    ):
        return None, _enum_out(leaf)
    return None, coerce


def _enum_out(leaf: CustomGraphQLEnumType) -> Coerce:
    """strawberry's enum coercion (the first GraphQL value equal to the member's value
    names it) worked out once per member instead of looped over for every row."""
    cls, coerce = leaf.wrapped_cls, leaf.coerce_output_value
    # By the member's value (one member per value in an Enum): a member's own hash is a
    # Python call, its value's a C one.
    names: dict[Any, str] = {}
    try:
        for member in cls:
            for name, value in leaf.values.items():
                if member.value == value.value:
                    names[member._value_] = name
                    break
    except TypeError:  # an unhashable value: the type's own coercion for every member
        return coerce

    def enum_out(value: Any) -> Any:
        if type(value) is cls:
            name = names.get(value._value_)
            if name is not None:
                return name
        return coerce(value)

    return enum_out


def from_loaded(
    resolver: Callable[[Any, Any], Any], reads: tuple[Any, str, str], loaders: Any
) -> Callable[[Any, Any], Any]:
    """``resolver`` (marked ``reads_row(table, column, namespace)``: it answers
    ``loaders.row(table, source.<column>)``) answered from ``loaders.loaded(table)`` when
    the source is a piccolo row, the column holds a key and that key's row is loaded;
    otherwise the resolver itself answers (a null key, a row not loaded, another source)."""
    table, column, namespace = reads
    loaded = loaders.loaded(table, namespace=namespace)

    def call(source: Any, info: Any) -> Any:
        columns = PLAIN_COLUMNS.get(type(source))
        if column in (plain_columns(type(source)) if columns is None else columns):
            key = source.__dict__[column]
            if key is not None and key in loaded:
                return loaded[key]
        return resolver(source, info)

    return call
