"""The frontdesk command keeps its promise for every user mistake: one plain sentence on
stderr, exit status 2, no traceback, nothing half-done. Each test runs the real command."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import httpx
import pytest
from support.browser import free_port

from frontdesk.server.cli import build_parser
from frontdesk.testing import BUILTIN_PLUGINS, databases


def frontdesk(*args: str, database: str | None = None, env: dict | None = None, cwd=None):
    full_env = {**os.environ, "FRONTDESK_PLUGINS": "", **(env or {})}
    command = [sys.executable, "-m", "frontdesk.server.cli"]
    if database:
        command += ["--database", database]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=120
    )


def assert_plain_mistake(result, *fragments: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.fixture
def migrated(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    assert frontdesk("migrate", database=url).returncode == 0
    return url


def test_migrate_names_each_migration_it_applied_then_none(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    first = frontdesk("migrate", database=url)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("Applied ") and lines[0].endswith(" migrations:")
    applied = [line.split() for line in lines[1:-1]]
    assert int(lines[0].split()[1]) == len(applied)
    assert {app for app, _ in applied} == {"core", "folios", "auth", "outbox", "plugin_state"}
    assert lines[-1] == "Database is up to date (core, folios, auth, outbox, plugin_state)."
    again = frontdesk("migrate", database=url)
    assert again.stdout.splitlines()[0] == "No migrations to apply."


def test_a_busy_port_is_a_plain_message_and_nothing_claims_to_serve(migrated):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = frontdesk("serve", "--port", str(port), database=migrated)
    assert_plain_mistake(result, f"Port {port} on 127.0.0.1 is already in use", "--port")
    assert "serving" not in result.stdout


def test_serving_is_announced_only_once_the_port_answers(migrated, tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "frontdesk.server.cli", "--database", migrated, "serve"]
        + ["--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "FRONTDESK_PLUGINS": "", "PYTHONUNBUFFERED": "1"},
    )
    watchdog = threading.Timer(120, process.kill)  # a hung server fails the test, never hangs it
    watchdog.start()
    try:
        line = process.stdout.readline()
        assert line == f"Frontdesk serving http://127.0.0.1:{port}/graphql\n"
        assert httpx.get(f"http://127.0.0.1:{port}/health").json()["status"] == "ok"
    finally:
        watchdog.cancel()
        process.terminate()
        process.wait()


@pytest.mark.parametrize("port", ["0", "70000", "-1", "eighty"])
def test_a_port_out_of_range_is_refused(migrated, port):
    result = frontdesk("serve", "--port", port, database=migrated)
    assert_plain_mistake(result, "argument --port", "1-65535")


def test_a_port_out_of_range_from_the_environment_is_refused(migrated):
    result = frontdesk("serve", database=migrated, env={"FRONTDESK_PORT": "99999"})
    assert_plain_mistake(result, "Port 99999 is out of range", "FRONTDESK_PORT")


@pytest.mark.parametrize("url", ["mysql://root@localhost/hotel", "sqlite://hotel.db", "hotel"])
def test_a_url_that_is_neither_sqlite_nor_postgresql_is_refused(url, tmp_path):
    if url == "hotel":
        url = "redis://127.0.0.1:6379/0"
    result = frontdesk("migrate", database=url, cwd=tmp_path)
    assert_plain_mistake(result, "Unsupported database URL", "sqlite:///", "postgresql://")
    assert list(tmp_path.iterdir()) == []


def test_a_sqlite_file_in_a_missing_folder_is_refused_and_nothing_created(tmp_path):
    missing = tmp_path / "typo" / "hotel.db"
    result = frontdesk("migrate", database=f"sqlite:///{missing}")
    assert_plain_mistake(result, f"The folder {missing.parent} of the SQLite database")
    assert not missing.parent.exists()


def test_a_sqlite_path_that_cannot_be_opened_is_refused(tmp_path):
    (tmp_path / "folder.db").mkdir()
    result = frontdesk("migrate", database=f"sqlite:///{tmp_path / 'folder.db'}")
    assert_plain_mistake(result, "Cannot open the SQLite database", "unable to open")


def test_commands_refuse_an_unmigrated_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    for args in (["demo"], ["night-audit", "BERLIN"], ["serve", "--port", str(free_port())]):
        result = frontdesk(*args, database=url)
        assert_plain_mistake(result, "unapplied migrations", "Run: frontdesk migrate")


def _postgres(user: str | None = None, database: str | None = None) -> str:
    if not databases.POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set FRONTDESK_TEST_POSTGRES_URL")
    parts = urlparse(databases.POSTGRES_URL)
    netloc = parts.netloc if user is None else f"{user}@{parts.hostname}:{parts.port or 5432}"
    return urlunparse(parts._replace(netloc=netloc, path=f"/{database or 'postgres'}"))


def test_a_postgresql_role_that_does_not_exist_is_a_plain_message():
    result = frontdesk("migrate", database=_postgres(user="no_such_role_f17"))
    assert_plain_mistake(result, "Cannot connect to postgresql://", 'role "no_such_role_f17"')
    assert "Warning" not in result.stderr


def test_a_postgresql_database_that_does_not_exist_is_a_plain_message():
    result = frontdesk("migrate", database=_postgres(database="no_such_database_f17"))
    assert_plain_mistake(result, 'database "no_such_database_f17" does not exist')


def test_a_postgresql_server_that_does_not_answer_is_a_plain_message_without_password():
    url = f"postgresql://ana:secret@127.0.0.1:{free_port()}/hotel"
    result = frontdesk("migrate", database=url)
    assert_plain_mistake(result, "Cannot connect to postgresql://ana:***@127.0.0.1")
    assert "secret" not in result.stderr


def _commands(parser, prefix: str = "frontdesk") -> list[str]:
    found = []
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        for name, sub in action.choices.items():
            if sub._subparsers:
                found += _commands(sub, f"{prefix} {name}")
            else:
                found.append(f"{prefix} {name}")
    return found


def test_the_readme_command_table_lists_every_command(monkeypatch):
    # every built-in plugin's commands too (not those of a third-party plugin installed beside)
    monkeypatch.setenv("FRONTDESK_PLUGINS", ",".join(BUILTIN_PLUGINS))
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    table = [line for line in readme.splitlines() if line.startswith("| `frontdesk")]
    commands = _commands(build_parser())
    assert len(commands) >= 8
    missing = [c for c in commands if not any(row.startswith(f"| `{c}") for row in table)]
    assert missing == []
