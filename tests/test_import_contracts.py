"""The house's arrows (docs/architecture.md) hold, and each contract fails on a violation.

* core imports neither graphql, the server, the public API nor any plugin;
* graphql imports neither the server nor any plugin (it reaches plugins through hooks);
* the public API (``frontdesk.api``) imports neither the server nor any plugin;
* plugins import only the public API, never core, graphql or the server;
* no plugin imports another.

The bans run ruff's banned-api rule (TID251) over each folder. import-linter was the first
choice, but its import graph (grimp) skips ``graphql/``: that folder has no ``__init__.py`` by
design (it would shadow graphql-core), so every arrow into or out of it would pass unseen.
A direct-import ban per folder is as strict here: an indirect path out of a folder has to
start with a direct import that the folder's ban already refuses.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).with_name("ruff")

CONTRACTS: dict[str, dict[str, str]] = {
    "core": {
        "frontdesk.graphql": "core imports no GraphQL: the API sits above core",
        "frontdesk.server": "core imports not the server: the composition root sits above core",
        "frontdesk.api": "core imports not the public API: the API re-exports core",
        "frontdesk.plugins": "core imports no plugin: it reaches plugins through hooks",
    },
    "graphql": {
        "frontdesk.server": "graphql imports not the server: the composition root sits above it",
        "frontdesk.plugins": "graphql imports no plugin: it reaches plugins through hooks",
    },
    "api": {
        "frontdesk.server": "the public API imports not the server",
        "frontdesk.plugins": "the public API imports no plugin: plugins sit above it",
    },
    "plugins": {
        "frontdesk.core": "plugins import only the public API: use frontdesk.api",
        "frontdesk.graphql": "plugins import only the public API: use frontdesk.api.graphql",
        "frontdesk.server": "plugins import only the public API: the server is internal",
        "frontdesk.testing": "plugins import the test kit only in their tests",
    },
}


def banned_imports(folder: Path, bans: dict[str, str]) -> list[str]:
    """Ruff's TID251 findings in ``folder`` for ``bans``, as ``path:line: message`` lines."""
    table = ", ".join(f'"{module}" = {{ msg = "{msg}" }}' for module, msg in bans.items())
    config = f"lint.flake8-tidy-imports.banned-api = {{ {table} }}"
    args = [str(RUFF), "check", "--isolated", "--select", "TID251", "--output-format", "json"]
    args += ["--config", config]
    done = subprocess.run([*args, str(folder)], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise AssertionError(f"ruff failed: {done.stderr}")
    found = json.loads(done.stdout or "[]")
    return [f"{f['filename']}:{f['location']['row']}: {f['message']}" for f in found]


def imports_of_other_plugins(plugins: Path) -> list[str]:
    """Every import in a plugin's folder that reaches into another plugin, absolute
    (``frontdesk.plugins.other``) or relative (``from ..other import x``)."""
    found = []
    for plugin in sorted(p for p in plugins.iterdir() if (p / "__init__.py").exists()):
        for path in plugin.rglob("*.py"):
            package = path.parent.relative_to(plugins.parent).parts  # ("plugins", name, ...)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                for target in _targets(node, package):
                    parts = target.split(".")
                    if parts[:1] == ["plugins"] and len(parts) > 1 and parts[1] != plugin.name:
                        found.append(f"{path}:{node.lineno}: {plugin.name} imports {target}")
    return found


def _targets(node: ast.AST, package: tuple[str, ...]) -> list[str]:
    """What ``node`` imports, as dotted names relative to the package root ``frontdesk``."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = list(package[: len(package) - node.level + 1])
            module = ".".join([*base, *([node.module] if node.module else [])])
        else:
            module = node.module or ""
        names = [f"{module}.{alias.name}" for alias in node.names]
    else:
        return []
    return [name.removeprefix("frontdesk.") for name in names if not name.startswith(".")]


@pytest.mark.parametrize("folder", sorted(CONTRACTS))
def test_each_folder_imports_only_what_the_house_allows(folder: str) -> None:
    assert banned_imports(ROOT / folder, CONTRACTS[folder]) == []


def test_no_plugin_imports_another() -> None:
    assert imports_of_other_plugins(ROOT / "plugins") == []


@pytest.mark.parametrize(
    ("folder", "module"),
    [(folder, module) for folder, bans in sorted(CONTRACTS.items()) for module in bans],
)
def test_a_deliberate_violation_breaks_the_contract(tmp_path: Path, folder: str, module: str):
    place = tmp_path / folder / "area"
    place.mkdir(parents=True)
    (place / "violation.py").write_text(f"from {module}.anything import thing\n")
    found = banned_imports(tmp_path / folder, CONTRACTS[folder])
    assert len(found) == 1
    assert "violation.py:1" in found[0] and CONTRACTS[folder][module] in found[0]


def test_a_plugin_reaching_into_another_breaks_independence(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    for name in ("lost_found", "concierge"):
        (plugins / name).mkdir(parents=True)
        (plugins / name / "__init__.py").write_text("")
    (plugins / "lost_found" / "own.py").write_text(
        "from frontdesk.plugins.lost_found import tables\nfrom . import own\n"
    )
    (plugins / "lost_found" / "absolute.py").write_text(
        "from frontdesk.plugins.concierge.service import open_request\n"
    )
    (plugins / "lost_found" / "relative.py").write_text("from ..concierge import service\n")
    found = sorted(line.split(": ", 1)[1] for line in imports_of_other_plugins(plugins))
    assert found == [
        "lost_found imports plugins.concierge.service",
        "lost_found imports plugins.concierge.service.open_request",
    ]
