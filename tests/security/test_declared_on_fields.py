"""A field's permission and its id arguments' scope are declared where the field is defined
(``secure_field`` / ``secure_mutation`` of ``frontdesk.api.graphql``): start-up reads them from
the built schema, enforces them like any other, and refuses contradictions. (Enforcement on
requests is the maps' path: tests/plugins/hr_shifts/test_wages_visibility.py shows a declared
nested field redacted, tests/plugins/*/ the built-in plugins' root fields refused.)"""

from __future__ import annotations

import pytest
import strawberry

from frontdesk.api import hookimpl
from frontdesk.api.graphql import GraphQLContribution, secure_field, secure_mutation
from frontdesk.api.tables import RoomType, Stay
from frontdesk.core.plugins import create_plugin_manager
from frontdesk.graphql.schema import build_schema
from frontdesk.graphql.security.policy import SecurityPolicyError


@strawberry.type
class LostItem:
    label: str
    value_note: str | None = secure_field(permission="folios.read", default=None)


@strawberry.type
class LostItemQuery:
    @secure_field(permission="stays.read", scopes={"stayId": Stay})
    def lost_items(self, stay_id: strawberry.ID) -> list[LostItem]:
        return [LostItem(label="umbrella", value_note="worth 40")]


@strawberry.type
class LostItemMutation:
    @secure_mutation(permission="stays.write", unscoped=["batchId"])
    def forget_lost_items(self, batch_id: strawberry.ID) -> bool:
        return True


@strawberry.type
class StayLostItems:
    @secure_field(permission="stays.read")
    def lost_item_count(self) -> int | None:
        return 1


def schema_with(**overrides):
    parts = {
        "queries": [LostItemQuery],
        "mutations": [LostItemMutation],
        "type_extensions": {"Stay": [StayLostItems]},
    }

    class Plugin:
        @hookimpl
        def frontdesk_graphql_contribute(self):
            return GraphQLContribution(**{**parts, **overrides})

    pm = create_plugin_manager([])
    pm.register(Plugin())
    return build_schema(pm)


def test_permissions_declared_on_root_nested_and_extension_fields_join_the_policy():
    policy = schema_with().security_policy
    assert policy.field_permissions["Query.lostItems"] == "stays.read"
    assert policy.field_permissions["Mutation.forgetLostItems"] == "stays.write"
    assert policy.field_permissions["LostItem.valueNote"] == "folios.read"
    assert policy.field_permissions["Stay.lostItemCount"] == "stays.read"


def test_scopes_declared_on_the_field_bind_its_arguments_only():
    policy = schema_with().security_policy
    assert policy.scope_of("Query.lostItems", "stayId").label == "stay"
    assert policy.declared("Mutation.forgetLostItems", "batchId")
    assert not policy.declared("Mutation.somethingElse", "batchId")


def test_a_field_declared_one_way_and_mapped_another_stops_start_up():
    with pytest.raises(SecurityPolicyError, match="Query.lostItems needs 'guests.read'"):
        schema_with(field_permissions={"Query.lostItems": "guests.read"})


def test_a_scope_declared_on_the_field_and_mapped_otherwise_stops_start_up():
    with pytest.raises(SecurityPolicyError, match="Argument Query.lostItems.stayId names"):
        schema_with(scoped_arguments={"Query.lostItems.stayId": RoomType})


def test_a_root_field_declaring_nothing_still_stops_start_up():
    @strawberry.type
    class Forgetful:
        @secure_field(description="No permission given")
        def forgotten(self) -> int:
            return 0

    with pytest.raises(SecurityPolicyError, match="Query.forgotten has no permission entry"):
        schema_with(queries=[LostItemQuery, Forgetful])
