"""Small modules and short functions (the brief: modules under 400 lines, functions under 60),
checked over the product and the harness so a long one is split when it is written, not later.
Generated migrations are exempt: they are written once by Piccolo and never edited."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("api", "core", "graphql", "plugins", "server", "testing", "benchmarks")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def python_files(folder: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "piccolo_migrations" not in path.parts
    ]


def too_long(path: Path) -> list[str]:
    """The module itself, and each function or method, that passes its limit."""
    source = path.read_text(encoding="utf-8")
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found = []
    lines = source.count("\n")
    if lines > MAX_MODULE_LINES:
        found.append(f"{where}: {lines} lines")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{where}:{node.lineno} {node.name}: {length} lines")
    return found


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_module_or_function_is_too_long(folder: str) -> None:
    assert [line for path in python_files(folder) for line in too_long(path)] == []


def test_the_check_finds_a_long_function_and_a_long_module(tmp_path: Path) -> None:
    long_function = "def f():\n" + "    x = 1\n" * MAX_FUNCTION_LINES
    (tmp_path / "long.py").write_text(long_function + "\n" * MAX_MODULE_LINES)
    found = too_long(tmp_path / "long.py")
    assert len(found) == 2
    assert found[1].endswith(f"f: {MAX_FUNCTION_LINES + 1} lines")


def test_a_function_of_exactly_the_limit_passes(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("def f():\n" + "    x = 1\n" * (MAX_FUNCTION_LINES - 1))
    assert too_long(tmp_path / "ok.py") == []
