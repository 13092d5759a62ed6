"""Docs and the committed schema stay true: every hook documented, no schema drift."""

from __future__ import annotations

import inspect
from pathlib import Path

from frontdesk.core.plugins import create_plugin_manager
from frontdesk.graphql.schema import build_schema, print_sdl
from frontdesk.testing import BUILTIN_PLUGINS

ROOT = Path(__file__).resolve().parent.parent


def _hook_signatures() -> dict[str, str]:
    pm = create_plugin_manager(BUILTIN_PLUGINS)
    signatures = {}
    for name in dir(pm.hook):
        if not name.startswith("frontdesk_"):
            continue
        caller = getattr(pm.hook, name)
        spec = caller.spec
        params = ", ".join(inspect.signature(spec.function).parameters)
        signatures[name] = f"{name}({params})"
    return signatures


def test_every_hook_is_documented_with_its_exact_signature():
    docs = (ROOT / "docs" / "plugins.md").read_text()
    signatures = _hook_signatures()
    assert len(signatures) >= 15
    missing = [sig for sig in signatures.values() if f"`{sig}`" not in docs]
    assert missing == [], f"docs/plugins.md lacks: {missing}"


def test_committed_schema_matches_the_schema_with_every_plugin():
    committed = (ROOT / "docs" / "schema.graphql").read_text()
    current = print_sdl(build_schema(create_plugin_manager(BUILTIN_PLUGINS)))
    assert committed == current, "docs/schema.graphql drifted: run `make schema`"


def test_core_alone_schema_has_no_plugin_types():
    sdl = print_sdl(build_schema(create_plugin_manager([])))
    for prefix in ("Concierge", "Accounting", "Shifts", "Channels"):
        assert f"type {prefix}" not in sdl
