"""Mutations declared as a mapping from their ``input`` to a domain service.

Most mutations do the same thing: read the input's fields, decode the ids, turn enums into
their values, call one service with them (and the caller as ``actor``), and answer with a
payload holding the result or the refusal (``run_mutation``). ``service_mutation`` says only
what differs: the service, the payload and its result field, and the few fields whose keyword
or conversion is not the rule::

    book_stay = service_mutation(stays.book_stay, StayPayload, "stay", input=BookStayInput)

The rule, per field of the input (by its Python name):

* a field the client did not send (``UNSET``) is not passed: the service's default holds;
* ``…_id``: decoded with ``decode_id`` (null stays null); ``…_ids``: each decoded;
  an unreadable id is the client's mistake, named by the field's GraphQL name;
* an enum: its value;
* anything else: as given;
* ``rename`` maps a field to another keyword, ``convert`` gives a field its own conversion,
  ``exclude`` leaves fields out.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Collection, Mapping
from typing import Any

import strawberry
from strawberry.types import Info

from .contributions import ScopeTarget, declared
from .errors import decode_id, decode_optional_id, run_mutation


def camel(name: str) -> str:
    """A Python field name as GraphQL spells it (``room_type_id`` -> ``roomTypeId``)."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _value(name: str, value: Any) -> Any:
    if name.endswith("_ids"):
        return None if value is None else [decode_id(one, camel(name)) for one in value]
    if name.endswith("_id"):
        return decode_optional_id(value, camel(name))
    if isinstance(value, enum.Enum):
        return value.value
    return value


def service_arguments(
    data: Any,
    *,
    rename: Mapping[str, str] | None = None,
    convert: Mapping[str, Callable[[Any], Any]] | None = None,
    exclude: Collection[str] = (),
) -> dict[str, Any]:
    """The service's keyword arguments for an input object, by the rule above."""
    rename, convert = rename or {}, convert or {}
    arguments: dict[str, Any] = {}
    for field in data.__strawberry_definition__.fields:
        name = field.python_name
        value = getattr(data, name)
        if name in exclude or value is strawberry.UNSET:
            continue
        arguments[rename.get(name, name)] = (
            convert[name](value) if name in convert else _value(name, value)
        )
    return arguments


def service_mutation(
    service: Callable[..., Awaitable[Any]],
    payload: type,
    result: str | None,
    *,
    input: type,
    actor: bool = True,
    rename: Mapping[str, str] | None = None,
    convert: Mapping[str, Callable[[Any], Any]] | None = None,
    exclude: Collection[str] = (),
    then: Callable[[Any], Any] | None = None,
    description: str | None = None,
    permission: str | None = None,
    scopes: Mapping[str, ScopeTarget] | None = None,
    unscoped: Collection[str] = (),
) -> Any:
    """A mutation field taking ``input`` that calls ``service`` with the input's fields
    (plus ``actor``, the caller, unless ``actor=False``) and answers with ``payload``:
    ``result`` holds what the service returned (passed through ``then`` if given), or
    ``errors`` the refusal. ``permission``, ``scopes`` and ``unscoped`` are declared on the
    field as ``secure_mutation`` declares them."""

    async def resolve(info: Info, input: Any) -> Any:
        async def action() -> Any:
            arguments = service_arguments(input, rename=rename, convert=convert, exclude=exclude)
            if actor:
                arguments["actor"] = info.context.actor
            value = await service(**arguments)
            return then(value) if then is not None else value

        return await run_mutation(payload, result, action)

    resolve.__annotations__ = {"info": Info, "input": input, "return": payload}
    return strawberry.mutation(
        resolver=resolve,
        description=description,
        metadata=declared(permission, scopes, unscoped),
    )
