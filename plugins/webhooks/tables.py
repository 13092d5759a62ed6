"""Piccolo tables of the webhooks plugin (names prefixed webhooks_).

The messages themselves live in core's shared outbox (``outbox_message``, channel
``webhook``, ``target`` = the endpoint's id); an endpoint is never cascaded away with them.
"""

from __future__ import annotations

from piccolo.columns import Boolean, ForeignKey, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from frontdesk.api.tables import Property


class WebhookEndpoint(Table, tablename="webhooks_endpoint"):
    """A receiver of a property's events. ``event_types``: a JSON list of event names
    (``stay.booked``...) or ``["*"]`` for all; ``secret``: the ``whsec_`` signing secret."""

    property = ForeignKey(references=Property, index=True, on_delete=OnDelete.restrict)
    url = Varchar(length=500)
    secret = Varchar(length=120)
    event_types = Text(default="[]")
    description = Varchar(length=200, default="")
    enabled = Boolean(default=True)
    disabled_reason = Varchar(length=250, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


TABLES: list = [WebhookEndpoint]
