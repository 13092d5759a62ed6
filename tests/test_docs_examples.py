"""Every GraphQL example in README.md, docs/*.md and the plugins' READMEs runs, without
errors, against a freshly loaded demo group (every plugin enabled), on SQLite and PostgreSQL.

The examples of one file run in order, as a reader would paste them into GraphiQL, and build
on each other: a variable (``$propertyId``) takes its value from an earlier answer of the same
file, the field or alias of that name (``propertyId: id``), or ``<name>Id`` from the ``id`` of
an object answered under ``<name>`` (``stay { id }`` gives ``$stayId``); the latest answer
wins, and within one answer the first occurrence. So examples work on any day: they discover
the business date and ids first. A block holding several operations runs each in turn. An
answer fails the test if it carries GraphQL ``errors`` or a non-empty ``errors`` list of a
payload (a UserError)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from frontdesk.server.demo import load_demo
from frontdesk.server.demo.logins import DEMO_PASSWORD
from frontdesk.testing import BUILTIN_PLUGINS
from frontdesk.testing.client import GraphQLClient
from graphql import OperationDefinitionNode, parse, print_ast

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```graphql[^\n]*\n(.*?)^```", re.M | re.S)


def documented_files() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    files += sorted((ROOT / "plugins").glob("*/README.md"))
    return [f for f in files if FENCE.search(f.read_text()) and examples(f)]


def examples(path: Path) -> list[str]:
    """Each operation of each fenced ```graphql block, in reading order, with the block's
    fragments."""
    found = []
    for block in FENCE.findall(path.read_text()):
        document = parse(block)
        fragments = [d for d in document.definitions if not isinstance(d, OperationDefinitionNode)]
        for op in document.definitions:
            # subscriptions run over the WebSocket: tests/graphql/test_live_subscriptions.py
            # runs docs/live.md's example as written
            if isinstance(op, OperationDefinitionNode) and op.operation.value != "subscription":
                found.append("\n".join(print_ast(d) for d in [op, *fragments]))
    return found


def remember(answer: Any, values: dict[str, Any], key: str | None = None) -> None:
    """Record the answer's leaves by response key (first occurrence wins within an answer)."""
    if isinstance(answer, list):
        for item in answer:
            remember(item, values, key)
    elif isinstance(answer, dict):
        if key and "id" in answer and not isinstance(answer["id"], dict | list):
            values.setdefault(f"{key}Id", answer["id"])
        for name, value in answer.items():
            if isinstance(value, dict | list):
                remember(value, values, name)
            else:
                values.setdefault(name, value)


def user_errors(answer: Any, path: str = "") -> list[str]:
    if isinstance(answer, list):
        return [e for n, item in enumerate(answer) for e in user_errors(item, f"{path}[{n}]")]
    if not isinstance(answer, dict):
        return []
    found = [f"{path}: {answer['errors']}"] if answer.get("errors") else []
    for name, value in answer.items():
        if name != "errors":
            found += user_errors(value, f"{path}.{name}")
    return found


@pytest.fixture
def enabled_plugins() -> list[str]:
    return BUILTIN_PLUGINS  # every built-in plugin, so every example can run


@pytest.fixture
async def demo_desk(runtime, http) -> GraphQLClient:
    """The demo group, and a client logged in as the demo's admin through ``login``."""
    await load_demo(runtime)
    login = await GraphQLClient(http).execute(
        'mutation($p: String!) { login(input: {username: "admin", password: $p}) '
        "{ session { accessToken } errors { message } } }",
        {"p": DEMO_PASSWORD},
    )
    token = login["login"]["session"]["accessToken"]
    return GraphQLClient(http, {"Authorization": f"Bearer {token}"})


def test_the_readme_has_examples():
    assert ROOT / "README.md" in documented_files()
    assert len(examples(ROOT / "README.md")) >= 5


@pytest.mark.parametrize("path", documented_files(), ids=lambda p: str(p.relative_to(ROOT)))
async def test_every_graphql_example_runs_against_the_demo(path, demo_desk):
    values: dict[str, Any] = {}
    for number, example in enumerate(examples(path), 1):
        wanted = re.findall(r"\$(\w+)\s*:", example.split("{", 1)[0])
        missing = [name for name in wanted if name not in values]
        assert not missing, f"example {number}: no earlier answer gives {missing}\n{example}"
        response = await demo_desk.raw(example, {name: values[name] for name in wanted})
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), (number, example, body)
        assert user_errors(body["data"]) == [], (number, example)
        answer: dict[str, Any] = {}
        remember(body["data"], answer)
        values.update(answer)
