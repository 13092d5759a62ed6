"""``python -m benchmarks [--smoke] [--postgres URL] [--output FILE]``: run, write, print."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from . import curves_data, report
from .config import FULL, SCENARIOS, SMOKE, scaled
from .runner import run

RESULTS = Path(__file__).resolve().parent / "results"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, SQLite only")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="PostgreSQL server (default: FRONTDESK_TEST_POSTGRES_URL; with"
        " --smoke only when given)",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--output", type=Path, help="result JSON (default benchmarks/results/)")
    parser.add_argument("--history-stays", type=int, help="past stays (default 100000)")
    parser.add_argument(
        "--audit-stays-per-property",
        type=int,
        help="default 300, as the issue asks (30 for a quicker run)",
    )
    parser.add_argument("--board-requests", type=int, help="per round (default 200)")
    parser.add_argument("--bookings", type=int, help="default 160")
    parser.add_argument("--roster-time-limit", type=float, help="seconds (default 9)")
    parser.add_argument(
        "--overhead-plugins",
        metavar="all|NAME[,NAME]",
        help="the plugins measured against core alone in plugin_overhead (default: all)",
    )
    parser.add_argument(
        "--only",
        metavar="NAME[,NAME]",
        help=f"run these scenarios, record the others as skipped ({', '.join(SCENARIOS)})",
    )
    curves = parser.add_mutually_exclusive_group()
    curves.add_argument(
        "--curves", action="store_true", help="the growth curves only (no scenarios)"
    )
    curves.add_argument("--no-curves", action="store_true", help="the scenarios only")
    parser.add_argument(
        "--full-curves",
        action="store_true",
        help="the issue's points (board 150/300/750/1500 rows, history 10k/100k/1M);"
        " default: 150/500/1500 rows, 10k/100k history",
    )
    parser.add_argument(
        "--plot",
        metavar="DIR",
        type=Path,
        help="write a PNG per curve into DIR (needs matplotlib: the bench extra)",
    )
    return parser.parse_args(argv)


def curve_sizes(args: argparse.Namespace) -> curves_data.CurveSizes | None:
    """The curves' points: none with ``--no-curves`` or ``--only``, tiny with ``--smoke``."""
    if args.no_curves or (args.only and not args.curves):
        return None
    if args.smoke:
        return curves_data.SMOKE
    return curves_data.FULL if args.full_curves else curves_data.DEFAULT


def unknown_plugins(choice: str | None) -> list[str]:
    """The names of ``--overhead-plugins`` that no installed plugin has."""
    if choice in (None, "all", "core"):
        return []
    from frontdesk.core.plugins import installed_plugins

    names = {name.strip() for name in choice.split(",")} - {""}
    return sorted(names - set(installed_plugins()))


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    logging.getLogger("benchmarks").setLevel(logging.INFO)
    for noisy in ("httpx", "piccolo"):  # the in-process app raises their level to INFO
        logging.getLogger(noisy).setLevel(logging.WARNING)
    postgres = args.postgres or (
        None if args.smoke else os.environ.get("FRONTDESK_TEST_POSTGRES_URL")
    )
    sizes = scaled(
        SMOKE if args.smoke else FULL,
        history_stays=args.history_stays,
        audit_stays_per_property=args.audit_stays_per_property,
        board_requests=args.board_requests,
        bookings=args.bookings,
        roster_time_limit=args.roster_time_limit,
        overhead_plugins=args.overhead_plugins,
    )
    if args.overhead_plugins is not None and not args.overhead_plugins.strip(" ,"):
        print("--overhead-plugins: give all, core or plugin names", file=sys.stderr)
        return 2
    unknown = unknown_plugins(args.overhead_plugins)
    if unknown:
        print(f"--overhead-plugins: not installed: {', '.join(unknown)}", file=sys.stderr)
        return 2
    only = frozenset(args.only.split(",")) if args.only else None
    if only and only - set(SCENARIOS):
        parser_error = f"unknown scenarios: {', '.join(sorted(only - set(SCENARIOS)))}"
        print(parser_error, file=sys.stderr)
        return 2
    result = asyncio.run(
        run(
            sizes,
            smoke=args.smoke,
            postgres_url=postgres,
            sqlite=not args.no_sqlite,
            only=only,
            curves=curve_sizes(args),
            scenarios=not args.curves,
        )
    )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    output = args.output or RESULTS / f"{stamp}.json"
    report.write(result, output)
    report.print_table(result)
    print(f"Result: {output}")
    if args.plot:
        from . import plots  # matplotlib, imported only when plotting

        for path in plots.write_all(result, args.plot):
            print(f"Plot: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
