"""Plain scalar fields are answered without graphql-core's per-field machinery and sync
resolvers are called without strawberry's generic wrapper (graphql/execution/fast_path.py),
and the answers, errors included, are exactly what graphql-core and strawberry give: every
operation here runs with the execution shortcuts on and off (graphql/execution/switch.py) and
the two answers are compared."""

from __future__ import annotations

import dataclasses
import enum
from datetime import timedelta

import pytest
import strawberry
from litestar.testing import AsyncTestClient
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import Info
from support.hotel import Hotel, book, build_hotel

from frontdesk.core import bootstrap
from frontdesk.core.settings import Settings
from frontdesk.graphql.execution import prefetch, switch
from frontdesk.graphql.execution.fast_path import SHORTCUT_KEY, ShortcutExecutor
from frontdesk.graphql.execution.read_snapshot import SQLiteReadSnapshot
from frontdesk.graphql.execution.switch import ExecutionShortcuts
from frontdesk.graphql.schema import build_schema
from frontdesk.testing import BUILTIN_PLUGINS
from frontdesk.testing.client import GraphQLClient


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Source:
    """A row-like object whose attributes the fields read."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.name = f"row {number}"
        self.missing = None if number == 2 else "present"
        self.colour = "red" if number != 3 else "green"  # green is no Colour

    @property
    def exploding(self) -> str:
        if self.number == 1:
            raise ValueError("cannot read row 1")
        return "fine"


@strawberry.type
class Row:
    number: int
    name: str
    missing: str  # non-null, None on row 2
    exploding: str | None

    @strawberry.field
    def double(self) -> int:
        return self.number * 2

    @strawberry.field
    def colour(self) -> Colour:
        return Colour(self.colour)

    @strawberry.field
    def described(self, info: Info) -> str:
        return f"{info.field_name}:{self.number}:{info.context['suffix']}"

    @strawberry.field
    def plus(self, amount: int) -> int:
        return self.number + amount

    @strawberry.field
    async def later(self) -> int:
        return self.number


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Tag(Named):
    """Implements an interface, so strawberry gives it an ``is_type_of`` check."""

    weight: int


@strawberry.type
class Holder:
    """Objects inside objects: nullable, non-null, a non-null list of non-null ones."""

    number: int

    @strawberry.field
    def inner(self) -> Row | None:
        return None if self.number == 4 else Source(self.number)  # type: ignore[return-value]

    @strawberry.field
    def strict(self) -> Row:
        return Source(self.number)  # type: ignore[return-value]

    @strawberry.field
    def items(self) -> list[Row]:
        return [Source(n) for n in range(self.number)]  # type: ignore[misc]

    @strawberry.field
    def tag(self) -> Tag:
        return Tag(name=f"tag {self.number}", weight=self.number)

    @strawberry.field
    def wrong(self) -> Tag | None:
        return Source(self.number) if self.number == 3 else None  # type: ignore[return-value]


@strawberry.type
class Query:
    @strawberry.field
    def rows(self) -> list[Row | None]:
        return [Source(n) for n in range(5)]  # type: ignore[misc]

    @strawberry.field
    def holders(self) -> list[Holder]:
        return [Holder(number=n) for n in range(5)]


QUERY = """{ rows { number name double described plus(amount: 3) later exploding
  alias: name } }"""
FAILING = [
    "{ rows { number missing } }",
    "{ rows { number colour } }",
    "{ rows { number exploding } }",
    # null propagation through completed objects: to the nullable object, to the list item
    "{ holders { number inner { number missing } } }",
    "{ holders { number strict { number missing } } }",
    "{ holders { number items { number colour } } }",
    # an object the type's is_type_of refuses
    "{ holders { number wrong { name weight } } }",
]
OBJECTS = """{ holders { number inner { number name } strict { double } items { name }
  tag { name weight } } }"""


def _schema(enabled: bool) -> strawberry.Schema:
    """The test schema, built with the shortcuts as ``build_schema`` installs them."""
    shortcuts = ExecutionShortcuts(enabled=enabled)
    schema = strawberry.Schema(query=Query, **shortcuts.schema_options())
    shortcuts.install_resolvers(schema)
    shortcuts.install_marks(schema)
    return schema


def _schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    """(shortcuts off, shortcuts on)."""
    return _schema(False), _schema(True)


def _answer(result) -> tuple:
    errors = sorted((e.message, tuple(e.path or ())) for e in result.errors or [])
    return result.data, errors


async def test_shortcuts_answer_exactly_what_graphql_core_answers():
    plain, fast = _schemas()
    context = {"suffix": "!"}
    expected = await plain.execute(QUERY, context_value=context)
    got = await fast.execute(QUERY, context_value=context)
    assert _answer(got) == _answer(expected)
    assert got.data["rows"][1] == {
        "number": 1,
        "name": "row 1",
        "double": 2,
        "described": "described:1:!",
        "plus": 4,
        "later": 1,
        "exploding": None,
        "alias": "row 1",
    }


async def test_objects_in_objects_and_lists_are_completed_exactly_as_graphql_core_does():
    plain, fast = _schemas()
    expected = await plain.execute(OBJECTS)
    got = await fast.execute(OBJECTS)
    assert not got.errors
    assert got.data == expected.data
    assert got.data["holders"][2] == {
        "number": 2,
        "inner": {"number": 2, "name": "row 2"},
        "strict": {"double": 4},
        "items": [{"name": "row 0"}, {"name": "row 1"}],
        "tag": {"name": "tag 2", "weight": 2},
    }
    assert got.data["holders"][4]["inner"] is None


async def test_only_objects_with_an_is_type_of_check_go_through_graphql_cores_completion(
    monkeypatch,
):
    _plain, fast = _schemas()
    completed: list[str] = []
    original = ShortcutExecutor.complete_object_value

    def counting(self, return_type, *args, **kwargs):
        completed.append(return_type.name)
        return original(self, return_type, *args, **kwargs)

    monkeypatch.setattr(ShortcutExecutor, "complete_object_value", counting)
    result = await fast.execute(OBJECTS)
    assert not result.errors
    assert completed == ["Tag"] * 5


@pytest.mark.parametrize("query", FAILING)
async def test_errors_take_graphql_cores_path_with_the_same_message_and_path(query):
    plain, fast = _schemas()
    expected = await plain.execute(query)
    got = await fast.execute(query)
    assert got.errors, "the query is built to fail on one row"
    assert _answer(got) == _answer(expected)


def test_only_argument_free_scalar_fields_that_need_no_info_get_a_shortcut():
    _plain, fast = _schemas()
    fields = fast._schema.get_type("Row").fields
    marked = {name for name, field in fields.items() if SHORTCUT_KEY in field.extensions}
    assert marked == {"number", "name", "missing", "exploding", "double", "colour"}


def test_guarded_fields_keep_the_full_path_in_the_real_schema():
    rt = bootstrap.start(Settings(database_url="sqlite:///:memory:", plugins=BUILTIN_PLUGINS))
    schema = build_schema(rt.plugin_manager)._schema
    stay, guest = schema.get_type("Stay").fields, schema.get_type("Guest").fields
    for name in ("id", "arrival", "confirmationCode", "status", "nights"):
        assert SHORTCUT_KEY in stay[name].extensions, name
    # an object (row filtering by property), a permission (PII): the guard must run
    for field in (stay["room"], stay["primaryGuest"], stay["balance"], guest["dateOfBirth"]):
        assert SHORTCUT_KEY not in field.extensions


def test_the_switch_is_on_unless_the_environment_turns_it_off():
    assert Settings().execution_shortcuts is True
    assert Settings.from_env({}).execution_shortcuts is True
    for off in ("0", "false", "no", "off"):
        env = {"FRONTDESK_EXECUTION_SHORTCUTS": off}
        assert Settings.from_env(env).execution_shortcuts is False, off


def _real_schema(enabled: bool) -> strawberry.Schema:
    settings = Settings(database_url="sqlite:///:memory:", plugins=None)
    rt = bootstrap.start(dataclasses.replace(settings, execution_shortcuts=enabled))
    return build_schema(rt.plugin_manager, settings=rt.settings)


def test_with_the_switch_off_the_real_schema_runs_on_strawberrys_own_execution(monkeypatch):
    def refuse(*_args):
        raise AssertionError("a shortcut was installed with the switch off")

    monkeypatch.setattr(switch, "install_direct_resolvers", refuse)
    monkeypatch.setattr(switch, "install_shortcuts", refuse)
    schema = _real_schema(False)
    assert schema.execution_context_class is StrawberryGraphQLCoreExecutionContext
    assert SQLiteReadSnapshot not in schema.extensions
    marked = [
        f"{type_.name}.{name}"
        for type_ in schema._schema.type_map.values()
        for name, field in getattr(type_, "fields", {}).items()
        if SHORTCUT_KEY in getattr(field, "extensions", {})
    ]
    assert marked == []


def test_with_the_switch_on_the_real_schema_installs_every_shortcut():
    schema = _real_schema(True)
    assert schema.execution_context_class is ShortcutExecutor
    assert SQLiteReadSnapshot in schema.extensions
    assert SHORTCUT_KEY in schema._schema.get_type("Stay").fields["nights"].extensions


BOARD = """query($p: ID!, $a: Date!, $d: Date!) {
  arriving: stays(propertyId: $p, first: 20) { nodes { ...Row } }
  again: stays(propertyId: $p, first: 2) { nodes { ... on Stay { id status nights } } }
  availability(propertyId: $p, arrival: $a, departure: $d) {
    roomTypes { roomType { code } freeCount freeRooms { number } nights { night free } }
  }
}
fragment Row on Stay {
  id confirmationCode arrival departure status nights
  primaryGuest { id firstName lastName vip }
  room { id number housekeepingStatus }
  roomType { id code name property { code } }
  balance { amount currency }
}"""


async def _board_hotel(gql) -> tuple[Hotel, dict]:
    """A hotel with three stays, and the board's variables for it."""
    hotel = await build_hotel(gql, doubles=3, guests=3)
    day = hotel.business_date
    for offset in range(3):
        await book(gql, hotel, day + timedelta(days=offset), day + timedelta(days=4), guest=offset)
    return hotel, {"p": hotel.property_id, "a": str(day), "d": str(day + timedelta(days=2))}


