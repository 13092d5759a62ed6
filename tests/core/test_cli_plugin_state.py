"""``frontdesk plugins`` and its enable / disable / catch-up commands (issue #23): the state per
property, whether a plugin holds data, a pending or failed catch-up; mistakes are one plain
line and exit status 2."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from frontdesk.core import bootstrap, db
from frontdesk.core.plugin_state.tables import PluginState
from frontdesk.core.properties.service import create_property
from frontdesk.server.cli import main


@pytest.fixture
def enabled_plugins():
    return ["concierge"]


def _in_database(settings, work):
    """Run ``work()`` against the test's database (the commands run their own event loop)."""

    async def run():
        rt = bootstrap.start(settings)
        await db.start_pool(rt.engine)
        try:
            return await work()
        finally:
            await db.close_pool(rt.engine)

    return asyncio.run(run())


@pytest.fixture
def hotels(settings, monkeypatch):
    monkeypatch.setenv("FRONTDESK_PLUGINS", "concierge")

    async def make():
        return [
            await create_property(code=code, name=code, business_date=date(2026, 11, 23))
            for code in ("LIS", "BER")
        ]

    return _in_database(settings, make)


def _run(capsys, database_url: str, *args: str) -> tuple[int, str, str]:
    status = main(["--database", database_url, "plugins", *args])
    out, err = capsys.readouterr()
    return status, out, err


def _block(out: str, plugin: str) -> list[str]:
    """The lines ``frontdesk plugins`` prints for ``plugin``: its own, then the indented."""
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"{plugin} "))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        block.append(line.strip())
    return block


def test_the_listing_shows_each_property_and_whether_the_plugin_holds_data(
    hotels, database_url, capsys
):
    status, out, _err = _run(capsys, database_url, "disable", "concierge", "--property", "BER")
    assert (status, out.strip()) == (0, "concierge disabled for BER")
    status, out, _err = _run(capsys, database_url)
    assert status == 0
    header, data, *properties = _block(out, "concierge")
    assert header.split()[:2] == ["concierge", "enabled"]
    assert data == "holds no data"
    assert [line.split() for line in properties] == [["BER", "disabled"], ["LIS", "enabled"]]


def test_a_pending_or_failed_catch_up_is_shown(hotels, settings, database_url, capsys):
    _lisbon, berlin = hotels
    failed = PluginState(
        plugin="concierge",
        property=berlin.id,
        scope_key=f"concierge@{berlin.id}",
        enabled=True,
        catch_up_status="failed",
        catch_up_error="RuntimeError: the ledger was busy",
    )
    _in_database(settings, lambda: PluginState.insert(failed))
    _status, out, _err = _run(capsys, database_url)
    ber = next(line for line in _block(out, "concierge") if line.startswith("BER"))
    assert ber.split()[1] == "enabled"
    assert "catch-up failed: RuntimeError: the ledger was busy" in ber
    status, out, _err = _run(capsys, database_url, "catch-up", "concierge")
    assert status == 0
    assert out.startswith("concierge caught up for BER: ")


def test_enabling_runs_the_catch_up_and_says_what_came_of_it(hotels, database_url, capsys):
    _run(capsys, database_url, "disable", "concierge")
    status, out, _err = _run(capsys, database_url, "enable", "concierge", "--property", "LIS")
    assert status == 0
    assert out.startswith("concierge enabled for LIS: ")
    _status, out, _err = _run(capsys, database_url)
    states = {line.split()[0]: line.split()[1] for line in _block(out, "concierge")[2:]}
    assert states == {"BER": "disabled", "LIS": "enabled"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["enable", "spaceship"], "Unknown plugin 'spaceship'"),
        (["disable", "concierge", "--property", "XX"], "No property with code 'XX'"),
        (["catch-up", "accounting_bridge"], "Unknown plugin 'accounting_bridge'"),
    ],
)
def test_a_mistake_is_one_plain_line_and_status_2(hotels, database_url, capsys, args, message):
    status, _out, err = _run(capsys, database_url, *args)
    assert status == 2
    assert err.startswith("frontdesk: ") and message in err
    assert "Traceback" not in err


def test_a_malformed_date_is_refused_by_the_parser(hotels, database_url, capsys):
    with pytest.raises(SystemExit) as stop:
        _run(capsys, database_url, "enable", "concierge", "--history-from", "yesterday")
    assert stop.value.code == 2
    assert "'yesterday' is not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_the_tables_of_an_uninstalled_plugin_are_one_plain_line(
    hotels, settings, database_url, capsys
):
    async def leave_a_plugin_behind():
        from datetime import datetime

        from piccolo.apps.migrations.tables import Migration

        ran = Migration(name="2026-01-01", app_name="lost_found", ran_on=datetime.now())
        await Migration.insert(ran)
        engine = PluginState._meta.db
        await engine.run_ddl('CREATE TABLE "lost_found_item" ("id" INTEGER PRIMARY KEY)')
        await engine.run_ddl('INSERT INTO "lost_found_item" ("id") VALUES (1), (2), (3)')

    _in_database(settings, leave_a_plugin_behind)
    status, out, err = _run(capsys, database_url)
    assert status == 0 and "Traceback" not in err
    [line] = [line for line in out.splitlines() if "lost_found" in line]
    assert line.startswith("The plugin 'lost_found' is no longer installed")
    assert "3 rows" in line
