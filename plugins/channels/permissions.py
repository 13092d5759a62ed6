"""The channels plugin's permissions and the built-in roles that hold them from the start.

Apart from the schema, so that registering permissions (every command's start-up, the demo's
logins) does not import GraphQL."""

from __future__ import annotations

from frontdesk.api import Permission

PERMISSIONS = [
    Permission(
        "channels.read",
        "See channel feeds, imported calendars, their conflicts and sync log.",
        ("front_desk", "manager", "admin"),
    ),
    Permission(
        "channels.manage",
        "Create and revoke calendar feeds, import calendars, sync, set up direct booking.",
        ("manager", "admin"),
    ),
]
