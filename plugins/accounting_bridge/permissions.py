"""The accounting_bridge plugin's permissions and the built-in roles that hold them from the start.

Apart from the schema, so that registering permissions (every command's start-up, the demo's
logins) does not import GraphQL."""

from __future__ import annotations

from frontdesk.api import Permission

ROLES = ("accounting", "manager", "admin")

PERMISSIONS = [
    Permission(
        "accounting.journal.read",
        "See the chart, journal, trial balance, reconciliation and outbox.",
        ROLES,
    ),
    Permission(
        "accounting.exports.read", "Export the journal (hledger, Beancount, CSV, JSON).", ROLES
    ),
    Permission("accounting.outbox.write", "Retry failed outbox deliveries.", ROLES),
    Permission(
        "accounting.settings.write",
        "Map accounts and configure connectors.",
        ("accounting", "admin"),
    ),
]
