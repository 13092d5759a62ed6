"""Every private API of strawberry and graphql-core that the execution shortcuts
(graphql/execution/) rely on still exists with the shape they use: one test each, named for
it, so that an upgrade of either library fails here, by name, before it fails as a wrong
answer somewhere else. docs/architecture.md lists the same APIs; turning the shortcuts off
(FRONTDESK_EXECUTION_SHORTCUTS=0) stops using every one of them."""

from __future__ import annotations

import enum
import inspect
from typing import Any

import strawberry
from graphql.pyutils import Path, Undefined, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types import Info
from strawberry.types.field import StrawberryField

from graphql import GraphQLString, parse

SEEN: dict[str, Any] = {}


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"


@strawberry.type
class Painted:
    colour: Colour = Colour.RED


@strawberry.type
class Item:
    name: str

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()

    @strawberry.field
    def labelled(self, info: Info) -> str:
        SEEN["info"] = info
        return f"{info.field_name}:{self.name}"

    @strawberry.field
    def later(self, root: Any) -> str:
        return root.name

    @strawberry.field
    async def slow(self) -> str:
        return self.name


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return [Item(name="a"), Item(name="b")]


def _schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query)


def _parameters(function: Any) -> list[str]:
    return [name for name in inspect.signature(function).parameters if name != "self"]


def _field(type_name: str, field_name: str) -> Any:
    return _schema()._schema.get_type(type_name).fields[field_name]


def test_strawberry_schema_private_schema_is_the_graphql_core_schema():
    # ExecutionShortcuts.install_resolvers / install_marks rewrite the fields of schema._schema.
    schema = _schema()
    assert schema._schema.get_type("Item").fields["shout"] is not None


def test_strawberry_execution_context_is_a_graphql_core_executor_taken_as_base_class():
    # ShortcutExecutor subclasses it, so strawberry's own additions keep working.
    schema = _schema()
    assert schema.execution_context_class is StrawberryGraphQLCoreExecutionContext
    assert strawberry.Schema(
        query=Query, execution_context_class=StrawberryGraphQLCoreExecutionContext
    )


def test_executor_execute_fields_signature():
    assert _parameters(StrawberryGraphQLCoreExecutionContext.execute_fields) == [
        "parent_type",
        "source_value",
        "path",
        "grouped_field_set",
        "position_context",
    ]


def test_executor_execute_collected_root_fields_signature():
    # graphql/execution/plan.py runs in its place.
    assert _parameters(StrawberryGraphQLCoreExecutionContext.execute_collected_root_fields) == [
        "root_type",
        "root_value",
        "grouped_field_set",
        "serially",
        "new_defer_usages",
    ]
    assert _parameters(StrawberryGraphQLCoreExecutionContext.build_resolve_info) == [
        "field_def",
        "field_nodes",
        "parent_type",
        "path",
    ]


def test_get_argument_values_signature():
    from graphql.execution.values import get_argument_values

    assert _parameters(get_argument_values)[:5] == [
        "type_def",
        "node",
        "variable_values",
        "fragment_variable_values",
        "hide_suggestions",
    ]


def test_executor_execute_field_signature():
    assert _parameters(StrawberryGraphQLCoreExecutionContext.execute_field) == [
        "parent_type",
        "source",
        "field_details_list",
        "path",
        "position_context",
    ]


def test_executor_complete_value_signature():
    assert _parameters(StrawberryGraphQLCoreExecutionContext.complete_value) == [
        "return_type",
        "field_details_list",
        "info",
        "path",
        "result",
        "position_context",
    ]


def test_executor_collect_subfields_returns_field_set_defer_usages_and_forbidden():
    assert _parameters(StrawberryGraphQLCoreExecutionContext.collect_subfields) == [
        "return_type",
        "field_details_list",
    ]
    from graphql.execution.collect_fields import CollectedFields, FieldDetails

    assert CollectedFields._fields == (
        "grouped_field_set",
        "new_defer_usages",
        "forbidden_directive_instances",
    )
    # The plan reads a grouped field set's first FieldDetails' node.
    assert FieldDetails._fields[0] == "node"


async def test_executor_settle_in_background_is_awaitable_and_middleware_manager():
    assert _parameters(StrawberryGraphQLCoreExecutionContext.settle_in_background) == ["awaitables"]
    seen: list[Any] = []

    class Spy(StrawberryGraphQLCoreExecutionContext):
        def execute_fields(self, *args: Any) -> Any:
            seen.append((self.middleware_manager, self.is_awaitable(args[1])))
            return super().execute_fields(*args)

    schema = strawberry.Schema(query=Query, execution_context_class=Spy)
    assert not (await schema.execute("{ items { name } }")).errors
    manager, awaitable = seen[0]
    assert manager is None or isinstance(manager.middlewares, tuple | list)
    assert awaitable is False


def test_graphql_core_path_undefined_and_gather_with_cancel():
    assert Path(None, "items", "Query").as_list() == ["items"]
    assert Undefined is not None
    assert _parameters(gather_with_cancel) == ["awaitables"]


def test_leaf_types_coerce_output_value():
    # The fast path coerces a read value exactly as graphql-core completes a leaf.
    assert GraphQLString.coerce_output_value("x") == "x"


