"""The demo installation's logins, printed by ``frontdesk demo`` so a visitor can sign in."""

from __future__ import annotations

from frontdesk.core.auth.roles import sync_builtin_roles
from frontdesk.core.auth.secrets import hash_password
from frontdesk.core.auth.users import create_user
from frontdesk.core.runtime import Runtime

DEMO_PASSWORD = "frontdesk-demo"
DEMO_USERS = [
    ("admin", "Demo Admin", ["admin"]),
    ("desk", "Demo Front Desk", ["front_desk"]),
    ("concierge", "Demo Concierge", ["concierge"]),
]


async def create_demo_logins(rt: Runtime) -> list[str]:
    """One user per department of interest, every property, one shared demo password."""
    await sync_builtin_roles(rt.plugin_manager)
    shared = hash_password(DEMO_PASSWORD)
    for username, display, roles in DEMO_USERS:
        await create_user(
            username=username,
            display_name=display,
            password=DEMO_PASSWORD,
            roles=roles,
            all_properties=True,
            known_hash=shared,
        )
    names = ", ".join(name for name, *_ in DEMO_USERS)
    return [f"Demo logins: {names} (password {DEMO_PASSWORD}); use the login mutation."]
