"""Executing plain scalar fields without graphql-core's per-field machinery.

A 150-row front-desk board resolves about 3,300 fields, and most of them are a column of a
row (``arrival``, ``firstName``) or a one-line resolver of it (``status``). For each,
graphql-core builds a path, a resolve-info object, checks for arguments, calls strawberry's
wrapper (which builds its own info), tests the result for awaitability and dispatches on the
return type: about 6 µs a field, half of a board's CPU (docs/performance.md).

``install_shortcuts`` marks, at schema build, the fields where none of that can matter: a
scalar or enum result, no arguments, no access check installed (``install_guards`` wraps
every field that needs one, so a guarded field never has a shortcut), no strawberry field
extension, and either no resolver or a synchronous resolver that asks for nothing but
``self``. ``ShortcutExecutor`` reads such a field directly and coerces it with the type's
own ``coerce_output_value``, exactly what graphql-core would do. Anything unusual (an
exception, ``None`` for a non-null field, a value the type refuses) takes graphql-core's own
path for that field again, so errors, their paths and null propagation are graphql-core's.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from graphql.pyutils import Path, Undefined, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    is_leaf_type,
)

from . import plan, plan_run

SHORTCUT_KEY = "frontdesk-shortcut"


class FieldShortcut(NamedTuple):
    """How to answer one field without graphql-core: read the value, coerce it."""

    read: Callable[[Any], Any]
    leaf: GraphQLLeafType
    non_null: bool
    #: The source's attribute ``read`` gets, when that is all it does (a compiled plan reads
    #: a piccolo row's column from the row's dictionary, see ``core.rows.plain_columns``).
    attribute: str | None = None


def object_fields(schema: GraphQLSchema) -> Iterator[tuple[GraphQLObjectType, str, GraphQLField]]:
    """Every field of the schema's own object types (introspection types left out)."""
    for type_ in schema.type_map.values():
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__"):
            for name, field in type_.fields.items():
                yield type_, name, field


def _callable_plainly(definition: StrawberryField) -> bool:
    """Whether strawberry's wrapper adds nothing to the field's own function: no arguments,
    no field extensions and, for a resolver, synchronous and asking for no root or parent."""
    resolver = definition.base_resolver
    return not (
        definition.extensions
        or definition.arguments
        or (
            resolver is not None
            and (
                resolver.is_async
                or resolver.root_parameter is not None
                or resolver.parent_parameter is not None
            )
        )
    )


def _reader(definition: StrawberryField) -> Callable[[Any], Any] | None:
    """The function giving the field's raw value from its source, when that is all its
    resolution does; None when strawberry has to run (arguments, info, async, extensions)."""
    if not _callable_plainly(definition):
        return None
    resolver = definition.base_resolver
    if resolver is None:
        default = definition.default_resolver
        if default is getattr:
            return operator.attrgetter(definition.python_name)
        name = definition.python_name
        return lambda source: default(source, name)
    if resolver.info_parameter is not None:
        return None
    if resolver.self_parameter is not None:
        # ``StrawberryResolver.__call__`` only forwards to its callable ``wrapped_func``.
        wrapped = resolver.wrapped_func
        return wrapped if callable(wrapped) else resolver.__call__
    return lambda _source: resolver()


def shortcut(field: GraphQLField) -> FieldShortcut | None:
    """The field's shortcut, or None when it must be executed by graphql-core."""
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    resolve = field.resolve
    if (
        not isinstance(definition, StrawberryField)
        or field.args
        # strawberry marks the resolvers it builds; a guarded resolver has no mark.
        or resolve is None
        or not hasattr(resolve, "_is_default")
    ):
        return None
    non_null = isinstance(field.type, GraphQLNonNull)
    leaf = field.type.of_type if non_null else field.type
    if not is_leaf_type(leaf):
        return None
    read = _reader(definition)
    if read is None:
        return None
    attribute = definition.python_name if isinstance(read, operator.attrgetter) else None
    return FieldShortcut(read=read, leaf=leaf, non_null=non_null, attribute=attribute)  # type: ignore[arg-type]


def _direct(definition: StrawberryField, info_class: type) -> Callable[..., Any] | None:
    """A resolver calling the field's own function straight, for a synchronous resolver
    without arguments or extensions that takes ``self`` and/or ``info``; None otherwise.

    strawberry's generic wrapper converts arguments, runs field extensions and rebuilds the
    call through eight frames per field; for ``Stay.room`` on a board that is 150 times
    per list for nothing."""
    resolver = definition.base_resolver
    if resolver is None or resolver.info_parameter is None or not _callable_plainly(definition):
        return None
    function = resolver.wrapped_func
    info_name = resolver.info_parameter.name
    if resolver.self_parameter is not None:

        def resolve(source: Any, info: Any) -> Any:
            return function(source, **{info_name: info_class(info, definition)})

    else:

        def resolve(source: Any, info: Any) -> Any:
            return function(**{info_name: info_class(info, definition)})

    # A compiled plan (plan.py) makes the Info once per request and calls the function itself.
    if resolver.self_parameter is not None:
        resolve.direct = (function, info_name, info_class, definition)  # type: ignore[attr-defined]
    return resolve


