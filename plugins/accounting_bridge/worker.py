"""The background task the server runs for its lifetime: deliver due outbox messages, pause
when there is nothing to do. Every process may run it (see outbox.py for claiming)."""

from __future__ import annotations

import asyncio
import logging

from . import connectors as conn
from .outbox import deliver_due

log = logging.getLogger("frontdesk.accounting_bridge.worker")


async def delivery_loop() -> None:
    """Run until cancelled: pause, then deliver what is due; a failing pass is logged and
    retried after the next pause. It pauses first so a starting server is fully up (and its
    connection pool ready) before the first pass."""
    while True:
        await asyncio.sleep(float(conn.setting(conn.POLL_SECONDS)))
        try:
            while (await deliver_due()).delivered:
                pass
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the worker outlives a bad pass (e.g. db restart)
            log.exception("outbox delivery pass failed")