def test_graphql_core_builtin_scalars_coerce_by_the_serialize_functions():
    # plan_rows.output answers these scalars' common values at once, recognised by function.
    from graphql.type import scalars

    from graphql import GRAPHQL_MAX_INT, GRAPHQL_MIN_INT, GraphQLBoolean, GraphQLID, GraphQLInt

    assert GraphQLString.coerce_output_value is scalars.serialize_string
    assert GraphQLID.coerce_output_value is scalars.serialize_id
    assert GraphQLInt.coerce_output_value is scalars.serialize_int
    assert GraphQLBoolean.coerce_output_value is scalars.serialize_boolean
    assert (GRAPHQL_MIN_INT, GRAPHQL_MAX_INT) == (-(2**31), 2**31 - 1)


def test_strawberry_enum_type_keeps_its_python_enum_and_values():
    # plan_rows names an enum member by a table made from these, not by looping per row.
    from strawberry.schema.schema_converter import CustomGraphQLEnumType

    leaf = strawberry.Schema(query=Painted)._schema.type_map["Colour"]
    assert isinstance(leaf, CustomGraphQLEnumType) and leaf.wrapped_cls is Colour
    assert leaf.values["RED"].value == Colour.RED.value
    assert leaf.coerce_output_value(Colour.RED) == "RED"


def test_strawberry_field_definition_backref_on_graphql_core_fields():
    definition = _field("Item", "shout").extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
    assert isinstance(definition, StrawberryField)


def test_strawberry_field_attributes_read_by_the_fast_path():
    name = _field("Item", "name").extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
    assert name.base_resolver is None
    assert name.default_resolver is getattr
    assert name.python_name == "name"
    assert name.extensions == []
    assert name.arguments == []


def test_strawberry_resolver_attributes_read_by_the_fast_path():
    def resolver(field: str) -> Any:
        extensions = _field("Item", field).extensions
        return extensions[GraphQLCoreConverter.DEFINITION_BACKREF].base_resolver

    shout, labelled = resolver("shout"), resolver("labelled")
    assert shout.self_parameter is not None
    assert shout.info_parameter is None
    assert shout.root_parameter is None and shout.parent_parameter is None
    assert shout.is_async is False and resolver("slow").is_async is True
    assert resolver("later").root_parameter is not None
    assert labelled.info_parameter.name == "info"
    assert labelled.wrapped_func.__name__ == "labelled"
    assert shout(Item(name="x")) == "X"  # StrawberryResolver.__call__(self_value)
    # __call__ only forwards to wrapped_func, which the fast path calls straight.
    assert inspect.getsource(type(shout).__call__).count("self.wrapped_func(") == 1
    assert shout.wrapped_func(Item(name="x")) == "X"


def test_strawberry_marks_the_resolvers_it_builds_with_is_default():
    # A resolver without the mark (a guard's wrapper) keeps graphql-core's full path.
    assert hasattr(_field("Item", "shout").resolve, "_is_default")
    assert hasattr(_field("Item", "name").resolve, "_is_default")


async def test_strawberry_info_is_built_from_raw_info_and_field_positionally():
    # Direct resolvers build ``info_class(raw_info, definition)``; the look-ahead reads
    # ``info._raw_info``'s ``field_nodes`` and ``fragments``.
    schema = _schema()
    result = await schema.execute("{ items { ...F } } fragment F on Item { labelled }")
    assert not result.errors
    info = SEEN["info"]
    raw = info._raw_info
    assert [node.name.value for node in raw.field_nodes] == ["labelled"]
    assert raw.fragments["F"].selection_set.selections[0].name.value == "labelled"
    definition = _field("Item", "labelled").extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
    rebuilt = schema.config.info_class(raw, definition)
    assert rebuilt.field_name == "labelled" and rebuilt._raw_info is raw


async def test_strawberry_execution_context_operation_type_for_the_read_snapshot():
    from strawberry.extensions import SchemaExtension
    from strawberry.types.graphql import OperationType

    seen: list[Any] = []

    class Spy(SchemaExtension):
        def on_execute(self):
            seen.append(self.execution_context.operation_type)
            yield

    schema = strawberry.Schema(query=Query, extensions=[Spy])
    assert not (await schema.execute("{ items { name } }")).errors
    assert seen == [OperationType.QUERY]
    assert parse("{ a }")  # graphql-core's parser, for the document the extension sees


# POST /graphql's view (graphql/http/trusted_view.py) overrides these of strawberry's
# Litestar controller: not shortcuts, but an upgrade must fail here by name as well.


def _controller() -> Any:
    from strawberry.litestar import make_graphql_controller

    return make_graphql_controller(_schema(), path="/graphql")


def test_litestar_controller_provides_the_response_as_a_dependency():
    from litestar.di import Provide

    dependencies = _controller().dependencies
    assert isinstance(dependencies["response"], Provide)
    assert dependencies["response"].sync_to_thread  # what without_thread_hop replaces


def test_litestar_controller_execute_request_and_parse_json_signatures():
    controller = _controller()
    assert _parameters(controller.execute_request) == ["request", "context", "root_value"]
    assert _parameters(controller.parse_json) == ["data"]
