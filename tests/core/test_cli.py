"""The frontdesk command: plain messages for mistakes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from frontdesk.core.cli import main


def _run(args, env_extra=None, tmp_path=None):
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "frontdesk.core.cli", *args],
        capture_output=True, text=True, env=env, cwd=tmp_path,
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
    assert lines == {"accounting_bridge": "disabled", "concierge": "enabled",
                     "hr_shifts": "disabled"}


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
