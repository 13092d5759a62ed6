"""Every row of every table of a database, for comparing a restore with its source."""

from __future__ import annotations

import sqlite3

import asyncpg

from frontdesk.core.db import sqlite_path
from frontdesk.testing.databases import run_sync


def _key(row) -> tuple:
    """A row as hashable, comparable text (PostgreSQL returns lists and dicts for arrays and
    JSON; SQLite returns their text)."""
    return tuple((value is None, str(value)) for value in row)


def all_rows(database_url: str) -> dict[str, list[tuple]]:
    """Table name -> its rows, in a stable order, on SQLite or PostgreSQL."""
    path = sqlite_path(database_url)
    if path is not None:
        with sqlite3.connect(path) as conn:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {
                n: sorted(_key(r) for r in conn.execute(f'SELECT * FROM "{n}"').fetchall())
                for n in names
            }
    return run_sync(_postgres_rows(database_url))


async def _postgres_rows(database_url: str) -> dict[str, list[tuple]]:
    conn = await asyncpg.connect(database_url)
    try:
        names = [
            r["table_name"]
            for r in await conn.fetch(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema='public' AND table_type='BASE TABLE'"
            )
        ]
        out = {}
        for name in names:
            out[name] = sorted(_key(r) for r in await conn.fetch(f'SELECT * FROM "{name}"'))
        return out
    finally:
        await conn.close()
