"""docs/plugins.md stays true: its reference names everything ``frontdesk.api`` exports, its
tutorial quotes the tutorial package verbatim, and that package, like a third-party plugin,
imports only the public API."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from support.plugin_install import ROOT, TUTORIAL
from test_import_contracts import CONTRACTS, banned_imports

DOCS = ROOT / "docs" / "plugins.md"
API_MODULES = [
    "frontdesk.api",
    "frontdesk.api.tables",
    "frontdesk.api.graphql",
    "frontdesk.api.outbox",
    "frontdesk.api.migrations",
    "frontdesk.api.http",
    "frontdesk.api.cli",
    "frontdesk.api.trusted_documents",
    "frontdesk.testing",
]
QUOTE = re.compile(r"<!-- quote: (\S+) -->\n```\w*\n(.*?)\n```", re.DOTALL)


def reference() -> str:
    text = DOCS.read_text()
    return text[text.index("## Reference: what `frontdesk.api` exports") : text.index("## Hook")]


def test_every_api_module_has_its_own_section_in_the_reference():
    missing = [m for m in API_MODULES if f"### `{m}`" not in reference()]
    assert missing == []


@pytest.mark.parametrize("module", API_MODULES)
def test_every_name_the_public_api_exports_is_in_the_reference(module):
    exported = importlib.import_module(module).__all__
    missing = [name for name in exported if not re.search(rf"`{name}[`(]", reference())]
    assert missing == [], f"docs/plugins.md's reference lacks {module}: {missing}"


def test_the_tutorial_quotes_its_package_verbatim():
    quotes = QUOTE.findall(DOCS.read_text())
    assert len(quotes) >= 10
    for path, text in quotes:
        assert path.startswith("docs/tutorial/lost_found/"), path
        assert text in (ROOT / path).read_text(), f"docs/plugins.md misquotes {path}"


def test_the_tutorial_quotes_every_module_of_its_plugin():
    quoted = {Path(path).name for path, _ in QUOTE.findall(DOCS.read_text())}
    modules = {p.name for p in (TUTORIAL / "lost_found").rglob("*.py") if p.stat().st_size}
    assert modules - quoted == set()


def test_the_tutorial_plugin_imports_only_the_public_api():
    bans = CONTRACTS["plugins"]
    assert banned_imports(TUTORIAL / "lost_found", bans) == []
