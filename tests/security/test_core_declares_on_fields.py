"""Core's areas declare their fields' permissions and field-bound id scopes where the fields
are defined (``secure_field`` / ``secure_mutation`` / ``service_mutation(permission=…)``), as
the built-in plugins do: no area keeps a ``permissions.py`` map, no contribution hands in a
field's permission, and the policy start-up enforces is exactly what the fields declare.
Contributions keep only id arguments by name (``stayId`` names a stay on every root field,
plugins' too; docs/security.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontdesk.core.plugins import create_plugin_manager
from frontdesk.graphql.schema import _declared_on_fields, build_schema, contributions
from frontdesk.testing import BUILTIN_PLUGINS

GRAPHQL = Path(__file__).resolve().parents[2] / "graphql"
NOT_AREAS = {"common", "security", "execution", "http", "live"}


@pytest.fixture(scope="module")
def plugin_manager():
    return create_plugin_manager(list(BUILTIN_PLUGINS))


def test_no_area_of_core_keeps_a_permission_map():
    areas = [p for p in GRAPHQL.iterdir() if p.is_dir() and p.name not in NOT_AREAS]
    assert {a.name for a in areas} >= {"stays", "guests", "folios", "auth"}
    for area in areas:
        assert not (area / "permissions.py").exists(), area.name
        for module in area.glob("*.py"):
            text = module.read_text()
            assert not re.search(r"\b(FIELD_PERMISSIONS|SCOPED_ARGUMENTS)\b", text), module


def test_no_contribution_hands_in_what_a_field_declares(plugin_manager):
    for part in contributions(plugin_manager):
        assert part.field_permissions == {}
        assert not [k for k in part.scoped_arguments if "." in k]
        assert not [k for k in part.unscoped_arguments if "." in k]


@pytest.mark.parametrize("plugins", [[], "builtin"], ids=["core", "all-plugins"])
def test_the_enforced_policy_is_what_the_fields_declare(plugins):
    pm = create_plugin_manager(list(BUILTIN_PLUGINS) if plugins == "builtin" else [])
    schema = build_schema(pm)
    policy = schema.security_policy
    extensions: dict[str, list[type]] = {}
    for part in contributions(pm):
        for type_name, classes in part.type_extensions.items():
            extensions.setdefault(type_name, []).extend(classes)
    declared = _declared_on_fields(schema, extensions)
    assert declared.permissions == policy.field_permissions
    gql = schema._schema
    roots = [
        f"{root}.{name}" for root in ("Query", "Mutation") for name in gql.get_type(root).fields
    ]
    assert all(key in declared.permissions for key in roots)
    bound = {k for k in policy.scoped_arguments if "." in k}
    assert bound == set(declared.scopes)
    # Spot checks of the move: a permission, a pseudo-permission, a nested field's, a scope.
    assert declared.permissions["Mutation.bookStay"] == "stays.write"
    assert declared.permissions["Mutation.login"] == "public"
    assert declared.permissions["Guest.dateOfBirth"] == "guests.pii.read"
    assert policy.scope_of("Mutation.correctEntry", "entryId").label == "folioEntry"


def test_a_service_mutation_without_its_declaration_stops_start_up(monkeypatch):
    """The declaration is what start-up reads: take one off and the schema is refused."""
    from frontdesk.graphql.security.policy import SecurityPolicyError
    from frontdesk.graphql.stays.mutations import StayMutation

    fields = StayMutation.__strawberry_definition__.fields
    check_in = next(f for f in fields if f.python_name == "check_in")
    monkeypatch.setattr(check_in, "metadata", {})
    with pytest.raises(SecurityPolicyError, match="Mutation.checkIn has no permission"):
        build_schema(create_plugin_manager([]))
