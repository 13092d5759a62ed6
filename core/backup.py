"""Backups and restores of an installation's database, with the engines' own tools.

SQLite: the online backup API copies a consistent snapshot page by page while the server
keeps writing (WAL readers never block), so a small hotel backs up without stopping.
PostgreSQL: ``pg_dump`` in its custom format (a consistent snapshot too) and ``pg_restore``.

A restore goes into an empty database (or, with ``force``, replaces what is there): restoring
over live data by accident is the mistake a backup tool must not make easy."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .db import sqlite_path
from .errors import InvalidInput

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    size_bytes: int


def _check_target_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise InvalidInput(f"The folder {path.parent} does not exist.", field="path")


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise InvalidInput(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return tool


def _is_postgres(database_url: str) -> bool:
    return urlparse(database_url).scheme in {"postgres", "postgresql"}


def backup(database_url: str, target: Path) -> BackupResult:
    """Write a consistent copy of the database to ``target`` (overwritten if present)."""
    target = Path(target)
    _check_target_folder(target)
    path = sqlite_path(database_url)
    if path is not None:
        if not Path(path).is_file():
            raise InvalidInput(f"There is no database at {path}.", field="database")
        partial = target.with_name(target.name + ".partial")
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination, pages=1024)
        finally:
            destination.close()
            source.close()
        partial.replace(target)  # never leave half a backup under the real name
        return BackupResult(target, "sqlite", target.stat().st_size)
    if not _is_postgres(database_url):
        raise InvalidInput(f"Unsupported database URL {database_url!r}.", field="database")
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", database_url])
    return BackupResult(target, "postgresql", target.stat().st_size)


def restore(database_url: str, source: Path, *, force: bool = False) -> None:
    """Restore the backup ``source`` into the database; refuses a database that holds tables
    unless ``force`` (then its contents are replaced). Stop the servers first."""
    source = Path(source)
    if not source.is_file():
        raise InvalidInput(f"There is no backup file at {source}.", field="path")
    head = source.read_bytes()[:16]
    path = sqlite_path(database_url)
    if path is not None:
        if head != SQLITE_MAGIC:
            raise InvalidInput(f"{source} is not a SQLite backup.", field="path")
        _restore_sqlite(Path(path), source, force=force)
        return
    if not _is_postgres(database_url):
        raise InvalidInput(f"Unsupported database URL {database_url!r}.", field="database")
    if not head.startswith(PG_DUMP_MAGIC):
        raise InvalidInput(f"{source} is not a PostgreSQL backup (pg_dump -Fc).", field="path")
    if not force and _postgres_has_tables(database_url):
        raise InvalidInput(
            "The database is not empty; restore into an empty database or pass --force.",
            field="database",
        )
    _run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={database_url}",
            str(source),
        ]
    )


def _restore_sqlite(path: Path, source: Path, *, force: bool) -> None:
    _check_target_folder(path)
    if path.exists() and not force and _sqlite_has_tables(path):
        raise InvalidInput(
            "The database is not empty; restore into an empty database or pass --force.",
            field="database",
        )
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    destination = sqlite3.connect(path)
    try:
        origin.backup(destination)
    finally:
        destination.close()
        origin.close()


def _sqlite_has_tables(path: Path) -> bool:
    with sqlite3.connect(path) as conn:
        return (
            conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0
        )


def _postgres_has_tables(database_url: str) -> bool:
    psql = _pg_tool("psql")
    out = _run(
        [
            psql,
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            f"--dbname={database_url}",
            "--command=SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'public'",
        ]
    )
    return int(out.strip() or 0) > 0


def _run(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise InvalidInput(f"{tool} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout
