"""``frontdesk night-audit PROPERTY_CODE``: close a property's business date from the
command line (e.g. from cron), with a progress bar over the stays it processes."""

from __future__ import annotations

import argparse
import asyncio

from ..errors import NotFound
from ..properties.tables import Property
from .service import report_of, run_night_audit


async def _audit(code: str, progress) -> dict:
    row = await Property.select(Property.id).where(Property.code == code.upper()).first()
    if row is None:
        raise NotFound(f"No property with code {code}.", field="property")
    run = await run_night_audit(property_id=row["id"], actor="cli:night-audit", progress=progress)
    return report_of(run)


async def _schedule(code: str, at: str | None) -> str:
    from .schedule import parse_local_time, set_schedule

    local_time = parse_local_time(at) if at else None
    row = await Property.select(Property.id).where(Property.code == code.upper()).first()
    if row is None:
        raise NotFound(f"No property with code {code}.", field="property")
    await set_schedule(row["id"], local_time)
    if at:
        return f"The night audit of {code.upper()} now runs every day at {at} local time."
    return f"The night audit of {code.upper()} runs only when started by hand."


def cmd_night_audit(args: argparse.Namespace) -> int:
    if args.at is not None or args.by_hand:
        from ..commands import settings_of, with_runtime

        message = asyncio.run(
            with_runtime(settings_of(args), lambda rt: _schedule(args.property, args.at))
        )
        print(message)
        return 0
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..commands import settings_of, with_runtime

    console = Console()
    with Progress(
        TextColumn("[bold]night audit[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("stays", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = asyncio.run(
            with_runtime(settings_of(args), lambda rt: _audit(args.property, progress))
        )
    console.print(
        f"Closed {report['business_date']}: {report['rooms_sold']}/{report['rooms_available']} "
        f"rooms sold ({report['occupancy_percent']} %), ADR {report['adr']}, "
        f"RevPAR {report['revpar']} {report['currency']}, no-shows {report['no_shows']}."
    )
    for line in report["revenue_by_category"]:
        console.print(f"  {line['category']:<14} net {line['net']:>12}  gross {line['gross']:>12}")
    for line in report["payments_by_method"]:
        console.print(f"  paid by {line['method']:<14} {line['amount']:>12}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    audit = sub.add_parser("night-audit", help="close a property's business date")
    audit.add_argument("property", help="property code, e.g. HQ")
    when = audit.add_mutually_exclusive_group()
    when.add_argument(
        "--at", metavar="HH:MM", help="from now on, run it every day at this local time"
    )
    when.add_argument("--by-hand", action="store_true", help="stop running it on a schedule")
    audit.set_defaults(func=cmd_night_audit)
