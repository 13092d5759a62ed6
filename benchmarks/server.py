"""Launcher run as a subprocess: ``python -m benchmarks.server --kind app|floor ...`` serves
the real Frontdesk app (or the floor) with uvicorn, one worker, on loopback."""

from __future__ import annotations

import argparse
import os

import uvicorn

#: High enough that the per-key rate limit never shapes a measurement.
BENCH_RATE_LIMIT = 10**9


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.server")
    parser.add_argument("--kind", choices=("app", "floor"), default="app")
    parser.add_argument("--database", required=True)
    parser.add_argument("--plugins", choices=("all", "core"), default="all")
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
            plugins=None if args.plugins == "all" else [],
            rate_limit_per_minute=BENCH_RATE_LIMIT,
        )
        app = load_server_app(settings)
    uvicorn.run(
        app, host="127.0.0.1", port=args.port, workers=1, log_level="warning", access_log=False
    )


if __name__ == "__main__":
    main()
