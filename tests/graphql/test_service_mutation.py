"""A mutation declared with ``service_mutation`` (graphql/common/mutations.py) calls its
service with the input's fields by one rule: fields not sent are left out, ids are decoded,
enums give their values, the caller is the actor; a refusal answers as the payload's errors."""

from __future__ import annotations

import enum
from types import SimpleNamespace

import strawberry

from frontdesk.core.errors import InvalidInput
from frontdesk.graphql.common.errors import UserError
from frontdesk.graphql.common.mutations import service_mutation

calls: list[dict] = []


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"


@strawberry.input
class PaintInput:
    room_id: strawberry.ID
    colour: Colour
    helper_ids: list[strawberry.ID] | None = None
    note: str | None = strawberry.UNSET
    shade_id: strawberry.ID | None = None


@strawberry.type
class PaintPayload:
    result: str | None
    errors: list[UserError]


async def paint_room(**arguments) -> str:
    calls.append(arguments)
    if arguments.get("note") == "refuse":
        raise InvalidInput("No.", field="note")
    return "painted"


@strawberry.type
class Mutation:
    paint = service_mutation(paint_room, PaintPayload, "result", input=PaintInput)
    paint_twice = service_mutation(
        paint_room,
        PaintPayload,
        "result",
        input=PaintInput,
        actor=False,
        rename={"room_id": "where"},
        convert={"colour": lambda colour: colour.name},
        exclude={"helper_ids"},
        then=lambda done: done * 2,
    )


@strawberry.type
class Query:
    ok: bool = True


SCHEMA = strawberry.Schema(query=Query, mutation=Mutation)


async def _run(document: str) -> dict:
    calls.clear()
    result = await SCHEMA.execute(document, context_value=SimpleNamespace(actor="desk"))
    assert result.errors is None
    return result.data


async def test_the_input_maps_to_the_service_by_the_rule():
    data = await _run(
        'mutation { paint(input: {roomId: "7", colour: RED, helperIds: ["2", "3"]}) '
        "{ result errors { code } } }"
    )
    assert data == {"paint": {"result": "painted", "errors": []}}
    assert calls == [
        {"room_id": 7, "colour": "red", "helper_ids": [2, 3], "shade_id": None, "actor": "desk"}
    ]


async def test_rename_convert_exclude_then_and_no_actor():
    data = await _run(
        'mutation { paintTwice(input: {roomId: "7", colour: RED, note: "x"}) { result } }'
    )
    assert data == {"paintTwice": {"result": "paintedpainted"}}
    assert calls == [{"where": 7, "colour": "RED", "note": "x", "shade_id": None}]


async def test_an_unreadable_id_and_a_refusal_answer_as_errors_and_nothing_else():
    data = await _run(
        'mutation { paint(input: {roomId: "x", colour: RED}) { result errors { code field } } }'
    )
    assert data == {
        "paint": {"result": None, "errors": [{"code": "INVALID_INPUT", "field": "roomId"}]}
    }
    assert calls == []
    data = await _run(
        'mutation { paint(input: {roomId: "1", colour: RED, note: "refuse"}) '
        "{ result errors { field } } }"
    )
    assert data == {"paint": {"result": None, "errors": [{"field": "note"}]}}