def install_direct_resolvers(schema: GraphQLSchema, info_class: type) -> int:
    """Replace strawberry's generic wrapper by a direct call where ``_direct`` allows;
    returns how many. Run before ``install_guards``, which wraps whatever is installed."""
    installed = 0
    for _type, _name, field in object_fields(schema):
        definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
        if not isinstance(definition, StrawberryField) or field.args:
            continue
        direct = _direct(definition, info_class)
        if direct is not None:
            field.resolve = direct
            installed += 1
    return installed


def install_shortcuts(schema: GraphQLSchema) -> int:
    """Mark every field that can skip graphql-core's machinery; returns how many.

    Run after ``install_guards``: a field that received a guard keeps the full path."""
    installed = 0
    for _type, _name, field in object_fields(schema):
        found = shortcut(field)
        field.extensions.pop(SHORTCUT_KEY, None)
        if found is not None:
            field.extensions[SHORTCUT_KEY] = found
            installed += 1
    return installed


class ShortcutExecutor(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor, answering shortcut fields directly (see the module doc).

    Two more savings, both without changing what graphql-core would answer:

    * the plan of a selection (which response names, which have a shortcut) is worked out
      once per selection and parent type, not once per row: graphql-core hands every row of
      a list the same grouped field set;
    * an object value (a stay of a list, its guest) is completed by executing its selection
      straight away, instead of through five frames of dispatch on the return type; anything
      else (null, an error, an abstract or list type, ``@defer``) takes graphql-core's path.
    """

    _plans: dict[tuple[str, int], tuple[Any, list[tuple[str, Any, FieldShortcut | None]]]]

    def _plan(
        self, parent_type: GraphQLObjectType, grouped_field_set: Any
    ) -> list[tuple[str, Any, FieldShortcut | None]]:
        key = (parent_type.name, id(grouped_field_set))
        try:
            plans = self._plans
        except AttributeError:
            plans = self._plans = {}
        found = plans.get(key)
        if found is not None:
            return found[1]
        fields = parent_type.fields
        steps = []
        for response_name, field_details_list in grouped_field_set.items():
            node = field_details_list[0].node
            field = fields.get(node.name.value)
            fast = None
            if field is not None and not node.arguments:
                fast = field.extensions.get(SHORTCUT_KEY)
            steps.append((response_name, field_details_list, fast))
        # The field set is kept with its plan so that its id is not reused meanwhile.
        plans[key] = (grouped_field_set, steps)
        return steps

    def execute_collected_root_fields(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: Any,
        serially: bool,
        new_defer_usages: Any,
    ) -> Any:
        """A trusted document's compiled plan when it has one (graphql/execution/plan.py);
        graphql-core's execution when it has none or the plan gives up on this request."""
        found = None
        middleware = self.middleware_manager
        if not serially and not new_defer_usages and not (middleware and middleware.middlewares):
            found = plan.plan_for(self.schema, self.operation)
        if found is None:
            return super().execute_collected_root_fields(
                root_type, root_value, grouped_field_set, serially, new_defer_usages
            )
        return self._planned(found, root_type, root_value, grouped_field_set)

    async def _planned(
        self, found: Any, root_type: Any, root_value: Any, grouped_field_set: Any
    ) -> Any:
        try:
            return await plan_run.execute(self, found, grouped_field_set)
        except plan.Fallback:
            plan.STATS["fallbacks"] += 1
        result = super().execute_collected_root_fields(
            root_type, root_value, grouped_field_set, False, ()
        )
        return await result if self.is_awaitable(result) else result

    def complete_value(
        self,
        return_type: Any,
        field_details_list: Any,
        info: Any,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        target = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        if (
            isinstance(target, GraphQLObjectType)
            and target.is_type_of is None
            and position_context is None
            and result is not None
            and result is not Undefined
            and not isinstance(result, Exception)
        ):
            grouped_field_set, new_defer_usages, _forbidden = self.collect_subfields(
                target, field_details_list
            )
            if not new_defer_usages:
                return self.execute_fields(target, result, path, grouped_field_set, None)
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        middleware = self.middleware_manager
        if middleware is not None and middleware.middlewares:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        is_awaitable = self.is_awaitable
        for response_name, field_details_list, fast in self._plan(parent_type, grouped_field_set):
            if fast is not None:
                try:
                    value = fast.read(source_value)
                    if value is None:
                        if not fast.non_null:
                            results[response_name] = None
                            continue
                    else:
                        coerced = fast.leaf.coerce_output_value(value)
                        if coerced is not None and coerced is not Undefined:
                            results[response_name] = coerced
                            continue
                except Exception:  # noqa: BLE001, S110 - graphql-core's path reports it below
                    pass
            try:
                result = self.execute_field(
                    parent_type,
                    source_value,
                    field_details_list,
                    Path(path, response_name, parent_type.name),
                    position_context,
                )
            except Exception:
                if awaitable_fields:
                    self.settle_in_background([results[f] for f in awaitable_fields])
                raise
            if result is not Undefined:
                results[response_name] = result
                if is_awaitable(result):
                    awaitable_fields.append(response_name)
        if not awaitable_fields:
            return results
        return self._gather_fields(results, awaitable_fields)

    async def _gather_fields(self, results: dict[str, Any], awaitable: list[str]) -> Any:
        if len(awaitable) == 1:
            results[awaitable[0]] = await results[awaitable[0]]
            return results
        values = await gather_with_cancel(*(results[name] for name in awaitable))
        results.update(zip(awaitable, values, strict=True))
        return results
