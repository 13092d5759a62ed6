"""The permission registry: core's permissions, the auth area's own, and every enabled
plugin's (``frontdesk_permissions_register``), with the built-in roles each one starts in."""

from __future__ import annotations

import pluggy

from ..errors import InvalidInput
from ..permissions import BUILT_IN_ROLES, CORE_PERMISSIONS, Permission
from ..plugins import flatten

AUTH_PERMISSIONS = [
    Permission("users.admin", "Manage staff users, roles and API keys.", ("admin",)),
    Permission("audit.read", "Read the audit trail of every change.", ("manager", "admin")),
    Permission(
        "guests.export", "Export everything held about a guest (GDPR access).", ("manager", "admin")
    ),
    Permission(
        "guests.anonymize",
        "Anonymize a guest's personal data (GDPR erasure).",
        ("manager", "admin"),
    ),
]

# Pseudo-permissions used in field maps: no role needs to hold them.
PUBLIC = "public"
AUTHENTICATED = "authenticated"
PSEUDO_PERMISSIONS = frozenset({PUBLIC, AUTHENTICATED})

ADMIN_ROLE = "admin"


def registered_permissions(pm: pluggy.PluginManager) -> dict[str, Permission]:
    """Every permission name of this installation; a name declared twice fails start-up."""
    found: dict[str, Permission] = {}
    plugin_permissions = [
        p for p in flatten(pm.hook.frontdesk_permissions_register()) if isinstance(p, Permission)
    ]
    for permission in [*CORE_PERMISSIONS, *AUTH_PERMISSIONS, *plugin_permissions]:
        if permission.name in found and found[permission.name] != permission:
            raise RuntimeError(f"Permission {permission.name!r} is declared twice.")
        found[permission.name] = permission
    return found


def default_grants(pm: pluggy.PluginManager) -> dict[str, set[str]]:
    """Built-in role -> the permissions it holds by default. ``admin`` holds every one, so a
    plugin that forgets to name admin cannot lock the installation's administrator out."""
    permissions = registered_permissions(pm)
    grants: dict[str, set[str]] = {role: set() for role in BUILT_IN_ROLES}
    for permission in permissions.values():
        for role in permission.roles:
            grants.setdefault(role, set()).add(permission.name)
    grants[ADMIN_ROLE] = set(permissions)
    return grants


def check_known(pm: pluggy.PluginManager, names: list[str], field: str) -> list[str]:
    """Refuse permission names nobody declared (a typo would grant nothing, silently)."""
    known = registered_permissions(pm)
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise InvalidInput(f"Unknown permissions: {', '.join(unknown)}.", field=field)
    return sorted(set(names))
