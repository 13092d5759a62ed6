"""GraphQL safety limits and production error masking, assembled from the settings.

Depth, alias and token limits refuse abusive documents before they run; introspection is
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
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator

from frontdesk.core.settings import Settings
from graphql import GraphQLError

from .security_policy import SecurityPolicy

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


def security_extensions(settings: Settings, policy: SecurityPolicy) -> list[Any]:
    """Extension factories (one instance per request) for a schema serving ``settings``."""
    # The depth and alias rules are classes made once here, not per request (as strawberry's
    # QueryDepthLimiter / MaxAliasesLimiter do): the validation cache is keyed by the rules,
    # and fresh classes every request made every request validate again (a sixth of a board).
    limit_rules = [
        depth_validator(settings.max_query_depth, None, None),
        alias_validator(settings.max_aliases),
    ]
    extensions: list[Any] = [
        functools.partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        functools.partial(AddValidationRules, limit_rules),
    ]
    if not settings.dev_mode:
        extensions += [DisableIntrospection, MaskUnexpectedErrors]
    # The access checks are not an extension here: install_guards puts them on the fields
    # that need them once the schema is built (graphql/schema.py).
    return extensions
