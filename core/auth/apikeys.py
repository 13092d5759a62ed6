"""API keys for integrators and frontends: shown once at creation, stored as SHA-256,
revocable, optionally expiring, with roles and/or explicit permissions and properties."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pluggy

from ..errors import InvalidInput
from ..repository import find_row, get_or_not_found
from ..transactions import run_write
from .common import aware, dumps, existing_property_ids, loads, now
from .principal import Principal
from .registry import check_known
from .roles import check_roles, role_permissions
from .secrets import API_KEY_PREFIX, new_secret, sha256
from .tables import AuthApiKey

# last_used_at is refreshed at most this often, so reading with a key is not a write per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MIN_SUPPLIED_KEY_LENGTH = 36


@dataclass(frozen=True)
class CreatedKey:
    row: AuthApiKey
    key: str  # the only time the clear key exists outside the client


async def create_api_key(
    pm: pluggy.PluginManager,
    *,
    name: str,
    roles: list[str] | None = None,
    permissions: list[str] | None = None,
    property_ids: list[int] | None = None,
    all_properties: bool = False,
    expires_at: datetime | None = None,
    created_by: str | None = None,
    key: str | None = None,
) -> CreatedKey:
    """Store a new key; ``key`` lets a deployment (or a test database template) install a
    secret generated elsewhere, which must look like one of ours and be long enough."""
    cleaned = (name or "").strip()
    if not cleaned or len(cleaned) > 100:
        raise InvalidInput("name must be 1-100 characters.", field="name")
    explicit = check_known(pm, permissions or [], "permissions")
    if not roles and not explicit:
        raise InvalidInput("An API key needs at least one role or permission.", field="roles")
    if expires_at is not None and aware(expires_at) <= now():
        raise InvalidInput("expiresAt must lie in the future.", field="expiresAt")
    if key is None:
        key, key_hash = new_secret(API_KEY_PREFIX)
    elif not key.startswith(API_KEY_PREFIX) or len(key) < MIN_SUPPLIED_KEY_LENGTH:
        raise InvalidInput(
            f"A supplied key must start with {API_KEY_PREFIX} and have at least "
            f"{MIN_SUPPLIED_KEY_LENGTH} characters.",
            field="key",
        )
    else:
        key_hash = sha256(key)

    async def change() -> AuthApiKey:
        granted = await check_roles(roles or [])
        pids = await existing_property_ids(property_ids or [], "propertyIds")
        row = AuthApiKey(
            name=cleaned,
            prefix=key[:12],
            key_hash=key_hash,
            roles=dumps(granted),
            permissions=dumps(explicit),
            all_properties=all_properties,
            property_ids=dumps(pids),
            expires_at=expires_at,
            created_by=created_by,
        )
        await row.save()
        return row

    row = await run_write(change, conflict_message="The key could not be stored; retry.")
    return CreatedKey(row=row, key=key)


async def revoke_api_key(key_id: int) -> AuthApiKey:
    async def change() -> AuthApiKey:
        row = await get_or_not_found(AuthApiKey, key_id, name="API key", field="apiKeyId")
        if row.revoked_at is None:
            row.revoked_at = now()
            await row.save()
        return row

    return await run_write(change, conflict_message="The key changed meanwhile; retry.")


async def list_api_keys() -> list[AuthApiKey]:
    return await AuthApiKey.objects().order_by(AuthApiKey.id)


async def principal_for_api_key(key: str) -> Principal | None:
    """The principal of a valid key; None for unknown, revoked or expired keys."""
    row = await find_row(AuthApiKey, AuthApiKey.key_hash == sha256(key))
    if row is None or row.revoked_at is not None:
        return None
    moment = now()
    if row.expires_at is not None and aware(row.expires_at) <= moment:
        return None
    last = aware(row.last_used_at)
    if last is None or moment - last > LAST_USED_RESOLUTION:

        async def touch() -> None:
            await AuthApiKey.update({AuthApiKey.last_used_at: moment}).where(
                AuthApiKey.id == row.id
            )

        await run_write(touch, conflict_message="last_used_at could not be stored.")
    permissions = set(loads(row.permissions)) | await role_permissions(loads(row.roles))
    pids = None if row.all_properties else frozenset(loads(row.property_ids))
    return Principal(
        kind="apikey",
        id=row.id,
        name=row.name,
        permissions=frozenset(permissions),
        property_ids=pids,
    )
