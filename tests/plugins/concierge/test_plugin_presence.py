"""The concierge is a guest in the house: disabled, it leaves no trace in the schema or the
database; enabled, every field it adds names the permission it needs."""

from __future__ import annotations

import pytest

from frontdesk.core.plugins import create_plugin_manager, flatten
from frontdesk.core.settings import Settings
from frontdesk.graphql.schema import build_schema, print_sdl
from frontdesk.plugins.concierge.schema import contribution


def test_the_schema_without_the_plugin_has_no_concierge_trace():
    sdl = print_sdl(build_schema(create_plugin_manager([])))
    assert "Concierge" not in sdl
    assert "conciergeRequests" not in sdl
    assert "openRequests" not in sdl
    assert "recommendationsGiven" not in sdl


def test_the_schema_with_the_plugin_extends_stay_and_room():
    sdl = print_sdl(build_schema(create_plugin_manager(["concierge"])))

    def fields_of(type_name: str) -> str:
        return sdl.split(f"type {type_name} {{")[1].split("}")[0]

    assert "conciergeRequests: [ConciergeRequest!]!" in fields_of("Stay")
    assert "openRequests: [ConciergeRequest!]!" in fields_of("Room")


@pytest.mark.parametrize("enabled_plugins", [[]], ids=["core-alone"])
async def test_the_database_without_the_plugin_has_no_concierge_table(runtime, backend):
    if backend == "sqlite":
        rows = await runtime.engine._run_in_new_connection(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        names = [r["name"] for r in rows]
    else:
        rows = await runtime.engine._run_in_new_connection(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
        )
        names = [r["name"] for r in rows]
    assert "core_stay" in names
    assert [n for n in names if n.startswith("concierge_")] == []


def test_every_contributed_field_names_its_permission():
    part = contribution()
    sdl_fields = {
        f"{owner}.{name}"
        for owner, classes in (
            ("Query", part.queries),
            ("Mutation", part.mutations),
            *part.type_extensions.items(),
        )
        for cls in classes
        for name in (
            f.graphql_name or _camel(f.python_name) for f in cls.__strawberry_definition__.fields
        )
    }
    pm = create_plugin_manager(["concierge"])
    declared = build_schema(pm).security_policy.field_permissions  # read from the fields
    assert sdl_fields <= set(declared)
    registered = {p.name for p in flatten(pm.hook.frontdesk_permissions_register())}
    assert {declared[key] for key in sdl_fields} <= registered


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def test_the_plugin_settings_are_contributed():
    pm = create_plugin_manager(["concierge"])
    keys = {s.key for s in flatten(pm.hook.frontdesk_settings_contribute())}
    assert {
        "concierge.luggage_response_minutes",
        "concierge.vip_welcome_tasks",
        "concierge.check_out_action",
        "concierge.charge_on",
    } <= keys
    assert (
        Settings().plugin_setting(
            next(
                s
                for s in flatten(pm.hook.frontdesk_settings_contribute())
                if s.key == "concierge.luggage_response_minutes"
            )
        )
        == 15
    )
