"""Leases: background work that must run once across server processes (a scheduled night
audit, a calendar fetch) takes a named lease first.

A lease is a row with a holder and an expiry, taken by one atomic upsert that succeeds only
when the row is free, expired, or already the caller's: it works the same on SQLite and
PostgreSQL. A holder that dies simply stops renewing; once its lease expires another process
takes the work over, so work done under a lease must be resumable (the night audit is)."""

from __future__ import annotations

import os
import socket
import time
import uuid

from piccolo.querystring import QueryString

from . import runtime
from .db import write_transaction

_TAKE = """
INSERT INTO core_lease (name, holder, expires_at) VALUES ({}, {}, {})
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE core_lease.expires_at < {} OR core_lease.holder = excluded.holder
RETURNING holder
"""
_RELEASE = "DELETE FROM core_lease WHERE name = {} AND holder = {}"


def process_holder() -> str:
    """A name for this process that no other process (on any machine) shares."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


async def take(name: str, holder: str, seconds: float) -> bool:
    """Take (or renew) the lease ``name`` for ``seconds``; False when another holder has it."""
    now = time.time()
    engine = runtime.current().engine
    async with write_transaction():
        rows = await engine.run_querystring(QueryString(_TAKE, name, holder, now + seconds, now))
    return bool(rows) and rows[0]["holder"] == holder


async def release(name: str, holder: str) -> None:
    """Give the lease up at once (others need not wait for it to expire)."""
    engine = runtime.current().engine
    async with write_transaction():
        await engine.run_querystring(QueryString(_RELEASE, name, holder))
