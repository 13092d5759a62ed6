"""An enabled plugin whose hook implementation matches no specification, or takes an argument
its hook does not pass, stops start-up with a plain message naming the plugin and the hook;
``frontdesk plugins`` lists it as broken instead of crashing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.fake_plugins import install_fake_plugin

from frontdesk.core.plugins import BrokenPlugin, create_plugin_manager, plugin_listing
from frontdesk.core.settings import Settings

MISSPELLED = """
from frontdesk.core.plugins import hookimpl


@hookimpl
def frontdesk_stay_bookd(stay):
    pass
"""

WRONG_ARGUMENT = """
from frontdesk.core.plugins import hookimpl


@hookimpl
def frontdesk_stay_booked(stay, guest):
    pass
"""

FEWER_ARGUMENTS = """
from frontdesk.core.plugins import hookimpl


@hookimpl
def frontdesk_stay_booked(stay):
    pass
"""

WRONG_ARGUMENT_OF_A_PLUGIN_HOOK = """
from frontdesk.core.plugins import hookimpl


@hookimpl(optionalhook=True)
def frontdesk_shifts_hours_approved(staff, hours):
    pass
"""

HOOK_OF_A_PLUGIN_NOT_OPTIONAL = """
from frontdesk.core.plugins import hookimpl


@hookimpl
def frontdesk_shifts_roster_published(roster):
    pass
"""

HOOK_OF_A_PLUGIN_OPTIONAL = """
from frontdesk.core.plugins import hookimpl


@hookimpl(optionalhook=True)
def frontdesk_shifts_roster_published(roster):
    pass
"""


def installed(folder: Path, monkeypatch, name: str, source: str) -> str:
    """Install a fake plugin (module name unique per test: modules are cached by name)."""
    install_fake_plugin(folder, name, source)
    monkeypatch.syspath_prepend(str(folder))
    return name


def test_a_misspelled_hook_names_the_plugin_and_the_hook(tmp_path, monkeypatch):
    name = installed(tmp_path, monkeypatch, "fd_misspelled", MISSPELLED)
    with pytest.raises(BrokenPlugin) as caught:
        create_plugin_manager([name])
    assert list(caught.value.problems) == [name]
    assert caught.value.message.startswith(f"Plugin {name} is broken: ")
    assert "frontdesk_stay_bookd" in caught.value.message
    assert "no hook specification" in caught.value.message


def test_an_argument_the_hook_does_not_pass_names_the_plugin_hook_and_argument(
    tmp_path, monkeypatch
):
    name = installed(tmp_path, monkeypatch, "fd_wrong_argument", WRONG_ARGUMENT)
    with pytest.raises(BrokenPlugin) as caught:
        create_plugin_manager([name])
    message = caught.value.message
    assert f"Plugin {name} is broken" in message
    assert "frontdesk_stay_booked takes guest" in message
    assert "it passes stay, actor" in message


def test_an_implementation_may_take_fewer_arguments_than_its_hook(tmp_path, monkeypatch):
    name = installed(tmp_path, monkeypatch, "fd_fewer", FEWER_ARGUMENTS)
    pm = create_plugin_manager([name])
    assert pm.has_plugin(name)


def test_every_broken_plugin_is_named_not_only_the_first(tmp_path, monkeypatch):
    first = installed(tmp_path, monkeypatch, "fd_both_misspelled", MISSPELLED)
    second = installed(tmp_path, monkeypatch, "fd_both_wrong", WRONG_ARGUMENT)
    with pytest.raises(BrokenPlugin) as caught:
        create_plugin_manager([first, second, "concierge"])
    assert sorted(caught.value.problems) == [first, second]


def test_a_hook_a_plugin_offers_is_checked_against_that_plugins_specification(
    tmp_path, monkeypatch
):
    name = installed(tmp_path, monkeypatch, "fd_wrong_shifts", WRONG_ARGUMENT_OF_A_PLUGIN_HOOK)
    with pytest.raises(BrokenPlugin, match="frontdesk_shifts_hours_approved takes hours"):
        create_plugin_manager([name, "hr_shifts"])
    create_plugin_manager([name])  # hr_shifts disabled: an optional hook, never called


def test_a_hook_of_a_disabled_plugin_must_be_marked_optional(tmp_path, monkeypatch):
    required = installed(tmp_path, monkeypatch, "fd_required", HOOK_OF_A_PLUGIN_NOT_OPTIONAL)
    optional = installed(tmp_path, monkeypatch, "fd_optional", HOOK_OF_A_PLUGIN_OPTIONAL)
    with pytest.raises(BrokenPlugin, match="optionalhook=True"):
        create_plugin_manager([required])
    create_plugin_manager([required, "hr_shifts"])  # hr_shifts offers the hook
    create_plugin_manager([optional])


def test_the_listing_shows_a_broken_plugin_with_its_reason_beside_the_others(tmp_path, monkeypatch):
    name = installed(tmp_path, monkeypatch, "fd_listed", MISSPELLED)
    listing = {plugin.name: plugin for plugin in plugin_listing([name, "concierge"])}
    assert listing[name].state == "broken"
    assert "frontdesk_stay_bookd" in listing[name].problem
    assert listing["concierge"].state == "enabled" and listing["concierge"].problem is None
    assert listing["hr_shifts"].state == "disabled"


def test_create_app_refuses_a_broken_plugin(tmp_path, monkeypatch):
    from frontdesk.server.app import create_app

    name = installed(tmp_path, monkeypatch, "fd_app", WRONG_ARGUMENT)
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", plugins=[name])
    with pytest.raises(BrokenPlugin, match=f"Plugin {name} is broken"):
        create_app(settings)


# --- through the command line ---------------------------------------------------------------


def run_cli(folder: Path, *args: str, plugins: str) -> subprocess.CompletedProcess:
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path, "FRONTDESK_PLUGINS": plugins}
    env["FRONTDESK_DATABASE_URL"] = f"sqlite:///{folder / 'frontdesk.db'}"
    return subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("source", "words"),
    [(MISSPELLED, "frontdesk_stay_bookd"), (WRONG_ARGUMENT, "frontdesk_stay_booked takes guest")],
    ids=["misspelled hook", "wrong argument"],
)
@pytest.mark.parametrize("command", [["migrate"], ["schema"], ["serve", "--port", "1"]])
def test_a_broken_plugin_stops_every_command_with_status_2(tmp_path, source, words, command):
    install_fake_plugin(tmp_path, "fd_cli", source)
    result = run_cli(tmp_path, *command, plugins="fd_cli")
    assert result.returncode == 2
    assert result.stderr.startswith("frontdesk: Plugin fd_cli is broken: ")
    assert words in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_frontdesk_plugins_lists_a_broken_plugin_instead_of_crashing(tmp_path):
    install_fake_plugin(tmp_path, "fd_cli", WRONG_ARGUMENT)
    result = run_cli(tmp_path, "plugins", plugins="fd_cli,concierge")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    broken = next(n for n, line in enumerate(lines) if line.startswith("fd_cli "))
    assert lines[broken].split()[:2] == ["fd_cli", "broken"]
    assert "frontdesk_stay_booked takes guest" in lines[broken + 1]
    assert any(line.split()[:2] == ["concierge", "enabled"] for line in lines)
    assert "Traceback" not in result.stderr
