"""The webhooks plugin's permissions and the built-in roles that hold them from the start.

Apart from the schema, so that registering permissions (every command's start-up, the demo's
logins) does not import GraphQL."""

from __future__ import annotations

from frontdesk.api import Permission

PERMISSIONS = [
    Permission(
        "webhooks.admin",
        "Manage webhook endpoints, read their delivery log and replay deliveries.",
        ("admin",),
    )
]
