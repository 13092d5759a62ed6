"""``frontdesk channels ...``: what a hotel runs from a shell (or cron)."""

from __future__ import annotations

import argparse

from frontdesk.api.cli import CommandError, run_with_runtime
from frontdesk.api.tables import Property


def add_commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="channels_command", required=True)
    sync = sub.add_parser("sync", help="pull every channel (external calendars) now")
    sync.add_argument("--property", help="property code (default: every property)")
    sync.set_defaults(func=cmd_sync)


def cmd_sync(args: argparse.Namespace) -> int:
    from .sync import sync_property

    async def work(rt) -> int:
        query = Property.select(Property.id, Property.code).order_by(Property.code)
        props = await query
        if args.property:
            props = [p for p in props if p["code"] == args.property]
            if not props:
                raise CommandError(f"No property with code {args.property}.")
        for prop in props:
            result = await sync_property(prop["id"], actor="cli")
            print(
                f"{prop['code']}: {result.held} held, {result.booked} booked, "
                f"{result.modified} modified, {result.cancelled} cancelled, "
                f"{result.released} released, {result.conflicts} in conflict, "
                f"{result.unchanged} unchanged"
            )
        return 0

    return run_with_runtime(args, work)
