"""What a command of the ``frontdesk`` CLI needs from core, whoever registers it (the server's
own commands, core's areas, plugins through ``frontdesk_cli_commands``): start the
installation the command line names, open its database, and report a user's mistake as one
plain sentence (exit status 2) rather than a traceback from asyncpg or sqlite3.

It lives in core, not beside the CLI, so that code below the composition root can use it
without importing the server (which imports graphql)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sqlite3
import warnings
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse, urlunparse

from . import bootstrap, db
from .runtime import Runtime
from .settings import Settings

__all__ = ["CommandError", "run_with_runtime", "settings_of", "with_runtime"]

T = TypeVar("T")


class CommandError(Exception):
    """A user-facing failure of a command: printed plainly, exit status 2."""


def settings_of(args: argparse.Namespace) -> Settings:
    """The installation's settings, from the environment and the command's ``--database``."""
    overrides: dict[str, Any] = {}
    if getattr(args, "database", None):
        overrides["database_url"] = args.database
    return Settings.from_env(**overrides)


def run_with_runtime(args: argparse.Namespace, work: Callable[[Runtime], Awaitable[T]]) -> T:
    """For a command's ``func(args)``: start the installation the command line names and
    await ``work(runtime)`` with the database pool open; returns its result."""
    return asyncio.run(with_runtime(settings_of(args), work))


async def with_runtime(
    settings: Settings, work: Callable[[Runtime], Awaitable[T]], *, migrated: bool = True
) -> T:
    """Start the installation, open the database and await ``work(runtime)``.

    ``migrated``: refuse a database with unapplied migrations first (every command but
    ``migrate`` and ``demo --migrate``), instead of failing on a missing table."""
    check_sqlite_folder(settings.database_url)
    try:
        with quiet_connection_warnings():  # the failure itself is reported below
            rt = bootstrap.start(settings)
        await db.start_pool(rt.engine)
    except Exception as exc:
        problem = database_problem(settings.database_url, exc)
        if problem is None:
            raise
        raise problem from None
    try:
        if migrated:
            missing = await bootstrap.pending_migrations(rt)
            if missing:
                raise CommandError(
                    f"The database has unapplied migrations ({', '.join(sorted(missing))}). "
                    "Run: frontdesk migrate"
                )
        return await work(rt)
    finally:
        await db.close_pool(rt.engine)


def display_url(database_url: str) -> str:
    """The database URL without its password, for messages."""
    parsed = urlparse(database_url)
    if parsed.password is None:
        return database_url
    netloc = parsed.netloc.replace(f":{parsed.password}@", ":***@", 1)
    return urlunparse(parsed._replace(netloc=netloc))


def check_sqlite_folder(database_url: str) -> None:
    """A SQLite file in a folder that does not exist is a typo, not a request to create it."""
    path = db.sqlite_path(database_url)
    if path is None:
        return
    folder = Path(path).expanduser().absolute().parent
    if not folder.is_dir():
        raise CommandError(
            f"The folder {folder} of the SQLite database does not exist: create it, or fix "
            "the path in FRONTDESK_DATABASE_URL / --database."
        )


@contextlib.contextmanager
def quiet_connection_warnings() -> Iterator[None]:
    """Piccolo's engines warn when they cannot reach the database while they are built;
    the command then reports the connection failure itself, in one sentence."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*Unable to (fetch server version|connect)")
        yield


def database_problem(database_url: str, exc: BaseException) -> CommandError | None:
    """A plain message for a database that cannot be opened or reached (a role or database
    that does not exist, a wrong password, no server listening); None for anything else."""
    where = display_url(database_url)
    if isinstance(exc, sqlite3.OperationalError):
        return CommandError(f"Cannot open the SQLite database {where}: {exc}.")
    try:
        import asyncpg
    except ImportError:  # pragma: no cover - a dependency of piccolo[postgres]
        asyncpg = None
    if asyncpg is not None and isinstance(exc, asyncpg.PostgresError | asyncpg.InterfaceError):
        return CommandError(f"Cannot connect to {where}: {exc}.")
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        return CommandError(f"Cannot connect to {where}: {reason} (is the server running?).")
    return None
