"""``frontdesk plugins enable|disable|catch-up`` and the database half of ``frontdesk plugins``.

A mistake (an unknown plugin or property, a malformed date) is one plain line and exit
status 2, like every command (server/cli.py prints DomainErrors and CommandErrors so)."""

from __future__ import annotations

import argparse
import getpass
from datetime import date
from pathlib import Path
from typing import Any

from .. import db
from ..commands import CommandError, run_with_runtime, settings_of, with_runtime
from ..runtime import Runtime
from . import lifecycle, report
from .tables import PluginState


def register(plugins: argparse.ArgumentParser) -> None:
    """Add the subcommands to the ``frontdesk plugins`` parser (no subcommand: the listing)."""
    sub = plugins.add_subparsers(dest="plugins_command", metavar="ACTION")
    enable = sub.add_parser("enable", help="turn a plugin on (and run its catch-up)")
    enable.add_argument("name", help="the plugin")
    enable.add_argument("--property", help="a property's code (default: every property)")
    enable.add_argument(
        "--history-from",
        type=_date,
        help="rebuild the plugin's records from this date (YYYY-MM-DD), not an opening balance",
    )
    enable.set_defaults(func=cmd_enable)
    disable = sub.add_parser("disable", help="turn a plugin off; its data stays untouched")
    disable.add_argument("name", help="the plugin")
    disable.add_argument("--property", help="a property's code (default: every property)")
    disable.set_defaults(func=cmd_disable)
    again = sub.add_parser("catch-up", help="run a pending or failed catch-up again")
    again.add_argument("name", help="the plugin")
    again.add_argument("--property", help="a property's code (default: every property)")
    again.set_defaults(func=cmd_catch_up)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def cmd_disable(args: argparse.Namespace) -> int:
    async def work(rt: Runtime) -> list[str]:
        return await lifecycle.disable(args.name, args.property, actor())

    for line in run_with_runtime(args, work):
        print(line)
    return 0


def cmd_enable(args: argparse.Namespace) -> int:
    async def work(rt: Runtime) -> list[lifecycle.CatchUp]:
        rows = await lifecycle.enable(args.name, args.property, actor(), args.history_from)
        return await _run_rows(rows, args.property)

    return _print_outcomes(args.name, run_with_runtime(args, work), verb="enabled")


def cmd_catch_up(args: argparse.Namespace) -> int:
    async def work(rt: Runtime) -> list[lifecycle.CatchUp]:
        return await lifecycle.run_pending(args.name, args.property, actor())

    return _print_outcomes(args.name, run_with_runtime(args, work), verb="caught up")


async def _run_rows(rows: list[PluginState], code: str | None) -> list[lifecycle.CatchUp]:
    props = {p.id: p for p in await lifecycle.properties_named(code)}
    return [await lifecycle.catch_up(row, props[row.property], actor()) for row in rows]


def _print_outcomes(plugin: str, outcomes: list[lifecycle.CatchUp], *, verb: str) -> int:
    """One line per property; exit status 1 when a catch-up failed (the state is on, the
    catch-up is recorded failed and ``frontdesk plugins catch-up`` retries it)."""
    if not outcomes:
        print(f"{plugin}: nothing to catch up" if verb != "enabled" else f"{plugin} enabled")
    for outcome in outcomes:
        if outcome.status == "done":
            print(f"{plugin} {verb} for {outcome.property_code}: {outcome.summary}")
        else:
            print(
                f"{plugin} enabled for {outcome.property_code}, but its catch-up failed: "
                f"{outcome.error}. Retry with: frontdesk plugins catch-up {plugin} "
                f"--property {outcome.property_code}"
            )
    return 1 if any(o.status == "failed" for o in outcomes) else 0


async def _describe(rt: Runtime) -> list[str]:
    lines = []
    for state in await report.property_states(rt.enabled_plugins):
        catch_up = ""
        if state.catch_up_status == "failed":
            catch_up = f"  catch-up failed: {state.catch_up_error}"
        elif state.catch_up_status in ("pending", "running"):
            catch_up = f"  catch-up {state.catch_up_status}"
        elif state.catch_up_status == "done" and state.catch_up_summary:
            catch_up = f"  caught up: {state.catch_up_summary}"
        word = "enabled" if state.enabled else "disabled"
        lines.append((state.plugin, f"{'':21}{state.property_code:10} {word}{catch_up}"))
    held = {name: await report.plugin_rows(name) for name in rt.enabled_plugins}
    orphans = await report.orphaned_apps()
    return _grouped(rt.enabled_plugins, lines, held) + [
        report.orphan_message(app, rows) for app, rows in orphans.items()
    ]


def _grouped(plugins: list[str], lines: list[tuple[str, str]], held: dict[str, int]) -> list[Any]:
    out: list[Any] = []
    for plugin in plugins:
        rows = held.get(plugin, 0)
        data = f"holds data ({rows} rows)" if rows else "holds no data"
        out.append((plugin, f"{'':21}{data}"))
        out += [line for line in lines if line[0] == plugin]
    return out


def database_lines(args: argparse.Namespace) -> list[Any]:
    """Per plugin, the lines ``frontdesk plugins`` prints under it from the database:
    (plugin, line) pairs, then plain lines about plugins no longer installed. Nothing when
    the database does not exist yet or is not migrated (the listing still works)."""
    import asyncio

    settings = settings_of(args)
    path = db.sqlite_path(settings.database_url)
    if path is not None and not Path(path).expanduser().exists():
        return []
    try:
        return asyncio.run(with_runtime(settings, _describe))
    except CommandError as exc:
        return [f"(per-property states unknown: {exc})"]
