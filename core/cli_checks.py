"""What the ``frontdesk`` command checks before it works, so that a user's mistake (a busy
or impossible port, a database that is not there) ends in one plain sentence and exit
status 2 rather than a traceback from uvicorn, asyncpg or sqlite3."""

from __future__ import annotations

import argparse
import contextlib
import errno
import socket
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from . import db


class CommandError(Exception):
    """A user-facing failure of a command: printed plainly, exit status 2."""


def port_number(text: str) -> int:
    """argparse type of ``--port``: a whole number from 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is out of range: a port is 1-65535")
    return port


def check_port(port: int) -> int:
    """The same rule for a port that came from FRONTDESK_PORT."""
    if not 1 <= port <= 65535:
        raise CommandError(f"Port {port} is out of range: a port is 1-65535 (FRONTDESK_PORT).")
    return port


def bind_listening_socket(host: str, port: int) -> socket.socket:
    """Bind ``host:port`` before the server starts, so a busy port is a plain message and
    nothing claims to serve before the address is ours (uvicorn then serves this socket)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise CommandError(f"Cannot listen on {host!r}: {exc.strerror}.") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise CommandError(
                f"Port {port} on {host} is already in use: stop the program using it "
                "or choose another port with --port."
            ) from None
        if exc.errno == errno.EACCES:
            raise CommandError(
                f"Not allowed to listen on port {port}: ports below 1024 need privileges; "
                "choose another with --port."
            ) from None
        raise CommandError(f"Cannot listen on {host}:{port}: {exc.strerror}.") from None
    return sock


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
