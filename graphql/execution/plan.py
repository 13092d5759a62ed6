"""Compiled execution plans for trusted documents: the board without per-field execution.

A 150-row board is about 600 guarded object fields and 3,300 scalar fields; graphql-core
executes each one on its own (a path, an info object, a resolver call through the guard, a
dispatch on the return type), which was nearly all of the board's CPU (docs/performance.md,
Session 7). A trusted document is known at start-up, so its selection can be walked once:
``compile_operation`` turns each query operation into a tree of steps, one per selected
field, each with what it needs bound in (the field's reader and output coercion, the
resolver inside the guard, the permission the guard would check). At execution the guard's
decisions are taken once per request (the principal does not change between rows) and the
rows are turned into the response's dictionaries directly.

Only what the planner fully understands is compiled: root query fields whose arguments come
from literals or variables, then below them fields without arguments or directives, no
fragments, scalars with a fast-path mark (graphql/execution/fast_path.py) or a permission,
and objects (single or lists) of plain object types reached through the guard. Anything else
leaves the operation without a plan. At execution, anything out of the ordinary (a resolver
raising or answering an awaitable, a null where the schema says non-null, a value the scalar
refuses, a value the guard could not redact) abandons the plan and the whole operation runs
through graphql-core as before: a plan never answers an error, so its answers are exactly
plain execution's (tests/graphql/test_execution_plan.py compares them with the shortcuts off).
Plans are installed only with the execution shortcuts on (``FRONTDESK_EXECUTION_SHORTCUTS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    is_leaf_type,
)

from .plan_rows import output as leaf_output

PLANS_KEY = "frontdesk-plans"
Fragments = dict[str, FragmentDefinitionNode]
# Requests answered by a plan and plans abandoned for graphql-core, all schemas (tests read it).
STATS = {"answered": 0, "fallbacks": 0}


class Fallback(Exception):
    """The plan cannot answer this request exactly: graphql-core executes it instead."""


@dataclass(frozen=True)
class Step:
    """One selected field: ``kind`` is ``leaf`` (a marked scalar), ``guarded`` (a field
    behind the guard: a protected scalar or an object or list of objects) or ``typename``."""

    name: str
    kind: str
    node: FieldNode | None = None
    field_name: str = ""
    read: Callable[[Any], Any] | None = None
    attribute: str | None = None
    leaf: Any = None
    non_null: bool = False
    is_list: bool = False
    item_non_null: bool = False
    permission: str | None = None
    resolver: Callable[..., Any] | None = None
    return_type: Any = None
    sub: ObjectPlan | None = None

    @cached_property
    def output(self) -> tuple[type | None, Callable[[Any], Any]]:
        """``plan_rows.output`` of the leaf, worked out on the first request rather than on
        every one: an enum's names by member took a tenth of availability's CPU per request
        (the errors' ``code``, compared member by member with every GraphQL value)."""
        return leaf_output(self.leaf)


@dataclass(frozen=True)
class ObjectPlan:
    type_: GraphQLObjectType
    steps: tuple[Step, ...]


@dataclass
class OperationPlan:
    """The plan of one query operation: its root fields by response name, in order."""

    operation: OperationDefinitionNode
    roots: dict[str, tuple[FieldNode, ObjectPlan, bool]]


class Unsupported(Exception):
    """The selection holds something the planner does not compile."""


def compile_document(schema: GraphQLSchema, document: DocumentNode) -> int:
    """Compile every query operation of ``document`` it can into the schema's plans; returns
    how many. Kept in ``schema.extensions`` by the operation node's identity (trusted
    documents are the same node on every request, see ``KnownDocumentParser``)."""
    plans = schema.extensions.setdefault(PLANS_KEY, {})
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    compiled = 0
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        try:
            plan = compile_operation(schema, definition, fragments)
        except Unsupported:
            continue
        plans[id(definition)] = plan
        compiled += 1
    return compiled


def plan_for(schema: GraphQLSchema, operation: OperationDefinitionNode) -> OperationPlan | None:
    plans = schema.extensions.get(PLANS_KEY)
    if not plans:
        return None
    plan = plans.get(id(operation))
    return plan if plan is not None and plan.operation is operation else None


def compile_operation(
    schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Fragments
) -> OperationPlan:
    if operation.operation != OperationType.QUERY or operation.directives:
        raise Unsupported("only queries without directives")
    root = schema.query_type
    if root is None:
        raise Unsupported("no query type")
    from frontdesk.graphql.security.policy import AUDITED_QUERIES

    roots: dict[str, tuple[FieldNode, ObjectPlan, bool]] = {}
    for node in _field_nodes(operation.selection_set, fragments, root.name):
        name = node.alias.value if node.alias else node.name.value
        definition = root.fields.get(node.name.value)
        if (
            name in roots
            or definition is None
            or node.selection_set is None
            # an audited query writes its record as it runs: a fallback would write two
            or f"Query.{node.name.value}" in AUDITED_QUERIES
        ):
            raise Unsupported(f"root field {name}")
        non_null = isinstance(definition.type, GraphQLNonNull)
        target = definition.type.of_type if non_null else definition.type
        if not isinstance(target, GraphQLObjectType) or target.is_type_of is not None:
            raise Unsupported(f"root field {name} is not a plain object")
        roots[name] = (node, _object_plan(target, node.selection_set, fragments), non_null)
    return OperationPlan(operation=operation, roots=roots)


def _field_nodes(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode], on: str
) -> list[FieldNode]:
    """The fields of a selection, fragments on the same type flattened into it; a fragment
    on another type (an interface) or anything with a directive is not compiled."""
    nodes: list[FieldNode] = []
    for selection in selection_set.selections:
        if selection.directives:
            raise Unsupported("directives")
        if isinstance(selection, FieldNode):
            nodes.append(selection)
            continue
        if isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is None or fragment.directives:
                raise Unsupported("fragment")
            condition, inner = fragment.type_condition, fragment.selection_set
        elif isinstance(selection, InlineFragmentNode):
            condition, inner = selection.type_condition, selection.selection_set
        else:
            raise Unsupported("selection")
        if condition is not None and condition.name.value != on:
            raise Unsupported("a fragment on another type")
        nodes.extend(_field_nodes(inner, fragments, on))
    return nodes


