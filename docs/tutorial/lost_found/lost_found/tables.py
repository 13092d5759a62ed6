"""The plugin's one table. Its name starts with the plugin's (``lost_found_``), so it can
never clash with core's tables or another plugin's."""

from __future__ import annotations

from piccolo.columns import ForeignKey, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from frontdesk.api.tables import Property, Stay

HELD, RETURNED, UNCLAIMED = "held", "returned", "unclaimed"


class LostItem(Table, tablename="lost_found_item"):
    """Something a guest left behind. ``property`` scopes it (a caller limited to some
    properties never sees another's items); ``stay`` is the guest's stay, when known."""

    property = ForeignKey(references=Property, index=True, on_delete=OnDelete.restrict)
    stay = ForeignKey(references=Stay, null=True, index=True, on_delete=OnDelete.restrict)
    description = Varchar(length=200)
    where_found = Varchar(length=100, default="")
    status = Varchar(length=20, default=HELD)
    found_at = Timestamptz(default=TimestamptzNow())
