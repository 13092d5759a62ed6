"""Docs and the committed schema stay true: every hook documented, no schema drift."""

from __future__ import annotations

import inspect
from pathlib import Path

from frontdesk.core.plugins import create_plugin_manager
from frontdesk.graphql.schema import build_schema, print_sdl
from frontdesk.testing import BUILTIN_PLUGINS

ROOT = Path(__file__).resolve().parent.parent


def _hook_specs() -> dict[str, object]:
    """Every hook of the installation with all built-in plugins enabled: core's and those
    plugins add."""
    pm = create_plugin_manager(BUILTIN_PLUGINS)
    return {
        name: getattr(pm.hook, name).spec for name in dir(pm.hook) if name.startswith("frontdesk_")
    }


def _signature(name: str, spec) -> str:
    return f"{name}({', '.join(inspect.signature(spec.function).parameters)})"


def _documentation_of(spec) -> Path:
    """Core's hooks are documented in docs/plugins.md; a hook a plugin offers (its
    ``hookspecs.py``, added through ``frontdesk_addhooks``) in that plugin's README.md."""
    module = spec.namespace.__name__
    if module.startswith("frontdesk.plugins."):
        return ROOT / "plugins" / module.split(".")[2] / "README.md"
    assert module in ("frontdesk.core.hookspecs", "frontdesk.core.hookspecs_lifecycle"), module
    return ROOT / "docs" / "plugins.md"


def test_every_hook_is_documented_with_its_exact_signature_where_its_owner_keeps_docs():
    specs = _hook_specs()
    assert len(specs) >= 15
    missing = [
        f"{_documentation_of(spec).relative_to(ROOT)} lacks `{_signature(name, spec)}`"
        for name, spec in specs.items()
        if f"`{_signature(name, spec)}`" not in _documentation_of(spec).read_text()
    ]
    assert missing == []


def test_hooks_offered_by_plugins_are_specified_by_those_plugins():
    owners = {name: spec.namespace.__name__ for name, spec in _hook_specs().items()}
    assert owners["frontdesk_shifts_hours_approved"] == "frontdesk.plugins.hr_shifts.hookspecs"
    assert owners["frontdesk_shifts_roster_published"] == "frontdesk.plugins.hr_shifts.hookspecs"
    assert (
        owners["frontdesk_accounting_connectors"] == "frontdesk.plugins.accounting_bridge.hookspecs"
    )
    core_alone = create_plugin_manager([])
    assert not any(
        name.startswith(("frontdesk_shifts_", "frontdesk_accounting_"))
        for name in dir(core_alone.hook)
    )


def test_every_hook_spec_is_annotated_and_says_when_it_runs():
    for name, spec in _hook_specs().items():
        signature = inspect.signature(spec.function)
        unannotated = [p for p, v in signature.parameters.items() if v.annotation is v.empty]
        assert unannotated == [], f"{name}: parameters without a type: {unannotated}"
        assert signature.return_annotation is not signature.empty, f"{name}: no return type"
        doc = " ".join((spec.function.__doc__ or "").split()).lower()
        assert "transaction" in doc or "after commit" in doc, f"{name}: when does it run?"
        assert "return" in doc, f"{name}: what does it return?"


def test_committed_schema_matches_the_schema_with_every_plugin():
    committed = (ROOT / "docs" / "schema.graphql").read_text()
    current = print_sdl(build_schema(create_plugin_manager(BUILTIN_PLUGINS)))
    assert committed == current, "docs/schema.graphql drifted: run `make schema`"


def test_core_alone_schema_has_no_plugin_types():
    sdl = print_sdl(build_schema(create_plugin_manager([])))
    for prefix in ("Concierge", "Accounting", "Shifts", "Channels"):
        assert f"type {prefix}" not in sdl
