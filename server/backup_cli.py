"""``frontdesk backup FILE`` and ``frontdesk restore FILE [--force]`` (docs/operations.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from frontdesk.core import backup
from frontdesk.core.settings import Settings


def _database_url(args: argparse.Namespace) -> str:
    return args.database or Settings.from_env().database_url


def cmd_backup(args: argparse.Namespace) -> int:
    result = backup.backup(_database_url(args), Path(args.path))
    print(f"Backed up the {result.engine} database to {result.path} ({result.size_bytes} bytes).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    backup.restore(_database_url(args), Path(args.path), force=args.force)
    print(f"Restored {args.path}. Run `frontdesk migrate` if it came from an older release.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "backup", help="write a consistent backup of the database (safe while serving)"
    )
    parser.add_argument("path", help="the backup file to write")
    parser.set_defaults(func=cmd_backup)
    parser = sub.add_parser("restore", help="restore a backup into an empty database")
    parser.add_argument("path", help="a file written by `frontdesk backup`")
    parser.add_argument(
        "--force", action="store_true", help="replace the contents of a database that has data"
    )
    parser.set_defaults(func=cmd_restore)
