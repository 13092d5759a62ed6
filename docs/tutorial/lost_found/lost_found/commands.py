"""``frontdesk lost_found unclaimed --property CODE``: the items still waiting for their owner,
for the morning's post, printed one a line."""

from __future__ import annotations

import argparse

from frontdesk.api.cli import CommandError, run_with_runtime
from frontdesk.api.tables import Property

from .service import items_of_property
from .tables import UNCLAIMED


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="lost_found_command", metavar="COMMAND")
    unclaimed = sub.add_parser("unclaimed", help="list a property's unclaimed items")
    unclaimed.add_argument("--property", required=True, help="the property's code")
    unclaimed.set_defaults(func=list_unclaimed)


def list_unclaimed(args: argparse.Namespace) -> int:
    async def work(runtime) -> None:
        code = args.property.upper()
        prop = await Property.objects().where(Property.code == code).first()
        if prop is None:
            raise CommandError(f"No property with code {code}.")
        for item in await items_of_property(prop.id, UNCLAIMED):
            print(f"{item.id}\t{item.description}\t{item.where_found}")

    run_with_runtime(args, work)
    return 0
