"""GraphQL safety limits and production error masking, assembled from the settings.

Depth, cost, alias and token limits refuse abusive documents before they run; introspection is
off in production (integrators use the committed docs/schema.graphql); an unexpected error is
logged with its stack and reaches the client only as "Unexpected error" with the request id."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from typing import Any

from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    SchemaExtension,
)
from strawberry.extensions.max_aliases import create_validator as alias_validator
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from frontdesk.core.settings import Settings
from graphql import GraphQLError, validate

from .cost import Limits, TimeBudgetExceeded, create_cost_rule
from .policy import SecurityPolicy

log = logging.getLogger("frontdesk.server")


class MaskUnexpectedErrors(SchemaExtension):
    """Replace errors raised by server bugs (an exception that is not a GraphQLError) with a
    generic message carrying the request id; the stack goes to the log, not the client."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if not errors:
            return
        request_id = getattr(self.execution_context.context, "request_id", "-")
        result.errors = [self._mask(error, request_id) for error in errors]

    @staticmethod
    def _mask(error: GraphQLError, request_id: str) -> GraphQLError:
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            return error
        log.error(
            "unexpected error in request %s at %s",
            request_id,
            error.path,
            exc_info=(type(original), original, original.__traceback__),
        )
        return GraphQLError(
            f"Unexpected error (request id {request_id}).",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL", "requestId": request_id},
        )


class Validation(SchemaExtension):
    """graphql-core's validation with the settings of this server, cached per document.

    Instead of strawberry's ``ValidationCache``: suggestions ("Did you mean 'stays'?") are
    hidden in production, where introspection is off and they would map the schema field by
    field; and a result cut short by the request's time budget is not cached."""

    def __init__(self, *, hide_suggestions: bool, maxsize: int = 256) -> None:
        self.hide_suggestions = hide_suggestions
        self.maxsize = maxsize

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        rules = (*context.validation_rules, MaybeNullValidationRule, OneOfInputValidationRule)
        # Keyed by the document's identity (the parser caches give the same object for the
        # same text), kept alive with the entry so that its id cannot be reused: a frozen
        # dataclass, the document hashes its whole tree (35 us for the board) every time.
        key = (id(context.schema._schema), id(document), rules)
        cached = _CACHE.get(key)
        if cached is not None and cached[0] is document:
            errors = cached[1]
        else:
            errors = validate(
                context.schema._schema, document, rules, hide_suggestions=self.hide_suggestions
            )
            if not any(isinstance(e, TimeBudgetExceeded) for e in errors):
                if len(_CACHE) >= self.maxsize:
                    _CACHE.pop(next(iter(_CACHE)))
                _CACHE[key] = (document, errors)
        context.pre_execution_errors = errors
        yield


_CACHE: dict[Any, tuple[Any, list[GraphQLError]]] = {}


def validation_extension(settings: Settings) -> Any:
    return functools.partial(Validation, hide_suggestions=not settings.dev_mode)


def security_extensions(settings: Settings, policy: SecurityPolicy) -> list[Any]:
    """Extension factories (one instance per request) for a schema serving ``settings``."""
    # The depth/cost and alias rules are classes made once here, not per request (as
    # strawberry's QueryDepthLimiter / MaxAliasesLimiter do): the validation cache is keyed by
    # the rules, and fresh classes every request made every request validate again (a sixth
    # of a board). Depth is measured by security_cost, linear in the document.
    limits = Limits(
        max_depth=settings.max_query_depth,
        max_cost=settings.max_query_cost,
        page_size=settings.max_page_size,
    )
    limit_rules = [create_cost_rule(limits), alias_validator(settings.max_aliases)]
    extensions: list[Any] = [
        functools.partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        functools.partial(AddValidationRules, limit_rules),
    ]
    if not settings.dev_mode:
        extensions += [DisableIntrospection, MaskUnexpectedErrors]
    # The access checks are not an extension here: install_guards puts them on the fields
    # that need them once the schema is built (graphql/schema.py).
    return extensions
