"""Piccolo tables of the guest_mail plugin (names prefixed guest_mail_).

The e-mails themselves wait in core's shared outbox (channel ``email``)."""

from __future__ import annotations

from piccolo.columns import ForeignKey, Text, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from frontdesk.api.tables import Property


class MailTemplate(Table, tablename="guest_mail_template"):
    """A property's own wording of one e-mail in one language (unique per property, kind
    and language); without one the plugin's default is sent."""

    property = ForeignKey(references=Property, index=True, on_delete=OnDelete.restrict)
    kind = Varchar(length=20)
    language = Varchar(length=5)
    subject = Varchar(length=200)
    body = Text()


TABLES: list = [MailTemplate]
UNIQUE_INDEXES = [
    (
        "guest_mail_template_property_kind_language",
        "guest_mail_template",
        ("property", "kind", "language"),
    )
]
