"""``frontdesk new-plugin NAME``: scaffold a working, pip-installable plugin package.

The package has every part a plugin usually needs (entry point, a prefixed table and its
migration, a GraphQL type, query, mutation and ``Stay`` field, a permission, a check-out
hook, a README) and tests on ``frontdesk.testing`` that pass as generated, so an author
starts from green and changes one thing at a time. The files are ``plugin_template/*.tmpl``
with ``$name``-style placeholders.
"""

from __future__ import annotations

import argparse
import importlib.util
import keyword
import re
from datetime import UTC, datetime
from pathlib import Path
from string import Template

from frontdesk.core.commands import CommandError
from frontdesk.core.plugins import installed_plugins

TEMPLATES = Path(__file__).parent / "plugin_template"
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("new-plugin", help="scaffold a new plugin package (with its tests)")
    parser.add_argument("name", help="the plugin's name: a lowercase Python identifier")
    parser.add_argument(
        "--directory", help="where to create the package's folder NAME (default: here)"
    )
    parser.set_defaults(func=cmd_new_plugin)


def cmd_new_plugin(args: argparse.Namespace) -> int:
    target = Path(args.directory or ".") / args.name
    scaffold(args.name, target)
    print(f"Created the plugin {args.name} in {target}. Next:")
    print(f"  cd {target} && pip install -e '.[test]' && frontdesk migrate && pytest")
    return 0


def check_name(name: str, target: Path) -> None:
    """Refuse a name that would not work as a plugin, or a folder already there."""
    if not NAME.match(name) or keyword.iskeyword(name):
        raise CommandError(
            f"{name!r} is not a plugin name: use lowercase letters, digits and underscores, "
            "starting with a letter (it becomes the Python package's name)."
        )
    if target.exists():
        raise CommandError(f"{target} exists already: choose another name or --directory.")
    if name in installed_plugins():
        raise CommandError(f"A plugin named {name} is installed already: choose another name.")
    spec = importlib.util.find_spec(name)
    if spec is not None and spec.origin not in (None, "namespace"):  # a folder is no clash
        raise CommandError(f"A Python module named {name} exists already: choose another name.")


def placeholders(name: str, now: datetime) -> dict[str, str]:
    words = name.split("_")
    pascal = "".join(word.capitalize() for word in words)
    return {
        "name": name,
        "dashed": name.replace("_", "-"),
        "title": " ".join(words).capitalize(),
        "pascal": pascal,
        "camel": pascal[0].lower() + pascal[1:],
        "migration_id": now.strftime("%Y-%m-%dT%H:%M:%S:%f"),
    }


def files(name: str, now: datetime) -> dict[str, str]:
    """Path in the new package -> template it is made from."""
    migration = f"{name}/piccolo_migrations/{name}_{now.strftime('%Y_%m_%dt%H_%M_%S_%f')}.py"
    return {
        "pyproject.toml": "pyproject.toml.tmpl",
        "README.md": "README.md.tmpl",
        f"{name}/__init__.py": "init.py.tmpl",
        f"{name}/tables.py": "tables.py.tmpl",
        f"{name}/piccolo_app.py": "piccolo_app.py.tmpl",
        f"{name}/piccolo_migrations/__init__.py": None,
        migration: "migration.py.tmpl",
        f"{name}/permissions.py": "permissions.py.tmpl",
        f"{name}/service.py": "service.py.tmpl",
        f"{name}/schema.py": "schema.py.tmpl",
        "tests/conftest.py": "conftest.py.tmpl",
        f"tests/test_{name}.py": "test_plugin.py.tmpl",
    }


def scaffold(name: str, target: Path) -> list[Path]:
    """Write the package for plugin ``name`` into the new folder ``target``."""
    check_name(name, target)
    now = datetime.now(UTC)
    values = placeholders(name, now)
    written = []
    for relative, template in files(name, now).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "" if template is None else (TEMPLATES / template).read_text(encoding="utf-8")
        path.write_text(Template(text).substitute(values), encoding="utf-8")
        written.append(path)
    return written
