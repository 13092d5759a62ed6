"""The shared outbox: messages enqueued in the write transaction and delivered after commit,
with retries, backoff, leases, Standard Webhooks signing and safe targets (core/outbox).

A plugin that sends to the outside (webhooks, channel managers, accounting connectors) puts
its messages here instead of keeping a queue of its own.
"""

from __future__ import annotations

from frontdesk.core.outbox import backlog, queue, targets
from frontdesk.core.outbox.claims import utcnow
from frontdesk.core.outbox.policy import Outcome
from frontdesk.core.outbox.queue import RetryPolicy
from frontdesk.core.outbox.sender import send_webhook
from frontdesk.core.outbox.signing import generate_secret
from frontdesk.core.outbox.tables import OutboxMessage
from frontdesk.core.outbox.targets import ForbiddenTarget

__all__ = [
    "ForbiddenTarget",
    "OutboxMessage",
    "Outcome",
    "RetryPolicy",
    "backlog",
    "generate_secret",
    "queue",
    "send_webhook",
    "targets",
    "utcnow",
]
