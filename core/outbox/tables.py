"""The shared outbox: messages waiting to leave, and the log of every delivery attempt.

``status``: pending (due at ``next_attempt_at``), delivered, failed (the last attempt failed;
retried at ``next_attempt_at``, or never again when that is null until someone replays it).
``claimed_until``/``claimed_by``: the lease of the deliverer sending it (see claims.py).
``message_id`` is the idempotency key a receiver deduplicates on (``webhook-id``, the
e-mail's Message-ID; the accounting bridge's ``frontdesk-<property>-<connector>-…`` keys,
up to 160 characters); the database keeps it unique. Neither table is ever cascaded away.
"""

from __future__ import annotations

from piccolo.columns import ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from ..properties.tables import Property

STATUSES = ("pending", "delivered", "failed")


class OutboxMessage(Table, tablename="outbox_message"):
    """One message for one target: ``channel`` says how it leaves (``webhook``: ``target`` is
    the endpoint id; ``email``: the recipient's address)."""

    property = ForeignKey(
        references=Property, null=True, default=None, index=True, on_delete=OnDelete.restrict
    )
    channel = Varchar(length=20)
    target = Varchar(length=250)
    event_type = Varchar(length=80)
    message_id = Varchar(length=160, unique=True)
    payload = Text()
    status = Varchar(length=20, default="pending")
    attempts = Integer(default=0)
    last_error = Varchar(length=500, null=True, default=None)
    next_attempt_at = Timestamptz(null=True, default=TimestamptzNow())
    claimed_until = Timestamptz(null=True, default=None)
    claimed_by = Varchar(length=80, null=True, default=None)
    delivered_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class OutboxAttempt(Table, tablename="outbox_attempt"):
    """One delivery attempt of a message and what came of it: the delivery log."""

    message = ForeignKey(references=OutboxMessage, index=True, on_delete=OnDelete.restrict)
    attempt = Integer()
    outcome = Varchar(length=20)
    error = Varchar(length=500, null=True, default=None)
    worker = Varchar(length=80)
    attempted_at = Timestamptz(default=TimestamptzNow())


OUTBOX_TABLES: list = [OutboxMessage, OutboxAttempt]
INDEXES = [
    ("outbox_message_channel_status", "outbox_message", ("channel", "status")),
    ("outbox_message_property_channel", "outbox_message", ("property", "channel")),
]
