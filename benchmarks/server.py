"""Launcher run as a subprocess: ``python -m benchmarks.server --kind app|floor ...`` serves
the real Frontdesk app (or the floor) with uvicorn, one worker, on loopback."""

from __future__ import annotations

import argparse
import os

import uvicorn

#: High enough that the per-key rate limit never shapes a measurement.
BENCH_RATE_LIMIT = 10**9
#: Pages as large as the largest board of the growth curves (the default caps at 250).
BENCH_MAX_PAGE = 5000


def plugin_set(choice: str) -> list[str] | None:
    """Settings.plugins for ``--plugins``: None loads every installed plugin."""
    if choice == "all":
        return None
    return [] if choice == "core" else [name.strip() for name in choice.split(",") if name.strip()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.server")
    parser.add_argument("--kind", choices=("app", "floor"), default="app")
    parser.add_argument("--database", required=True)
    parser.add_argument(
        "--plugins", default="all", help='"all", "core" (none) or a comma list of plugins'
    )
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    os.environ.pop("FRONTDESK_DEV", None)
    if args.kind == "floor":
        from .floor import create_floor_app

        app = create_floor_app(args.database)
    else:
        from frontdesk.core.settings import Settings
        from frontdesk.server.cli import load_server_app

        settings = Settings(
            database_url=args.database,
            plugins=plugin_set(args.plugins),
            rate_limit_per_minute=BENCH_RATE_LIMIT,
            # The growth curves ask for boards of up to 1,500 rows in one page per list.
            max_page_size=BENCH_MAX_PAGE,
            # The cost check counts a page given as a variable at the page size: raised as
            # much (the check still runs; only its limit differs).
            max_query_cost=BENCH_MAX_PAGE * 200,
        )
        app = load_server_app(settings)
    uvicorn.run(
        app, host="127.0.0.1", port=args.port, workers=1, log_level="warning", access_log=False
    )


if __name__ == "__main__":
    main()
