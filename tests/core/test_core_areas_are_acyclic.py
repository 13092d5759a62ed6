"""Core's areas (its sub-packages: properties, guests, stays, rates, folios, ...) depend one
way, as core/areas.py lists them: no import closes a cycle between two areas, whether it
sits at the top of a module or inside a function, relative or absolute. A lower area that
needs a higher one declares a port (core/ports.py) instead. A failure names the imports
that make the cycle."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import frontdesk.core
from frontdesk.core.ports import Port

CORE = Path(frontdesk.core.__file__).parent
PACKAGE = "frontdesk.core"
NOT_AREAS = {"piccolo_migrations", "__pycache__"}

#: area -> imported area -> where ("stays/service.py:15")
Edges = dict[str, dict[str, list[str]]]


def areas(root: Path) -> set[str]:
    return {
        path.name
        for path in root.iterdir()
        if path.is_dir() and path.name not in NOT_AREAS and (path / "__init__.py").exists()
    }


def _imported_modules(node: ast.AST, module_parts: list[str]) -> Iterator[list[str]]:
    """Each module an import statement names, as parts below ``frontdesk.core``."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[:2] == PACKAGE.split("."):
                yield parts[2:]
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = module_parts[: len(module_parts) - node.level]
        elif (node.module or "").split(".")[:2] == PACKAGE.split("."):
            base = []
        else:
            return
        named = node.module.split(".") if node.module else []
        if node.level == 0:
            named = named[2:]
        for alias in node.names:  # ``from .. import stays`` names the area in the alias
            yield [*base, *named, alias.name]


def import_edges(root: Path) -> Edges:
    known = areas(root)
    edges: Edges = {area: {} for area in known}
    for area in known:
        for path in sorted((root / area).rglob("*.py")):
            relative = path.relative_to(root)
            if NOT_AREAS & set(relative.parts):
                continue
            module_parts = list(relative.with_suffix("").parts)
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                for parts in _imported_modules(node, module_parts):
                    target = parts[0] if parts else None
                    if target in known and target != area:
                        where = f"{relative.as_posix()}:{node.lineno}"
                        edges[area].setdefault(target, []).append(where)
    return edges


def find_cycle(edges: Edges) -> list[str] | None:
    """Some cycle of areas (first area repeated at the end), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(area: str) -> list[str] | None:
        state[area] = "open"
        path.append(area)
        for target in sorted(edges.get(area, {})):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[area] = "done"
        return None

    for area in sorted(edges):
        if area not in state and (cycle := visit(area)):
            return cycle
    return None


def describe(cycle: list[str], edges: Edges) -> str:
    steps = [
        f"  {a} -> {b}: {', '.join(edges[a][b])}" for a, b in zip(cycle, cycle[1:], strict=False)
    ]
    return "Core's areas import each other in a cycle:\n" + "\n".join(steps)


def test_core_areas_import_each_other_one_way():
    edges = import_edges(CORE)
    assert {"properties", "guests", "stays", "rates", "folios", "night_audit"} <= set(edges)
    cycle = find_cycle(edges)
    assert cycle is None, describe(cycle, edges)


def test_folios_depend_on_stays_and_stays_not_on_folios():
    edges = import_edges(CORE)
    assert "stays" in edges["folios"]
    assert "folios" not in edges["stays"]


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/service.py": "def book():\n    from ..high import billing\n",
            "high/__init__.py": "",
            "high/billing.py": "from ..low.service import book\n",
        },
    )
    edges = import_edges(root)
    cycle = find_cycle(edges)
    assert cycle in (["high", "low", "high"], ["low", "high", "low"])
    assert "low/service.py:2" in describe(cycle, edges)


def test_absolute_imports_and_imports_of_a_whole_area_count(tmp_path):
    root = _tree(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/a.py": "from frontdesk.core import high\n",
            "high/__init__.py": "",
            "high/b.py": "import frontdesk.core.low.a\n",
            "kernel.py": "from .low import a\n",
        },
    )
    edges = import_edges(root)
    assert edges == {"low": {"high": ["low/a.py:1"]}, "high": {"low": ["high/b.py:1"]}}
    assert find_cycle(edges) is not None


def test_one_way_imports_are_no_cycle(tmp_path):
    root = _tree(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/a.py": "from ..kernel import x\n",
            "high/__init__.py": "",
            "high/b.py": "from ..low.a import y\nfrom . import c\n",
        },
    )
    assert find_cycle(import_edges(root)) is None


def test_a_port_used_before_start_up_names_what_is_missing():
    port: Port[object] = Port("stay billing (core/folios/stay_billing.py)")
    with pytest.raises(RuntimeError, match="No stay billing .* is installed: start Frontdesk"):
        port.get()
    port.install(billing := object())
    assert port.get() is billing
