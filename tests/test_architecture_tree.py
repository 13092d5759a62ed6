"""docs/architecture.md's tree of the code stays true: every path it shows exists, and under
graphql/ it shows every module and package there is, so a module added, moved or removed
without the doc fails here instead of leaving the doc to rot."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# An entry of the tree: two spaces per level, then a file or folder name; description lines
# (and their continuations, from column 20 on) are not entries.
ENTRY = re.compile(r"^(?P<indent>(?:  ){0,9})(?P<name>[\w.<>]+(?:/[\w.<>]+)*/?)(?:\s|$)")


def shown_paths(markdown: str) -> set[str]:
    """The paths the first code block of ``markdown`` shows, as ``graphql/common/errors.py``
    (folders end in ``/``); templates such as ``plugins/<name>/`` are left out."""
    block = markdown.split("```\n", 2)[1]
    paths: set[str] = set()
    stack: list[str] = []
    for line in block.splitlines():
        match = ENTRY.match(line)
        if match is None or len(match["indent"]) >= 20:
            continue
        depth = len(match["indent"]) // 2
        if depth > len(stack):
            continue  # a description line that happens to start with a word
        stack = [*stack[:depth], match["name"]]
        path = "".join(stack)
        if "<" not in path:
            paths.add(path)
    return paths


def graphql_on_disk() -> set[str]:
    """Every module (but ``__init__.py``) and every package under graphql/."""
    found: set[str] = set()
    for file in (ROOT / "graphql").rglob("*.py"):
        if "__pycache__" in file.parts:
            continue
        relative = file.relative_to(ROOT).as_posix()
        if file.name == "__init__.py":
            found.add(relative.removesuffix("__init__.py"))
        else:
            found.add(relative)
    return found


def _doc() -> set[str]:
    return shown_paths((ROOT / "docs" / "architecture.md").read_text())


def test_every_path_the_architecture_tree_shows_exists():
    missing = sorted(path for path in _doc() if not (ROOT / path).exists())
    assert missing == [], f"docs/architecture.md shows paths that do not exist: {missing}"


def test_the_architecture_tree_shows_every_graphql_module_and_package():
    shown = {path for path in _doc() if path.startswith("graphql/")}
    code = {path for path in shown if path.endswith((".py", "/"))} - {"graphql/"}
    assert "graphql/schema.py" in shown  # the tree was read at all
    unlisted = sorted(graphql_on_disk() - code)
    assert unlisted == [], f"docs/architecture.md's tree lacks: {unlisted}"


def test_the_reader_of_the_tree_nests_entries_and_skips_descriptions():
    markdown = (
        "```\n"
        "graphql/              the API\n"
        "  common/             shared\n"
        "    errors.py         UserError\n"
        "                      continued description\n"
        "  schema.py           build_schema\n"
        "plugins/<name>/       one folder each\n"
        "```\n"
    )
    assert shown_paths(markdown) == {
        "graphql/",
        "graphql/common/",
        "graphql/common/errors.py",
        "graphql/schema.py",
    }
