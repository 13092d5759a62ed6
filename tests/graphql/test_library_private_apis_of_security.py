"""Every private or internal API of strawberry and graphql-core that the security limits
(graphql/security/limits.py, graphql/security/cost.py) rely on still exists and behaves as they
use it: one test each, named for it, so that an upgrade fails here by name rather than as a
limit that silently stops limiting. docs/architecture.md lists the same APIs, beside the
execution shortcuts' (tests/graphql/test_library_private_apis.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import strawberry
import strawberry.schema.schema as strawberry_schema
from graphql.validation.validate import ValidationAbortedError
from strawberry.extensions import AddValidationRules, SchemaExtension
from strawberry.extensions.max_aliases import create_validator
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from graphql import DocumentNode, GraphQLError, ValidationRule, parse, specified_rules, validate


@strawberry.type
class Query:
    @strawberry.field
    def name(self) -> str:
        return "adler"

    @strawberry.field
    def broken(self) -> str | None:
        raise RuntimeError("a server bug")


def _schema(*extensions: Any) -> strawberry.Schema:
    return strawberry.Schema(query=Query, extensions=list(extensions))


def test_strawberry_validate_document_adds_exactly_maybe_null_and_one_of_rules(monkeypatch):
    # limits.Validation replaces strawberry's validation and adds these two rules itself: a
    # rule strawberry adds in a new version would be skipped silently.
    seen: list[tuple] = []
    monkeypatch.setattr(strawberry_schema, "validate", lambda s, d, rules: seen.append(rules))
    strawberry_schema.validate_document(_schema()._schema, parse("{ name }"), ())
    assert seen == [(MaybeNullValidationRule, OneOfInputValidationRule)]


async def test_strawberry_skips_its_validation_once_an_extension_set_pre_execution_errors(
    monkeypatch,
):
    # limits.Validation sets ExecutionContext.pre_execution_errors in on_validate; strawberry
    # must then neither validate again nor execute a refused document.
    def must_not_run(*_args: Any) -> Any:
        raise AssertionError("strawberry validated again")

    monkeypatch.setattr(strawberry_schema, "validate_document", must_not_run)

    class Refuse(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            refused = "refused" in str(self.execution_context.query)
            self.execution_context.pre_execution_errors = (
                [GraphQLError("refused by the extension")] if refused else []
            )
            yield

    schema = _schema(Refuse)
    assert (await schema.execute("{ name }")).data == {"name": "adler"}
    result = await schema.execute("query refused { name }")
    assert result.data is None
    assert [e.message for e in result.errors] == ["refused by the extension"]


async def test_strawberry_execution_context_graphql_document_and_validation_rules():
    # limits.Validation validates execution_context.graphql_document with the rules the
    # AddValidationRules extensions put into execution_context.validation_rules.
    class Marker(ValidationRule):
        pass

    seen: dict[str, Any] = {}

    class Spy(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            seen["document"] = self.execution_context.graphql_document
            seen["rules"] = self.execution_context.validation_rules
            yield

    schema = _schema(Spy, AddValidationRules([Marker]))
    assert not (await schema.execute("{ name }")).errors
    assert isinstance(seen["document"], DocumentNode)
    assert isinstance(seen["rules"], tuple) and Marker in seen["rules"]


def test_graphql_core_validate_takes_hide_suggestions():
    # Production validates with hide_suggestions=True so that errors do not map the schema.
    gql = _schema()._schema
    document = parse("{ nme }")
    shown = validate(gql, document, specified_rules)
    hidden = validate(gql, document, specified_rules, hide_suggestions=True)
    assert "Did you mean" in shown[0].message
    assert "Did you mean" not in hidden[0].message


def test_graphql_core_validation_aborted_error_ends_validation_with_that_error():
    # cost.py raises a ValidationAbortedError subclass (TimeBudgetExceeded) or the error itself
    # (QUERY_TOO_COSTLY) from a rule; validate must stop and answer with that very error, so
    # that limits.Validation can tell a budget cut (not cached) by its type.
    class Budget(ValidationAbortedError):
        pass

    calls: list[str] = []

    class Abort(ValidationRule):
        def enter_field(self, node: Any, *_args: Any) -> None:
            calls.append(node.name.value)
            raise Budget("over budget", extensions={"code": "TIME_BUDGET_EXCEEDED"})

    errors = validate(_schema()._schema, parse("{ name broken }"), [Abort])
    assert calls == ["name"]
    assert len(errors) == 1 and isinstance(errors[0], Budget)
    assert errors[0].extensions == {"code": "TIME_BUDGET_EXCEEDED"}


@pytest.mark.parametrize(("aliases", "refused"), [(2, False), (3, True)])
def test_strawberry_max_aliases_create_validator(aliases, refused):
    # limits.security_extensions makes the alias rule once with this internal factory
    # (strawberry's MaxAliasesLimiter would make a new class per request).
    rule = create_validator(2)
    assert issubclass(rule, ValidationRule)
    document = parse("{ " + " ".join(f"a{i}: name" for i in range(aliases)) + " }")
    errors = validate(_schema()._schema, document, [rule])
    assert bool(errors) is refused


async def test_strawberry_operation_result_errors_replaceable_in_on_operation():
    # MaskUnexpectedErrors replaces execution_context.result.errors after the operation, and
    # reads GraphQLError.original_error to tell a server bug from a refusal.
    originals: list[Any] = []

    class Mask(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            yield
            result = self.execution_context.result
            originals.extend(e.original_error for e in result.errors)
            result.errors = [GraphQLError("masked", path=e.path) for e in result.errors]

    result = await _schema(Mask).execute("{ name broken }")
    assert isinstance(originals[0], RuntimeError)
    assert [e.message for e in result.errors] == ["masked"]
    assert result.data == {"name": "adler", "broken": None}


async def test_strawberry_parser_cache_gives_one_document_object_per_text():
    # limits.Validation keys its cache by the document's identity: strawberry's ParserCache
    # must hand the same DocumentNode for the same text, or every request validates again.
    from strawberry.extensions import ParserCache

    seen: list[Any] = []

    class Spy(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            seen.append(self.execution_context.graphql_document)
            yield

    schema = _schema(ParserCache(maxsize=8), Spy)
    for _ in range(2):
        assert not (await schema.execute("{ name }")).errors
    assert len(seen) == 2 and seen[0] is seen[1]
