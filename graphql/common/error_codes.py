"""``UserError.code`` as the enum ``UserErrorCode``: core's codes and those each enabled
plugin registers (``frontdesk_error_codes_register``), built per schema so a schema without
a plugin does not list its codes. A frontend can switch over every code it may receive."""

from __future__ import annotations

import copy
import enum
from collections.abc import Iterator
from contextlib import contextmanager

import pluggy
import strawberry

from frontdesk.core.errors import error_codes
from frontdesk.core.plugins import flatten

from .errors import KNOWN_CODES, UserError


def registered_codes(pm: pluggy.PluginManager) -> dict[str, str]:
    """Every error code of core and the enabled plugins, with its description."""
    found = flatten(pm.hook.frontdesk_error_codes_register())
    return error_codes(m for m in found if isinstance(m, dict))


def code_enum(codes: dict[str, str]) -> type[enum.Enum]:
    members = {code: strawberry.enum_value(code, description=text) for code, text in codes.items()}
    return strawberry.enum(
        enum.Enum("UserErrorCode", members),  # type: ignore[misc]
        description="Why a request was refused; core's codes and the enabled plugins'.",
    )


@contextmanager
def user_error_codes(codes: dict[str, str]) -> Iterator[None]:
    """While a schema is built, ``UserError.code`` is the enum of ``codes``; the shared
    definition is restored afterwards, so the next schema (another plugin set) starts clean."""
    KNOWN_CODES.update(codes)
    definition = UserError.__strawberry_definition__
    saved = list(definition.fields)
    enum_type = code_enum(codes)
    fields = []
    for field in saved:
        if field.python_name == "code":
            field = copy.copy(field)
            field.type = enum_type
        fields.append(field)
    definition.fields = fields
    try:
        yield
    finally:
        definition.fields = saved
