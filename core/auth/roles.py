"""Roles are data: built-in ones seeded from the permission registry and re-synced at every
start-up; admins may create roles and edit any role's permissions."""

from __future__ import annotations

import time

import pluggy

from .. import runtime
from ..errors import Conflict, InvalidInput, NotFound
from ..permissions import BUILT_IN_ROLES
from ..transactions import run_write
from .common import dumps, loads, machine_name, now
from .registry import ADMIN_ROLE, check_known, default_grants
from .tables import AuthRole

ROLE_DESCRIPTIONS = {
    "front_desk": "Reception: guests, stays, check-in and check-out.",
    "concierge": "Guest requests; guest names and rooms, not their documents.",
    "housekeeping": "Room status and the stays that drive it.",
    "accounting": "Payments, folios and the journal.",
    "hr": "Staff, rosters and wages.",
    "manager": "Runs a property: everything but user administration.",
    "admin": "Everything, including users, roles and API keys.",
}


async def sync_builtin_roles(pm: pluggy.PluginManager) -> None:
    """Create missing built-in roles and grant default permissions they never had.

    A permission an admin removed from a built-in role stays removed (it is in ``synced``);
    a permission new since the last start-up (a plugin was enabled) is added. ``admin``
    always holds every registered permission.
    """
    grants = default_grants(pm)

    async def change() -> None:
        for name in BUILT_IN_ROLES:
            defaults = grants.get(name, set())
            role = await AuthRole.objects().where(AuthRole.name == name).first()
            if role is None:
                await AuthRole(
                    name=name,
                    description=ROLE_DESCRIPTIONS.get(name, ""),
                    permissions=dumps(sorted(defaults)),
                    synced=dumps(sorted(defaults)),
                    built_in=True,
                ).save()
                continue
            held, synced = set(loads(role.permissions)), set(loads(role.synced))
            fresh = defaults - synced
            if name == ADMIN_ROLE:
                fresh = defaults - held
            if fresh:
                role.permissions = dumps(sorted(held | fresh))
                role.synced = dumps(sorted(synced | fresh))
                role.updated_at = now()
                await role.save()

    await run_write(change, conflict_message="Roles are being synced by another process.")
    forget_cached_roles()


# Role -> permissions is read on every request but changes rarely: it is cached for a few
# seconds per database (this process drops its cache at once on a change; other processes
# see it within ROLE_CACHE_SECONDS). Keys and sessions are never cached: revocation is
# immediate.
ROLE_CACHE_SECONDS = 60.0
_role_cache: dict[tuple[str, tuple[str, ...]], tuple[float, frozenset[str]]] = {}


def forget_cached_roles() -> None:
    _role_cache.clear()


async def role_permissions(names: list[str]) -> set[str]:
    if not names:
        return set()
    key = (runtime.current().settings.database_url, tuple(sorted(set(names))))
    cached = _role_cache.get(key)
    moment = time.monotonic()
    if cached is not None and moment - cached[0] < ROLE_CACHE_SECONDS:
        return set(cached[1])
    rows = await AuthRole.select(AuthRole.permissions).where(AuthRole.name.is_in(list(key[1])))
    found = frozenset(p for row in rows for p in loads(row["permissions"]))
    if len(_role_cache) > 1000:
        _role_cache.clear()
    _role_cache[key] = (moment, found)
    return set(found)


async def check_roles(names: list[str], field: str = "roles") -> list[str]:
    wanted = sorted(set(names))
    if not wanted:
        return []
    rows = await AuthRole.select(AuthRole.name).where(AuthRole.name.is_in(wanted))
    missing = sorted(set(wanted) - {row["name"] for row in rows})
    if missing:
        raise InvalidInput(f"Unknown roles: {', '.join(missing)}.", field=field)
    return wanted


async def list_roles() -> list[AuthRole]:
    return await AuthRole.objects().order_by(AuthRole.name)


async def create_role(
    pm: pluggy.PluginManager, *, name: str, description: str, permissions: list[str]
) -> AuthRole:
    name = machine_name(name, "name")
    granted = check_known(pm, permissions, "permissions")

    async def change() -> AuthRole:
        if await AuthRole.exists().where(AuthRole.name == name):
            raise Conflict(f"A role named {name} already exists.", field="name")
        role = AuthRole(
            name=name,
            description=description.strip()[:500],
            permissions=dumps(granted),
            synced="[]",
            built_in=False,
        )
        await role.save()
        return role

    role = await run_write(change, conflict_message=f"A role named {name} already exists.")
    forget_cached_roles()
    return role


async def update_role(
    pm: pluggy.PluginManager,
    *,
    name: str,
    description: str | None = None,
    permissions: list[str] | None = None,
) -> AuthRole:
    """Change a role's permissions; ``admin`` keeps ``users.admin`` so nobody locks it out."""
    granted = None if permissions is None else check_known(pm, permissions, "permissions")

    async def change() -> AuthRole:
        role = await AuthRole.objects().where(AuthRole.name == name).first()
        if role is None:
            raise NotFound(f"Role {name} does not exist.", field="name")
        if granted is not None:
            if role.name == ADMIN_ROLE and "users.admin" not in granted:
                raise InvalidInput("The admin role must keep users.admin.", field="permissions")
            role.permissions = dumps(granted)
        if description is not None:
            role.description = description.strip()[:500]
        role.updated_at = now()
        await role.save()
        return role

    role = await run_write(change, conflict_message="The role changed meanwhile; retry.")
    forget_cached_roles()
    return role
