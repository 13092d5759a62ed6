"""Staff users: who they are, their roles and the properties they may work at."""

from __future__ import annotations

from ..errors import Conflict, InvalidInput
from ..repository import get_or_not_found
from ..transactions import run_write
from .common import dumps, existing_property_ids, loads, machine_name, now
from .principal import Principal
from .roles import check_roles, role_permissions
from .secrets import MIN_PASSWORD_LENGTH, hash_password
from .tables import AuthSession, AuthUser, AuthUserProperty

MAX_PASSWORD_LENGTH = 1024


def check_password_strength(password: str, field: str = "password") -> str:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"{field} must be at least {MIN_PASSWORD_LENGTH} characters long.", field=field
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"{field} is too long.", field=field)
    return password


async def get_user(user_id: int) -> AuthUser:
    return await get_or_not_found(AuthUser, user_id, name="User", field="userId")


async def user_property_ids(user_id: int) -> list[int]:
    rows = await AuthUserProperty.select(AuthUserProperty.property).where(
        AuthUserProperty.user == user_id
    )
    return sorted(row["property"] for row in rows)


async def _set_properties(user_id: int, property_ids: list[int]) -> None:
    await AuthUserProperty.delete().where(AuthUserProperty.user == user_id)
    for pid in property_ids:
        await AuthUserProperty(user=user_id, property=pid).save()


async def create_user(
    *,
    username: str,
    display_name: str,
    password: str,
    roles: list[str],
    property_ids: list[int] | None = None,
    all_properties: bool = False,
    known_hash: str | None = None,
) -> AuthUser:
    """Create an active user; ``all_properties`` grants every property, present and future.
    ``known_hash``: the argon2 hash of ``password`` made already (the demo's logins share one
    password, and each hash costs a quarter of a second)."""
    username = machine_name(username, "username")
    display = (display_name or "").strip()
    if not display or len(display) > 200:
        raise InvalidInput("displayName must be 1-200 characters.", field="displayName")
    password_hash = known_hash or hash_password(check_password_strength(password))

    async def change() -> AuthUser:
        if await AuthUser.exists().where(AuthUser.username == username):
            raise Conflict(f"The username {username} is taken.", field="username")
        granted_roles = await check_roles(roles)
        pids = await existing_property_ids(property_ids or [], "propertyIds")
        user = AuthUser(
            username=username,
            display_name=display,
            password_hash=password_hash,
            roles=dumps(granted_roles),
            all_properties=all_properties,
        )
        await user.save()
        await _set_properties(user.id, pids)
        return user

    return await run_write(change, conflict_message=f"The username {username} is taken.")


async def update_user(
    *,
    user_id: int,
    display_name: str | None = None,
    roles: list[str] | None = None,
    property_ids: list[int] | None = None,
    all_properties: bool | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> AuthUser:
    """Change a user; deactivating or resetting the password ends their sessions."""
    new_hash = None if password is None else hash_password(check_password_strength(password))

    async def change() -> AuthUser:
        user = await get_user(user_id)
        if display_name is not None:
            display = display_name.strip()
            if not display or len(display) > 200:
                raise InvalidInput("displayName must be 1-200 characters.", field="displayName")
            user.display_name = display
        if roles is not None:
            user.roles = dumps(await check_roles(roles))
        if all_properties is not None:
            user.all_properties = all_properties
        if active is not None:
            user.active = active
        if new_hash is not None:
            user.password_hash = new_hash
        user.updated_at = now()
        await user.save()
        if property_ids is not None:
            await _set_properties(user.id, await existing_property_ids(property_ids, "propertyIds"))
        if active is False or new_hash is not None:
            await AuthSession.update({AuthSession.revoked_at: now()}).where(
                (AuthSession.user == user.id) & AuthSession.revoked_at.is_null()
            )
        return user

    return await run_write(change, conflict_message="The user changed meanwhile; retry.")


async def list_users() -> list[AuthUser]:
    return await AuthUser.objects().order_by(AuthUser.username)


async def principal_for_user(user: AuthUser, session_id: int | None = None) -> Principal:
    pids = None if user.all_properties else frozenset(await user_property_ids(user.id))
    return Principal(
        kind="user",
        id=user.id,
        name=user.username,
        permissions=frozenset(await role_permissions(loads(user.roles))),
        property_ids=pids,
        session_id=session_id,
    )
