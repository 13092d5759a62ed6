"""The permission matrix, generated from the live schema (core and every plugin) and the
permission maps: for every root operation and every built-in role, a role holding the
operation's permission gets past the check, every other role is refused."""

from __future__ import annotations

import pytest
import strawberry
from security.operations import operation, root_fields

from frontdesk.core import runtime
from frontdesk.core.auth.registry import AUTHENTICATED, PUBLIC, default_grants
from frontdesk.core.permissions import BUILT_IN_ROLES
from frontdesk.testing import BUILTIN_PLUGINS

# Operations whose placeholder arguments would change the caller's own credentials.
SKIP = {"Mutation.logout", "Mutation.changePassword"}


@pytest.fixture
def enabled_plugins():
    return BUILTIN_PLUGINS


@pytest.fixture
def backend() -> str:
    """SQLite only: the guard decides before any resolver reads the database, so the engine
    cannot change who is refused, and the matrix (every operation for each of 7 roles) took
    a sixth of the PostgreSQL half of the suite."""
    return "sqlite"


def _refused(root: str, name: str, body: dict) -> bool:
    errors = body.get("errors") or []
    if any((e.get("extensions") or {}).get("code") == "FORBIDDEN" for e in errors):
        return True
    payload = (body.get("data") or {}).get(name)
    if root == "Mutation" and isinstance(payload, dict):
        return any(e["code"] == "PERMISSION_DENIED" for e in payload.get("errors") or [])
    return False


@pytest.mark.parametrize("role", BUILT_IN_ROLES)
async def test_each_role_reaches_exactly_the_operations_its_permissions_allow(
    app, http, client_for, role
):
    pm = runtime.current().plugin_manager
    granted = default_grants(pm)[role]
    policy = app.state.schema.security_policy
    client = await client_for(role)
    wrong = []
    checked = 0
    for root, name, field in root_fields(app.state.schema):
        key = f"{root}.{name}"
        if key in SKIP:
            continue
        permission = policy.field_permissions[key]
        expected = permission in (PUBLIC, AUTHENTICATED) or permission in granted
        document, variables = operation(root, name, field)
        response = await client.raw(document, variables)
        assert response.status_code == 200, (key, response.text)
        refused = _refused(root, name, response.json())
        checked += 1
        if refused == expected:
            wrong.append(f"{key} ({permission}): {'refused' if refused else 'allowed'}")
    assert checked > 40
    assert wrong == [], f"{role}: " + "; ".join(wrong)


async def test_a_role_without_a_permission_is_refused_and_told_which(client_for):
    concierge = await client_for("concierge")
    payload = await concierge.mutate(
        "bookStay",
        {
            "propertyId": "1",
            "roomTypeId": "1",
            "guestId": "1",
            "arrival": "2026-11-23",
            "departure": "2026-11-24",
        },
        "stay { id }",
    )
    assert payload == {
        "stay": None,
        "errors": [
            {
                "code": "PERMISSION_DENIED",
                "message": "This needs the permission stays.write.",
                "field": None,
            }
        ],
    }
    response = (await concierge.raw("{ users { username } }")).json()
    assert response["data"] is None
    assert response["errors"][0]["extensions"] == {"code": "FORBIDDEN", "permission": "users.admin"}


async def test_every_root_field_has_a_permission_entry(app):
    policy = app.state.schema.security_policy
    missing = [
        f"{root}.{name}"
        for root, name, _ in root_fields(app.state.schema)
        if f"{root}.{name}" not in policy.field_permissions
    ]
    assert missing == []


def test_a_root_field_without_permission_entry_stops_start_up():
    from frontdesk.core.plugins import create_plugin_manager, hookimpl
    from frontdesk.graphql.common.contributions import GraphQLContribution
    from frontdesk.graphql.schema import build_schema
    from frontdesk.graphql.security.policy import SecurityPolicyError

    @strawberry.type
    class Forgetful:
        @strawberry.field
        def secret_thing(self) -> str:
            return "leak"

    class Plugin:
        @hookimpl
        def frontdesk_graphql_contribute(self):
            return GraphQLContribution(queries=[Forgetful])

    pm = create_plugin_manager([])
    pm.register(Plugin())
    with pytest.raises(SecurityPolicyError, match="Query.secretThing has no permission entry"):
        build_schema(pm)


def _schema_with_plugin_field(**declarations):
    """Build core's schema plus a plugin query ``secretNote(noteId)`` with ``declarations``."""
    from frontdesk.core.plugins import create_plugin_manager, hookimpl
    from frontdesk.graphql.common.contributions import GraphQLContribution
    from frontdesk.graphql.schema import build_schema

    @strawberry.type
    class Notes:
        @strawberry.field
        def secret_note(self, note_id: strawberry.ID) -> str:
            return "leak"

    class Plugin:
        @hookimpl
        def frontdesk_graphql_contribute(self):
            return GraphQLContribution(
                queries=[Notes],
                field_permissions={"Query.secretNote": "stays.read"},
                **declarations,
            )

    pm = create_plugin_manager([])
    pm.register(Plugin())
    return build_schema(pm)


def test_an_id_argument_without_a_declared_scope_stops_start_up():
    from frontdesk.graphql.security.policy import SecurityPolicyError

    with pytest.raises(SecurityPolicyError, match="Query.secretNote argument noteId has no"):
        _schema_with_plugin_field()


def test_an_id_argument_is_declared_scoped_or_unscoped_and_never_both_ways():
    from frontdesk.core.rates.tables import RatePlan
    from frontdesk.core.stays.tables import Stay
    from frontdesk.graphql.security.policy import SecurityPolicyError

    schema = _schema_with_plugin_field(scoped_arguments={"Query.secretNote.noteId": Stay})
    assert schema.security_policy.scope_of("Query.secretNote", "noteId").label == "stay"
    _schema_with_plugin_field(unscoped_arguments=frozenset({"noteId"}))
    with pytest.raises(
        SecurityPolicyError, match="ratePlanId names a ratePlan per one declaration"
    ):
        _schema_with_plugin_field(scoped_arguments={"ratePlanId": Stay, "noteId": RatePlan})
