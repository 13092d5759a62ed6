"""Depth and cost of a document, measured in time linear in its size, plus the request's
time budget during validation.

strawberry's ``QueryDepthLimiter`` walks a fragment again at every spread: a document whose
fragments each spread the next one twice (``fragment C0 on Query { ...C1 ...C1 }`` …) made
validation take 2^levels steps, and 40 levels (1.7 KB) held a server process for minutes.
Here every fragment is measured once and its (depth, cost) reused at every spread, so the
walk is linear in the document whatever it expands to.

The cost (after the OWASP GraphQL cheat sheet's "query cost analysis") is the number of
fields the document asks for once fragments are expanded, where a field taking ``first``
counts its selection once per requested row: ``first: N`` (at most the page size), or the
page size when ``first`` is a variable or absent. A document above ``max_query_cost`` is
refused before the other validation rules get to walk it."""

from __future__ import annotations

import contextvars
import time
from dataclasses import dataclass
from typing import Any

from graphql.validation.validate import ValidationAbortedError

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    get_named_type,
)

#: The monotonic time after which the current request is refused (set per request).
request_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "frontdesk_request_deadline", default=None
)


class TimeBudgetExceeded(ValidationAbortedError):
    """Raised inside validation once the request's time budget is spent: graphql-core stops
    the walk and answers with this error."""


def budget_error(budget_seconds: float | None = None) -> str:
    return "The request exceeded its time budget and was stopped." + (
        f" (budget {budget_seconds:g} s)" if budget_seconds else ""
    )


def check_deadline() -> None:
    deadline = request_deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TimeBudgetExceeded(budget_error(), extensions={"code": "TIME_BUDGET_EXCEEDED"})


@dataclass(frozen=True)
class Limits:
    max_depth: int
    max_cost: int
    page_size: int


@dataclass(frozen=True)
class _Measure:
    depth: int
    cost: int


class _Walker:
    """Measures selection sets; each fragment is measured once per document."""

    def __init__(self, schema: GraphQLSchema, document: Any, limits: Limits) -> None:
        self.schema = schema
        self.limits = limits
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.memo: dict[str, _Measure] = {}
        self.visiting: set[str] = set()

    def selection_set(self, node: SelectionSetNode | None, parent: Any) -> _Measure:
        depth, cost = 0, 0
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                part = self.field(selection, parent)
            elif isinstance(selection, FragmentSpreadNode):
                part = self.fragment(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                inner = parent
                if selection.type_condition is not None:
                    inner = self.schema.get_type(selection.type_condition.name.value)
                part = self.selection_set(selection.selection_set, inner)
            else:  # pragma: no cover - the grammar has no other selection
                continue
            depth = max(depth, part.depth)
            cost = min(cost + part.cost, self.limits.max_cost + 1)
        return _Measure(depth, cost)

    def fragment(self, name: str) -> _Measure:
        known = self.memo.get(name)
        if known is not None:
            return known
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return _Measure(0, 0)  # unknown fragments and cycles have rules of their own
        check_deadline()
        self.visiting.add(name)
        parent = self.schema.get_type(definition.type_condition.name.value)
        measure = self.selection_set(definition.selection_set, parent)
        self.visiting.discard(name)
        self.memo[name] = measure
        return measure

    def field(self, node: FieldNode, parent: Any) -> _Measure:
        name = node.name.value
        if name.startswith("__"):
            return _Measure(0, 1)
        definition = parent.fields.get(name) if hasattr(parent, "fields") else None
        if node.selection_set is None:
            return _Measure(0, 1)
        child_type = get_named_type(definition.type) if definition else None
        inner = self.selection_set(node.selection_set, child_type)
        rows = self._rows(node, definition)
        return _Measure(inner.depth + 1, 1 + rows * inner.cost)

    def _rows(self, node: FieldNode, definition: Any) -> int:
        if definition is None or "first" not in definition.args:
            return 1
        for argument in node.arguments or ():
            if argument.name.value == "first" and isinstance(argument.value, IntValueNode):
                return max(1, min(int(argument.value.value), self.limits.page_size))
        return self.limits.page_size


def create_cost_rule(limits: Limits) -> type[ValidationRule]:
    """A validation rule refusing operations deeper than ``max_depth`` or costlier than
    ``max_cost``; a class made once (the validation cache is keyed by the rules)."""

    class DepthAndCostRule(ValidationRule):
        def enter(self, node: Any, *_args: Any) -> None:
            check_deadline()
            if isinstance(node, DocumentNode):
                self._measure(node)

        def _measure(self, document: DocumentNode) -> None:
            context = self.context
            walker = _Walker(context.schema, document, limits)
            for operation in document.definitions:
                if not isinstance(operation, OperationDefinitionNode):
                    continue
                root = context.schema.get_root_type(operation.operation)
                measure = walker.selection_set(operation.selection_set, root)
                label = operation.name.value if operation.name else "anonymous"
                if measure.depth > limits.max_depth:
                    context.report_error(
                        GraphQLError(
                            f"'{label}' exceeds maximum operation depth of {limits.max_depth}",
                            operation,
                            extensions={"code": "QUERY_TOO_DEEP"},
                        )
                    )
                if measure.cost > limits.max_cost:
                    # Abort: the other rules need not walk what is refused anyway.
                    raise ValidationAbortedError(
                        f"'{label}' costs more than {limits.max_cost} (fields once fragments "
                        "are expanded, times the rows of each page).",
                        operation,
                        extensions={"code": "QUERY_TOO_COSTLY"},
                    )

    return DepthAndCostRule
