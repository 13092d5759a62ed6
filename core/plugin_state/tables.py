"""``core_plugin_state``: one row per (plugin, property) whose state someone chose; no row
means enabled (an installation that never touched it behaves as before the table existed).

``property`` null: the whole installation. ``scope_key`` (``concierge@*``, ``concierge@3``)
is unique, so two processes enabling the same plugin at once write one row, not two (a
unique key over a nullable column would let NULLs repeat). ``catch_up_status``: ``""``
(nothing to do), pending, running, done, failed (``catch_up_error`` says why);
``catch_up_summary`` is the hook's one-line answer."""

from __future__ import annotations

from piccolo.columns import Boolean, Date, ForeignKey, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from ..properties.tables import Property

CATCH_UP_STATUSES = ("", "pending", "running", "done", "failed")


class PluginState(Table, tablename="core_plugin_state"):
    """The chosen state of one plugin for one property (or the whole installation)."""

    plugin = Varchar(length=100, index=True)
    property = ForeignKey(
        references=Property, null=True, default=None, index=True, on_delete=OnDelete.restrict
    )
    scope_key = Varchar(length=120, unique=True)
    enabled = Boolean(default=True)
    changed_at = Timestamptz(default=TimestamptzNow())
    changed_by = Varchar(length=200, null=True, default=None)
    disabled_since = Timestamptz(null=True, default=None)
    history_from = Date(null=True, default=None)
    catch_up_status = Varchar(length=20, default="")
    catch_up_error = Text(null=True, default=None)
    catch_up_summary = Text(null=True, default=None)
    catch_up_at = Timestamptz(null=True, default=None)


PLUGIN_STATE_TABLES = [PluginState]
