"""Whom an administrator may manage: only users, API keys and roles whose reach lies within
its own. A caller limited to some properties must not reset the password of a user who works
at every property (and then log in as them), revoke another hotel's keys, or change a role
that users of every property hold; nobody grants permissions they do not hold themselves."""

from __future__ import annotations

from ..errors import PermissionDenied
from .common import loads
from .principal import Principal
from .roles import role_permissions
from .tables import AuthApiKey, AuthUser
from .users import user_property_ids


def _within(principal: Principal, all_properties: bool, property_ids: list[int]) -> bool:
    if principal.property_ids is None:
        return True
    return not all_properties and set(property_ids) <= principal.property_ids


async def check_user(principal: Principal, user_id: int) -> None:
    """Refuse managing a user who may work somewhere the caller may not."""
    user = await AuthUser.objects().where(AuthUser.id == user_id).first()
    if user is None or principal.property_ids is None:
        return  # an unknown id is answered NOT_FOUND by the service
    if not _within(principal, user.all_properties, await user_property_ids(user_id)):
        raise PermissionDenied(
            "This user works at properties beyond yours; an administrator of those must "
            "manage them.",
            field="userId",
        )


async def check_api_key(principal: Principal, key_id: int) -> None:
    """Refuse managing an API key that reaches somewhere the caller may not."""
    row = await AuthApiKey.objects().where(AuthApiKey.id == key_id).first()
    if row is None or principal.property_ids is None:
        return
    if not _within(principal, row.all_properties, loads(row.property_ids)):
        raise PermissionDenied(
            "This key reaches properties beyond yours; an administrator of those must manage it.",
            field="apiKeyId",
        )


def check_role_change(principal: Principal) -> None:
    """Roles are shared by every property: only a caller with every property changes them."""
    if principal.property_ids is not None:
        raise PermissionDenied(
            "Roles apply at every property; only an administrator of every property may "
            "change them.",
            field="name",
        )


async def check_grant(
    principal: Principal, roles: list[str] | None, permissions: list[str] | None = None
) -> None:
    """Refuse granting (through roles or directly) a permission the caller lacks."""
    wanted = set(permissions or ()) | await role_permissions(list(roles or ()))
    missing = sorted(wanted - principal.permissions)
    if missing:
        field = "permissions" if set(permissions or ()) - principal.permissions else "roles"
        raise PermissionDenied(
            f"You cannot grant permissions you do not hold: {', '.join(missing[:5])}.",
            field=field,
        )
