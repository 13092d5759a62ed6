"""Plugins are discovered through entry points; settings enable exactly the named ones."""

from __future__ import annotations

import pytest

from frontdesk.core.errors import InvalidInput
from frontdesk.core.plugins import create_plugin_manager, enabled_names, installed_plugins
from frontdesk.core.settings import Settings
from frontdesk.testing import BUILTIN_PLUGINS


def test_built_in_plugins_register_through_entry_points():
    assert {name: installed_plugins()[name] for name in BUILTIN_PLUGINS} == {
        "accounting_bridge": "frontdesk.plugins.accounting_bridge",
        "channels": "frontdesk.plugins.channels",
        "concierge": "frontdesk.plugins.concierge",
        "guest_mail": "frontdesk.plugins.guest_mail",
        "hr_shifts": "frontdesk.plugins.hr_shifts",
        "web": "frontdesk.plugins.web",
        "webhooks": "frontdesk.plugins.webhooks",
    }


@pytest.mark.parametrize("enabled", [[], ["concierge"], ["hr_shifts", "accounting_bridge"], None])
def test_exactly_the_enabled_plugins_are_registered_and_the_rest_blocked(enabled):
    pm = create_plugin_manager(enabled)
    expected = sorted(installed_plugins()) if enabled is None else sorted(enabled)
    assert enabled_names(pm) == expected
    for name in set(installed_plugins()) - set(expected):
        assert pm.is_blocked(name)


def test_env_var_is_a_comma_list_and_empty_means_core_alone():
    assert Settings.from_env({"FRONTDESK_PLUGINS": "concierge, hr_shifts"}).plugins == [
        "concierge",
        "hr_shifts",
    ]
    assert Settings.from_env({"FRONTDESK_PLUGINS": ""}).plugins == []
    assert Settings.from_env({}).plugins is None


def test_unknown_plugin_fails_start_up_clearly():
    with pytest.raises(InvalidInput, match="Unknown plugin"):
        create_plugin_manager(["nope"])


@pytest.mark.parametrize(
    "enabled",
    [
        [],
        ["concierge"],
        ["accounting_bridge"],
        ["hr_shifts"],
        ["channels"],
        ["webhooks"],
        BUILTIN_PLUGINS,
    ],
)
def test_each_plugin_works_alone_and_together_in_the_schema(enabled):
    from frontdesk.graphql.schema import build_schema, print_sdl

    sdl = print_sdl(build_schema(create_plugin_manager(enabled)))
    names = set(enabled)
    prefixes = {
        "concierge": "Concierge",
        "accounting_bridge": "Accounting",
        "hr_shifts": "Shifts",
        "channels": "Channels",
        "webhooks": "Webhook",
    }
    for plugin, prefix in prefixes.items():
        assert (f"type {prefix}" in sdl) == (plugin in names), plugin


def test_a_field_claimed_twice_fails_schema_assembly():
    import strawberry

    from frontdesk.core.plugins import hookimpl
    from frontdesk.graphql.common.contributions import GraphQLContribution
    from frontdesk.graphql.schema import SchemaConflict, build_schema

    @strawberry.type
    class Clash:
        @strawberry.field
        def stays(self) -> int:
            return 1

    class Plugin:
        @hookimpl
        def frontdesk_graphql_contribute(self):
            return GraphQLContribution(queries=[Clash])

    pm = create_plugin_manager([])
    pm.register(Plugin(), name="clash")
    with pytest.raises(SchemaConflict, match="Query.stays"):
        build_schema(pm)
