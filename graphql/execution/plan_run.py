"""Running a compiled plan (plan.py) for one request, inside ``ShortcutExecutor``.

The root fields are resolved as graphql-core resolves them (their guards, arguments from the
request's variables, the list look-ahead), all at once so that the board's three lists share
their statements; then each object plan is bound once per request and every row turned into
its dictionary by one loop. Anything unusual raises ``Fallback``: the executor then runs the
operation through graphql-core, which answers it (errors included) as it always did.
"""

from __future__ import annotations

import asyncio
import inspect
import operator
from collections.abc import Callable
from itertools import repeat
from typing import Any

from graphql.pyutils import Path, Undefined

from frontdesk.core.rows import PLAIN_COLUMNS, plain_columns

from .plan import STATS, Fallback, ObjectPlan, OperationPlan, Step
from .plan_rows import from_loaded

#: One bound step: (response name, attribute, reader, exact type, coercion, non-null,
#: resolve); a scalar read from the row has a reader (and, when the reader only gets an
#: attribute, its name) and its output (``plan_rows.output``), anything else a
#: ``resolve(source)``.
Bound = tuple[str, Any, Any, Any, Any, bool, Any]


class Run:
    """One request's execution of a plan: each object plan is bound once per request (the
    guard's decisions taken, the resolvers' info objects made), then every row goes through
    one loop over its bound steps, a scalar costing its read and its coercion."""

    def __init__(self, executor: Any) -> None:
        from frontdesk.graphql.security.guard import allowed  # the guard wraps this package

        self.executor = executor
        self.principal = getattr(executor.context_value, "principal", None)
        self.allowed = lambda permission: allowed(self.principal, permission)
        # Rows of other properties are dropped only for a caller limited to some properties.
        self.limited = getattr(self.principal, "property_ids", None) is not None

    def bind(self, plan: ObjectPlan) -> list[Bound]:
        bound: list[Bound] = []
        for step in plan.steps:
            if step.kind == "leaf":
                exact, coerce = step.output
                read = (step.attribute, step.read, exact, coerce, step.non_null, None)
                bound.append((step.name, *read))
            elif step.kind == "typename":
                typename = lambda _s, v=step.leaf: v  # noqa: E731
                bound.append((step.name, None, None, None, None, False, typename))
            else:
                bound.append((step.name, None, None, None, None, False, self._bind(plan, step)))
        return bound

    def _bind(self, plan: ObjectPlan, step: Step) -> Callable[[Any], Any]:
        from frontdesk.graphql.security.guard import visible
        from frontdesk.graphql.security.policy import redacted_value

        if step.permission is not None and not self.allowed(step.permission):
            value = redacted_value(step.return_type)
            if value is not None and value != []:
                raise Fallback("the guard cannot redact it")
            if value is None and step.non_null:
                raise Fallback("null for a non-null field")
            return lambda _source: value
        info = self.executor.build_resolve_info(
            plan.type_.fields[step.field_name],
            [step.node],
            plan.type_,
            Path(None, step.name, plan.type_.name),
        )
        resolver, principal, limited = step.resolver, self.principal, self.limited
        direct = getattr(resolver, "direct", None)
        if direct is not None:  # one strawberry Info for every row, not one per row
            function, info_name, info_class, definition = direct
            resolver = _with_info(function, info_name, info_class(info, definition))
            reads = getattr(function, "reads_row", None)
            context = self.executor.context_value
            if reads is not None and hasattr(context, "loaders"):
                resolver = from_loaded(resolver, reads, context.loaders)
        finish = self._finisher(step)

        def resolve(source: Any) -> Any:
            result = resolver(source, info)  # type: ignore[misc]
            if hasattr(result, "__await__"):
                if inspect.iscoroutine(result):
                    result.close()
                raise Fallback("an awaitable")
            return finish(visible(principal, result) if limited else result)

        return resolve

    def _finisher(self, step: Step) -> Callable[[Any], Any]:
        """What turns the resolver's value into the answer: a scalar's coercion, an object's
        bound steps, a list's items."""
        if step.sub is None:
            exact, coerce = step.output
            return lambda value: _coerced(step, exact, coerce, value)
        sub = self.bind(step.sub)
        complete = _complete
        if not step.is_list:

            def one(value: Any) -> Any:
                if value is None:
                    if step.non_null:
                        raise Fallback("null for a non-null field")
                    return None
                return complete(sub, value)

            return one

        def many(value: Any) -> Any:
            if value is None:
                if step.non_null:
                    raise Fallback("null for a non-null field")
                return None
            if not isinstance(value, list | tuple):
                raise Fallback("not a list")
            if step.item_non_null:
                # not ``None in value``: that calls each row's (piccolo's) ``__eq__``
                if any(map(operator.is_, value, repeat(None))):
                    raise Fallback("null item")
                return [complete(sub, item) for item in value]
            return [None if item is None else complete(sub, item) for item in value]

        return many


