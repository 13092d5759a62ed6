"""The frontdesk command: plain messages for mistakes, no tracebacks."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from frontdesk.server.cli import main
from frontdesk.testing import BUILTIN_PLUGINS
from frontdesk.testing.client import GraphQLClient


def _run(args, env_extra=None, tmp_path=None):
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for command in ("serve", "migrate", "demo", "plugins", "schema"):
        assert command in out


def test_plugins_lists_installed_plugins_and_their_state(capsys, monkeypatch):
    monkeypatch.setenv("FRONTDESK_PLUGINS", "concierge")
    assert main(["plugins"]) == 0
    lines = dict(line.split()[:2] for line in capsys.readouterr().out.strip().splitlines())
    built_in = {name: lines.pop(name) for name in BUILTIN_PLUGINS}
    assert set(lines.values()) <= {"disabled"}  # third-party plugins installed beside
    assert built_in == {
        "accounting_bridge": "disabled",
        "channels": "disabled",
        "concierge": "enabled",
        "guest_mail": "disabled",
        "hr_shifts": "disabled",
        "web": "disabled",
        "webhooks": "disabled",
    }


def test_an_unknown_plugin_is_a_plain_error(capsys, monkeypatch):
    monkeypatch.setenv("FRONTDESK_PLUGINS", "concierge,spaceship")
    assert main(["plugins"]) == 2
    err = capsys.readouterr().err
    assert "Unknown plugin(s) in FRONTDESK_PLUGINS: spaceship" in err
    assert "Traceback" not in err


def test_migrate_then_demo_then_demo_again_refuses(tmp_path):
    env = {"FRONTDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "FRONTDESK_PLUGINS": ""}
    migrated = _run(["migrate"], env, tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    assert "up to date" in migrated.stdout
    demo = _run(["demo"], env, tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "Hotel Spreeblick (BERLIN): 20 rooms, 30 guests" in demo.stdout
    assert re.search(r"^Demo loaded in \d+\.\d s\.$", demo.stdout, re.M)  # the time it took
    again = _run(["demo"], env, tmp_path)
    assert again.returncode == 2
    assert "already holds properties" in again.stderr
    assert "Traceback" not in again.stderr


def test_serve_refuses_an_unmigrated_database(tmp_path):
    env = {"FRONTDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}", "FRONTDESK_PLUGINS": ""}
    served = _run(["serve", "--port", "8765"], env, tmp_path)
    assert served.returncode == 2
    assert "unapplied migrations (" in served.stderr and "core" in served.stderr
    assert "frontdesk migrate" in served.stderr


def test_schema_prints_the_sdl(capsys, monkeypatch):
    monkeypatch.setenv("FRONTDESK_PLUGINS", "")
    assert main(["schema"]) == 0
    sdl = capsys.readouterr().out
    assert "type Stay {" in sdl
    assert "bookStay(input: BookStayInput!): StayPayload!" in sdl
    assert "Concierge" not in sdl


# Bootstrap commands run against the test's migrated database (SQLite only: the commands are
# engine-agnostic and every subprocess costs an interpreter start).
@pytest.fixture
def backend() -> str:
    return "sqlite"


def _cli(database_url: str, *args: str, password: str | None = None):
    env = {"FRONTDESK_PLUGINS": "", "FRONTDESK_NEW_PASSWORD": password or ""}
    return _run(["--database", database_url, *args], env)


LOGIN = """mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) {
  session { accessToken } errors { code } } }"""


async def test_users_create_admin_makes_an_admin_who_can_log_in(database_url, anonymous_gql):
    created = _cli(database_url, "users", "create", "--admin", "boss", password="long enough 1")
    assert created.returncode == 0, created.stderr
    assert created.stdout == "Created user boss with roles admin.\n"
    login = (await anonymous_gql.execute(LOGIN, {"u": "boss", "p": "long enough 1"}))["login"]
    assert login["errors"] == []
    token = login["session"]["accessToken"]
    boss = GraphQLClient(anonymous_gql.http, {"Authorization": f"Bearer {token}"})
    me = await boss.execute("{ me { name allProperties permissions } users { username } }")
    assert me["me"]["name"] == "boss" and me["me"]["allProperties"] is True
    assert "users.admin" in me["me"]["permissions"]
    assert me["users"] == [{"username": "boss"}]


async def test_apikey_create_prints_a_working_key_once(database_url, anonymous_gql):
    created = _cli(database_url, "apikey", "create", "--role", "front_desk", "--name", "desk")
    assert created.returncode == 0, created.stderr
    key, notice = created.stdout.splitlines()
    assert key.startswith("fdk_") and created.stdout.count(key) == 1
    assert "shown once" in notice
    desk = GraphQLClient(anonymous_gql.http, {"Authorization": f"Bearer {key}"})
    assert (await desk.execute("{ properties { nodes { id } } }")) == {"properties": {"nodes": []}}
    refused = (await desk.raw("{ users { username } }")).json()
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["apikey", "create", "--role", "wizard"], None, "wizard"),
        (["apikey", "create", "--role", "admin", "--property", "NOPE"], None, "NOPE"),
        (["users", "create", "ana"], "long enough 1", "Give --admin or at least one --role."),
        (["users", "create", "--admin", "ana"], "short", "at least"),
    ],
)
async def test_bad_bootstrap_input_is_a_plain_message_and_writes_nothing(
    database_url, gql, args, password, message
):
    failed = _cli(database_url, *args, password=password)
    assert failed.returncode == 2
    assert failed.stderr.startswith("frontdesk: ") and message in failed.stderr
    assert "Traceback" not in failed.stderr and failed.stdout == ""
    held = await gql.execute("{ users { username } apiKeys { name } }")
    assert held == {"users": [], "apiKeys": [{"name": "test admin"}]}


def test_the_server_app_is_built_with_the_collector_paused_then_restored(tmp_path, monkeypatch):
    import gc

    from litestar import Litestar

    from frontdesk.core.settings import Settings
    from frontdesk.server.cli import load_server_app

    seen = {}
    import frontdesk.server.app as server

    real_create_app = server.create_app

    def spying_create_app(settings):
        seen["collecting_during_build"] = gc.isenabled()
        return real_create_app(settings)

    monkeypatch.setattr(server, "create_app", spying_create_app)
    frozen_before = gc.get_freeze_count()
    try:
        app = load_server_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", plugins=[]))
        assert isinstance(app, Litestar)
        assert seen == {"collecting_during_build": False}
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen_before  # start-up objects left out of later scans

        monkeypatch.setattr(server, "create_app", lambda settings: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            load_server_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", plugins=[]))
        assert gc.isenabled()
    finally:
        gc.unfreeze()