def _object_plan(
    type_: GraphQLObjectType, selection_set: SelectionSetNode, fragments: Fragments
) -> ObjectPlan:
    steps: list[Step] = []
    names: set[str] = set()
    for node in _field_nodes(selection_set, fragments, type_.name):
        name = node.alias.value if node.alias else node.name.value
        if name in names or node.arguments:
            raise Unsupported(f"{type_.name}.{name}")
        names.add(name)
        steps.append(_step(type_, name, node, fragments))
    return ObjectPlan(type_=type_, steps=tuple(steps))


def _step(type_: GraphQLObjectType, name: str, node: FieldNode, fragments: Fragments) -> Step:
    field_name = node.name.value
    if field_name == "__typename":
        return Step(name=name, kind="typename", leaf=type_.name)
    definition = type_.fields.get(field_name)
    if definition is None:
        raise Unsupported(f"{type_.name}.{field_name}")
    non_null = isinstance(definition.type, GraphQLNonNull)
    inner = definition.type.of_type if non_null else definition.type
    from .fast_path import SHORTCUT_KEY  # the fast path's executor runs the plans

    mark = definition.extensions.get(SHORTCUT_KEY)
    if mark is not None:
        if node.selection_set is not None:
            raise Unsupported(field_name)
        return Step(
            name=name,
            kind="leaf",
            read=mark.read,
            attribute=mark.attribute,
            leaf=mark.leaf,
            non_null=non_null,
        )
    resolve = definition.resolve
    if not hasattr(resolve, "guarded_resolver"):
        raise Unsupported(f"{type_.name}.{field_name} has no plan")
    common = {
        "name": name,
        "kind": "guarded",
        "node": node,
        "field_name": field_name,
        "non_null": non_null,
        "permission": resolve.guard_permission,  # type: ignore[union-attr]
        "resolver": resolve.guarded_resolver,  # type: ignore[union-attr]
        "return_type": definition.type,
    }
    if is_leaf_type(inner):
        if node.selection_set is not None:
            raise Unsupported(field_name)
        return Step(**common, leaf=inner)
    is_list = isinstance(inner, GraphQLList)
    item_non_null = False
    if is_list:
        inner = inner.of_type
        item_non_null = isinstance(inner, GraphQLNonNull)
        inner = inner.of_type if item_non_null else inner
    if (
        not isinstance(inner, GraphQLObjectType)
        or inner.is_type_of is not None
        or node.selection_set is None
    ):
        raise Unsupported(f"{type_.name}.{field_name} is not a plain object")
    sub = _object_plan(inner, node.selection_set, fragments)
    return Step(**common, is_list=is_list, item_non_null=item_non_null, sub=sub)
