"""``UserError.code`` is the enum ``UserErrorCode``: core's codes and each enabled plugin's,
registered at start-up. Every code the source raises must be listed, or a client would get
a GraphQL error instead of the refusal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontdesk.core.errors import ErrorCodeConflict
from frontdesk.core.plugins import create_plugin_manager, hookimpl
from frontdesk.graphql.common.error_codes import registered_codes
from frontdesk.graphql.schema import build_schema
from frontdesk.testing import BUILTIN_PLUGINS

ROOT = Path(__file__).resolve().parents[2]
# `code = "X"` on a DomainError class, `code="X"` given to an error, `X = "X"` rule codes.
RAISED = re.compile(r'\bcode\s*=\s*"([A-Z][A-Z0-9_]+)"')
CALLED = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\($")


def _given_to_a_class(text: str, at: int) -> bool:
    """Whether the ``code=`` at ``at`` is a class attribute or an argument of a class being
    made (an error: CapWords), not of a function (``create_rate_plan(code="FLEX")``)."""
    depth = 0
    for index in range(at - 1, -1, -1):
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                called = CALLED.search(text[max(0, index - 80) : index + 1])
                return bool(called) and called.group(1)[0].isupper()
            depth -= 1
    return True  # not inside a call: a class attribute


RULE_CONSTANT = re.compile(r'^([A-Z][A-Z0-9_]+) = "\1"$', re.MULTILINE)


def _enum_values(schema) -> set[str]:
    return set(schema._schema.type_map["UserErrorCode"].values)


def _raised_in_source() -> dict[str, str]:
    found = {}
    for folder in ("core", "graphql", "plugins"):
        for path in (ROOT / folder).rglob("*.py"):
            if "piccolo_migrations" in path.parts:
                continue
            text = path.read_text()
            for match in RAISED.finditer(text):
                if _given_to_a_class(text, match.start()):
                    found[match.group(1)] = str(path.relative_to(ROOT))
            if path.name == "rules.py":
                for code in RULE_CONSTANT.findall(text):
                    found[code] = str(path.relative_to(ROOT))
    return found


def test_every_code_the_source_raises_is_in_the_enum():
    listed = _enum_values(build_schema(create_plugin_manager(BUILTIN_PLUGINS)))
    raised = _raised_in_source()
    assert len(raised) >= 10
    assert {code: where for code, where in raised.items() if code not in listed} == {}


def test_user_error_code_is_the_enum_in_the_schema():
    sdl = build_schema(create_plugin_manager([])).as_str()
    assert "type UserError {\n  code: UserErrorCode!" in sdl


def test_a_plugins_codes_join_the_enum_only_when_it_is_enabled():
    assert "FEATURE_UNAVAILABLE" not in _enum_values(build_schema(create_plugin_manager([])))
    with_concierge = build_schema(create_plugin_manager(["concierge"]))
    assert "FEATURE_UNAVAILABLE" in _enum_values(with_concierge)


class _ThirdParty:
    @hookimpl
    def frontdesk_error_codes_register(self):
        return {"ROOM_ON_FIRE": "The room cannot be sold: it is on fire."}


class _Malformed:
    @hookimpl
    def frontdesk_error_codes_register(self):
        return {"room on fire": "Not a code."}


def test_a_third_party_plugin_registers_codes_at_start_up():
    pm = create_plugin_manager([])
    pm.register(_ThirdParty())
    schema = build_schema(pm)
    enum_type = schema._schema.type_map["UserErrorCode"]
    assert enum_type.values["ROOM_ON_FIRE"].description == "The room cannot be sold: it is on fire."
    assert "ROOM_ON_FIRE" in registered_codes(pm)


def test_a_malformed_code_stops_start_up():
    pm = create_plugin_manager([])
    pm.register(_Malformed())
    with pytest.raises(ErrorCodeConflict):
        build_schema(pm)


async def test_a_refusal_answers_with_its_enum_code(gql):
    payload = await gql.mutate("checkIn", {"stayId": "424242"}, "stay { id }")
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", "stayId")]