async def test_a_board_answers_the_same_with_the_shortcuts_off(gql, settings, admin_key):
    from frontdesk.server.app import create_app

    _hotel, variables = await _board_hotel(gql)
    answers = {}
    for enabled in (True, False):
        app = create_app(dataclasses.replace(settings, execution_shortcuts=enabled))
        async with AsyncTestClient(app=app) as http:
            client = GraphQLClient(http, headers={"Authorization": f"Bearer {admin_key}"})
            answers[enabled] = await client.execute(BOARD, variables)
    assert answers[False] == answers[True]
    assert len(answers[False]["arriving"]["nodes"]) == 3
    assert answers[False]["availability"]["roomTypes"][0]["freeRooms"]


async def test_with_the_shortcuts_off_the_look_ahead_reads_nothing(
    gql, settings, admin_key, monkeypatch
):
    """The look-ahead reads strawberry's private ``_raw_info``; off, it must not run at all."""
    from frontdesk.server.app import create_app

    hotel, variables = await _board_hotel(gql)

    def refuse(*_args):
        raise AssertionError("the look-ahead ran with the shortcuts off")

    monkeypatch.setattr(prefetch, "_children", refuse)
    app = create_app(dataclasses.replace(settings, execution_shortcuts=False))
    async with AsyncTestClient(app=app) as http:
        client = GraphQLClient(http, headers={"Authorization": f"Bearer {admin_key}"})
        data = await client.execute(BOARD, variables)
    assert len(data["arriving"]["nodes"]) == 3
