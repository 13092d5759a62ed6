"""The public plugin API: the one package a plugin imports (Datasette's documented internals).

Everything a plugin needs from the host is re-exported here or in a submodule of this
package, grouped by what it is about:

* ``frontdesk.api`` (this module): hook markers, the domain error family, write
  transactions and row locks, domain events, permissions, settings, pagination, validation,
  and the domain services a plugin calls (stays, guests, properties, rates, holds).
* ``frontdesk.api.tables``: core's Piccolo tables, to reference in foreign keys and queries.
* ``frontdesk.api.graphql``: contributing to the schema (types, ``UserError``,
  ``run_mutation``, ids, ``Money``, connections).
* ``frontdesk.api.outbox``: the shared outbox (queue, retries, signing, safe targets).
* ``frontdesk.api.migrations``: helpers for a plugin's Piccolo migrations.
* ``frontdesk.api.http``: what a plugin's HTTP routes need (caller, rate limiter).
* ``frontdesk.api.cli``: what a plugin's CLI commands need.
* ``frontdesk.api.trusted_documents``: a web panel's documents module and its manifest,
  registered as trusted documents.

Everything else under ``frontdesk.core``, ``frontdesk.graphql`` and ``frontdesk.server`` is
internal and may change without notice; the import contracts in pyproject.toml
(``[tool.importlinter]``) stop a built-in plugin from reaching past this package.
"""

from __future__ import annotations

from typing import Any

from frontdesk.core import leases, validation
from frontdesk.core.auth.privacy import guest_stays
from frontdesk.core.auth.secrets import new_secret, sha256
from frontdesk.core.db import is_sqlite, like, like_text
from frontdesk.core.documents.invoice_pdf import invoice_pdf
from frontdesk.core.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    InvalidTransition,
    NotFound,
    PermissionDenied,
)
from frontdesk.core.events import DomainEvent
from frontdesk.core.events import emit as emit_event
from frontdesk.core.events import record as record_event
from frontdesk.core.guests.service import create_guest, get_guest
from frontdesk.core.hookspecs import hookspec
from frontdesk.core.money import fmt, round_money
from frontdesk.core.pagination import (
    Page,
    clamp,
    counter,
    decode_cursor,
    encode_cursor,
    paginate,
)
from frontdesk.core.permissions import Permission
from frontdesk.core.plugin_state.state import enabled_for_any as plugin_enabled_for_any
from frontdesk.core.plugin_state.state import is_enabled as plugin_enabled
from frontdesk.core.plugins import flatten, hookimpl
from frontdesk.core.properties.service import get_property, get_room, get_room_type
from frontdesk.core.rates.pricing import price_stay
from frontdesk.core.rates.quote_taxes import quote_with_taxes
from frontdesk.core.repository import find_row, find_rows, lock_row, lock_rows
from frontdesk.core.runtime import Runtime
from frontdesk.core.runtime import current as current_runtime
from frontdesk.core.settings import Settings, SettingSpec
from frontdesk.core.stays.availability import availability
from frontdesk.core.stays.holds import (
    HoldConflict,
    place_hold_in_transaction,
    release_hold_in_transaction,
)
from frontdesk.core.stays.inventory import is_out_of_order, nights_between
from frontdesk.core.stays.service import book_stay, cancel_stay, get_stay, modify_stay
from frontdesk.core.transactions import run_write


def plugin_setting(spec: SettingSpec) -> Any:
    """The running server's value of one of a plugin's settings (explicit value, else its
    ``FRONTDESK_...`` environment variable, else the spec's default)."""
    return current_runtime().settings.plugin_setting(spec)


def plugin_hooks() -> Any:
    """The running server's hook relay (``pm.hook``): how a plugin calls the hooks it
    declared for other plugins (``frontdesk_addhooks``)."""
    return current_runtime().plugin_manager.hook


__all__ = [
    "Conflict",
    "DomainError",
    "DomainEvent",
    "HoldConflict",
    "InvalidInput",
    "InvalidTransition",
    "NotFound",
    "Page",
    "Permission",
    "PermissionDenied",
    "Runtime",
    "SettingSpec",
    "Settings",
    "availability",
    "book_stay",
    "cancel_stay",
    "clamp",
    "counter",
    "create_guest",
    "current_runtime",
    "decode_cursor",
    "emit_event",
    "encode_cursor",
    "flatten",
    "fmt",
    "get_guest",
    "get_property",
    "get_room",
    "get_room_type",
    "get_stay",
    "guest_stays",
    "hookimpl",
    "hookspec",
    "invoice_pdf",
    "is_out_of_order",
    "is_sqlite",
    "leases",
    "like",
    "like_text",
    "find_row",
    "find_rows",
    "lock_row",
    "lock_rows",
    "modify_stay",
    "new_secret",
    "nights_between",
    "paginate",
    "place_hold_in_transaction",
    "plugin_enabled",
    "plugin_enabled_for_any",
    "plugin_hooks",
    "plugin_setting",
    "price_stay",
    "quote_with_taxes",
    "record_event",
    "release_hold_in_transaction",
    "round_money",
    "run_write",
    "sha256",
    "validation",
]
