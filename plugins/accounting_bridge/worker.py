"""The background task the server runs for its lifetime: core's delivery loop over the
``accounting`` channel. Every process may run it (core's claims keep a message from being
sent twice at once)."""

from __future__ import annotations

from frontdesk.api.outbox import queue

from . import connectors as conn
from .outbox import deliver_due


async def delivery_loop() -> None:
    """Run until cancelled (``accounting_bridge.poll_seconds`` between idle passes)."""
    await queue.delivery_loop(
        deliver_due, lambda: float(conn.setting(conn.POLL_SECONDS)), "accounting_bridge"
    )