def _with_info(function: Callable[..., Any], name: str, info: Any) -> Callable[..., Any]:
    def call(source: Any, _raw_info: Any) -> Any:
        return function(source, **{name: info})

    return call


def _complete(bound: list[Bound], source: Any) -> dict[str, Any]:
    """One object's answer; any exception makes the caller give the plan up."""
    out: dict[str, Any] = {}
    # A piccolo row's columns are read from its dictionary (core.rows.plain_columns).
    columns = PLAIN_COLUMNS.get(type(source))
    if columns is None:
        columns = plain_columns(type(source))
    state = source.__dict__ if columns else None
    for name, attribute, read, exact, coerce, non_null, resolve in bound:
        if resolve is not None:
            out[name] = resolve(source)
            continue
        value = state[attribute] if attribute in columns else read(source)  # type: ignore[index]
        if value is None:
            if non_null:
                raise Fallback("null for a non-null field")
            out[name] = None
            continue
        if type(value) is exact:
            out[name] = value
            continue
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise Fallback("a value the scalar refuses")
        out[name] = coerced
    return out


def _coerced(step: Step, exact: Any, coerce: Any, value: Any) -> Any:
    if value is None:
        if step.non_null:
            raise Fallback("null for a non-null field")
        return None
    if type(value) is exact:
        return value
    coerced = coerce(value)
    if coerced is None or coerced is Undefined:
        raise Fallback("a value the scalar refuses")
    return coerced


async def execute(executor: Any, plan: OperationPlan, grouped_field_set: Any) -> dict[str, Any]:
    """The data of ``plan``'s operation, or ``Fallback``; resolves the root fields together
    (the board's three lists share their statements) through their guards, as graphql-core
    would, then completes them by the plan."""
    from graphql.execution.values import get_argument_values

    if list(grouped_field_set) != list(plan.roots):
        raise Fallback("the root fields differ")
    root_type = executor.schema.query_type
    pending = []
    for name, details in grouped_field_set.items():
        first = details[0]
        definition = root_type.fields[first.node.name.value]
        info = executor.build_resolve_info(
            definition, [d.node for d in details], root_type, Path(None, name, root_type.name)
        )
        args = get_argument_values(
            definition,
            first.node,
            executor.variable_values,
            first.fragment_variable_values,
            executor.hide_suggestions,
        )
        pending.append(_awaited(definition.resolve(executor.root_value, info, **args)))
    results = await asyncio.gather(*pending, return_exceptions=True)
    run = Run(executor)
    data: dict[str, Any] = {}
    for (name, (_node, object_plan, non_null)), result in zip(
        plan.roots.items(), results, strict=True
    ):
        if isinstance(result, BaseException):
            raise Fallback("a root field raised")
        if result is None:
            if non_null:
                raise Fallback("null root")
            data[name] = None
            continue
        try:
            data[name] = _complete(run.bind(object_plan), result)
        except Fallback:
            raise
        except Exception as error:  # a reader or a coercion refusing: graphql-core reports it
            raise Fallback(repr(error)) from error
    STATS["answered"] += 1
    return data


async def _awaited(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value
