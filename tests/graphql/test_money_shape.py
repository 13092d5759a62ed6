"""One money shape: every money field of core and every plugin is ``Money {amount currency}``.

The rule (``frontdesk.graphql.common.money.NOT_MONEY`` and docs/money.md): an output field
whose type is the ``Decimal`` scalar, or whose name ends in a money word, is money unless
NOT_MONEY lists it with a reason."""

from __future__ import annotations

import re
from decimal import Decimal

import strawberry

from frontdesk.core.plugins import create_plugin_manager
from frontdesk.graphql.common.money import NOT_MONEY
from frontdesk.graphql.schema import build_schema
from frontdesk.testing import BUILTIN_PLUGINS
from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
)

MONEY_WORDS = {
    "amount",
    "price",
    "total",
    "balance",
    "net",
    "tax",
    "gross",
    "paid",
    "debit",
    "credit",
    "wage",
    "revenue",
    "fee",
    "cost",
    "adr",
    "revpar",
    "deposit",
    "limit",
}
NUMBER_OR_TEXT = {"Decimal", "String", "Int", "Float"}


def _named(field_type):
    while isinstance(field_type, GraphQLNonNull | GraphQLList):
        field_type = field_type.of_type
    return field_type


def _last_word(name: str) -> str:
    return re.findall(r"[a-z0-9]+|[A-Z][a-z0-9]*", name)[-1].lower()


def _output_fields(schema):
    for type_ in schema._schema.type_map.values():
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__"):
            for name, field in type_.fields.items():
                yield f"{type_.name}.{name}", name, _named(field.type)


def money_shape_violations(schema) -> list[str]:
    """Output fields that are money by the rule but not of type Money."""
    found = []
    for key, name, named in _output_fields(schema):
        if key in NOT_MONEY or key.startswith("Money."):
            continue
        is_decimal = isinstance(named, GraphQLScalarType) and named.name == "Decimal"
        money_named = _last_word(name) in MONEY_WORDS and named.name in NUMBER_OR_TEXT
        if is_decimal or money_named:
            found.append(f"{key}: {named.name}")
    return found


def test_every_money_field_of_core_and_plugins_is_money():
    schema = build_schema(create_plugin_manager(BUILTIN_PLUGINS))
    assert money_shape_violations(schema) == []


def test_core_alone_has_no_money_field_outside_money():
    assert money_shape_violations(build_schema(create_plugin_manager([]))) == []


def test_every_exemption_names_a_decimal_field_that_exists():
    schema = build_schema(create_plugin_manager(BUILTIN_PLUGINS))
    decimals = {key for key, _, named in _output_fields(schema) if named.name == "Decimal"}
    assert set(NOT_MONEY) <= decimals


@strawberry.type
class Probe:
    share: Decimal
    total_amount: str
    tax_rate_name: str


@strawberry.type
class Query:
    probe: Probe


def test_the_rule_catches_a_decimal_and_a_string_amount():
    assert sorted(money_shape_violations(strawberry.Schema(query=Query))) == [
        "Probe.share: Decimal",
        "Probe.totalAmount: String",
    ]
