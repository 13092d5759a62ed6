"""The plugin's permission, and the built-in roles that hold it from the start (an admin can
grant it to any other role, or to an API key)."""

from __future__ import annotations

from frontdesk.api import Permission

MANAGE = "lost_found.manage"

PERMISSIONS = [
    Permission(
        MANAGE,
        "Record items guests left behind, see them and hand them back.",
        ("front_desk", "housekeeping", "manager", "admin"),
    )
]
