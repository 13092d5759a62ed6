"""Mutations of the security area: sessions, users, API keys, roles, and anonymizeGuest.
One ``input`` each and a payload with ``errors``, like every mutation of the API."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from frontdesk.core import runtime
from frontdesk.core.auth import apikeys, privacy, reach, roles, sessions, users
from frontdesk.core.auth.registry import AUTHENTICATED, PUBLIC
from frontdesk.core.errors import DomainError, PermissionDenied

from ..common.contributions import secure_mutation
from ..common.errors import UserError, decode_id, run_mutation
from ..guests.mutations import GuestPayload
from .types import ApiKey, Role, SessionTokens, StaffUser


@strawberry.input
class LoginInput:
    username: str
    password: str


@strawberry.input
class RefreshSessionInput:
    refresh_token: str


@strawberry.type
class LoginPayload:
    session: SessionTokens | None
    user: StaffUser | None
    errors: list[UserError]


@strawberry.type
class DonePayload:
    ok: bool
    errors: list[UserError]


@strawberry.input
class ChangePasswordInput:
    current_password: str
    new_password: str


@strawberry.input
class CreateUserInput:
    username: str
    display_name: str
    password: str
    roles: list[str]
    property_ids: list[strawberry.ID] | None = None
    all_properties: bool = False


@strawberry.input
class UpdateUserInput:
    user_id: strawberry.ID
    display_name: str | None = None
    roles: list[str] | None = None
    property_ids: list[strawberry.ID] | None = None
    all_properties: bool | None = None
    active: bool | None = None
    password: str | None = None


@strawberry.type
class UserPayload:
    user: StaffUser | None
    errors: list[UserError]


@strawberry.input
class CreateApiKeyInput:
    name: str
    roles: list[str] | None = None
    permissions: list[str] | None = None
    property_ids: list[strawberry.ID] | None = None
    all_properties: bool = False
    expires_at: datetime | None = None


@strawberry.type
class CreateApiKeyPayload:
    api_key: ApiKey | None
    key: str | None = strawberry.field(description="The secret: shown this once, never again.")
    errors: list[UserError]


@strawberry.input
class RevokeApiKeyInput:
    api_key_id: strawberry.ID


@strawberry.type
class ApiKeyPayload:
    api_key: ApiKey | None
    errors: list[UserError]


@strawberry.input
class CreateRoleInput:
    name: str
    description: str = ""
    permissions: list[str] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateRoleInput:
    name: str
    description: str | None = None
    permissions: list[str] | None = None


@strawberry.type
class RolePayload:
    role: Role | None
    errors: list[UserError]


@strawberry.input
class AnonymizeGuestInput:
    guest_id: strawberry.ID


def _ids(values: list[strawberry.ID] | None, field: str) -> list[int] | None:
    return None if values is None else [decode_id(v, field) for v in values]


def _no_escalation(info: Info, all_properties: bool | None, property_ids: list[int] | None):
    """A caller limited to some properties cannot grant others, nor every property."""
    principal = info.context.principal
    if principal.property_ids is None:
        return
    if all_properties:
        raise PermissionDenied(
            "Only a caller with every property may grant every property.", field="allProperties"
        )
    if property_ids and not set(property_ids) <= principal.property_ids:
        raise PermissionDenied("You cannot grant properties you do not have.", field="propertyIds")


def _login_payload(issued: sessions.IssuedSession) -> LoginPayload:
    return LoginPayload(
        session=SessionTokens(
            access_token=issued.access_token,
            refresh_token=issued.refresh_token,
            access_expires_at=issued.access_expires_at,
            refresh_expires_at=issued.refresh_expires_at,
        ),
        user=issued.user,
        errors=[],
    )


async def _as_login(action) -> LoginPayload:
    try:
        return _login_payload(await action())
    except DomainError as error:
        return LoginPayload(session=None, user=None, errors=[UserError.from_domain(error)])


@strawberry.type
class AuthMutation:
    @secure_mutation(
        permission=PUBLIC, description="Open a session; failed attempts are throttled."
    )
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        client = info.context.request.client
        return await _as_login(
            lambda: sessions.login(
                username=input.username,
                password=input.password,
                client_address=client.host if client else "unknown",
                settings=info.context.settings,
            )
        )

    @secure_mutation(
        permission=PUBLIC, description="Trade a refresh token for a new session (rotation)."
    )
    async def refresh_session(self, info: Info, input: RefreshSessionInput) -> LoginPayload:
        return await _as_login(
            lambda: sessions.refresh(
                refresh_token=input.refresh_token, settings=info.context.settings
            )
        )

    @secure_mutation(
        permission=AUTHENTICATED,
        description="End the current session (API keys are revoked instead).",
    )
    async def logout(self, info: Info) -> DonePayload:
        principal = info.context.principal
        if principal.session_id is None:
            error = UserError(code="INVALID_INPUT", message="Only a login session can log out.")
            return DonePayload(ok=False, errors=[error])
        await sessions.logout(principal.session_id)
        return DonePayload(ok=True, errors=[])

    @secure_mutation(permission=AUTHENTICATED)
    async def change_password(self, info: Info, input: ChangePasswordInput) -> DonePayload:
        principal = info.context.principal
        if principal.kind != "user":
            error = UserError(code="INVALID_INPUT", message="API keys have no password.")
            return DonePayload(ok=False, errors=[error])

        async def action() -> bool:
            await sessions.change_password(
                user_id=principal.id,
                current=input.current_password,
                new=input.new_password,
                keep_session_id=principal.session_id,
            )
            return True

        return await run_mutation(DonePayload, "ok", action)

    @secure_mutation(permission="users.admin")
    async def create_user(self, info: Info, input: CreateUserInput) -> UserPayload:
        async def action():
            pids = _ids(input.property_ids, "propertyIds")
            _no_escalation(info, input.all_properties, pids)
            await reach.check_grant(info.context.principal, input.roles)
            return await users.create_user(
                username=input.username,
                display_name=input.display_name,
                password=input.password,
                roles=input.roles,
                property_ids=pids,
                all_properties=input.all_properties,
            )

        return await run_mutation(UserPayload, "user", action)

    @secure_mutation(permission="users.admin")
    async def update_user(self, info: Info, input: UpdateUserInput) -> UserPayload:
        async def action():
            pids = _ids(input.property_ids, "propertyIds")
            _no_escalation(info, input.all_properties, pids)
            user_id = decode_id(input.user_id, "userId")
            await reach.check_user(info.context.principal, user_id)
            await reach.check_grant(info.context.principal, input.roles)
            return await users.update_user(
                user_id=user_id,
                display_name=input.display_name,
                roles=input.roles,
                property_ids=pids,
                all_properties=input.all_properties,
                active=input.active,
                password=input.password,
            )

        return await run_mutation(UserPayload, "user", action)

    @secure_mutation(
        permission="users.admin",
        description="Create an API key; the payload's key is shown only once.",
    )
    async def create_api_key(self, info: Info, input: CreateApiKeyInput) -> CreateApiKeyPayload:
        try:
            pids = _ids(input.property_ids, "propertyIds")
            _no_escalation(info, input.all_properties, pids)
            await reach.check_grant(info.context.principal, input.roles, input.permissions)
            created = await apikeys.create_api_key(
                runtime.current().plugin_manager,
                name=input.name,
                roles=input.roles,
                permissions=input.permissions,
                property_ids=pids,
                all_properties=input.all_properties,
                expires_at=input.expires_at,
                created_by=info.context.principal.actor,
            )
        except DomainError as error:
            return CreateApiKeyPayload(
                api_key=None, key=None, errors=[UserError.from_domain(error)]
            )
        return CreateApiKeyPayload(api_key=created.row, key=created.key, errors=[])

    @secure_mutation(permission="users.admin")
    async def revoke_api_key(self, info: Info, input: RevokeApiKeyInput) -> ApiKeyPayload:
        async def action():
            key_id = decode_id(input.api_key_id, "apiKeyId")
            await reach.check_api_key(info.context.principal, key_id)
            return await apikeys.revoke_api_key(key_id)

        return await run_mutation(ApiKeyPayload, "api_key", action)

    @secure_mutation(permission="users.admin")
    async def create_role(self, info: Info, input: CreateRoleInput) -> RolePayload:
        async def action():
            reach.check_role_change(info.context.principal)
            await reach.check_grant(info.context.principal, None, input.permissions)
            return await roles.create_role(
                runtime.current().plugin_manager,
                name=input.name,
                description=input.description,
                permissions=input.permissions,
            )

        return await run_mutation(RolePayload, "role", action)

    @secure_mutation(permission="users.admin")
    async def update_role(self, info: Info, input: UpdateRoleInput) -> RolePayload:
        async def action():
            reach.check_role_change(info.context.principal)
            await reach.check_grant(info.context.principal, None, input.permissions)
            return await roles.update_role(
                runtime.current().plugin_manager,
                name=input.name,
                description=input.description,
                permissions=input.permissions,
            )

        return await run_mutation(RolePayload, "role", action)

    @secure_mutation(
        permission="guests.anonymize",
        description="Replace a guest's personal data with placeholders, in "
        "core and every plugin; financial records stay. Refused in house.",
    )
    async def anonymize_guest(self, info: Info, input: AnonymizeGuestInput) -> GuestPayload:
        return await run_mutation(
            GuestPayload,
            "guest",
            lambda: privacy.anonymize_guest(
                decode_id(input.guest_id, "guestId"), actor=info.context.actor or "unknown"
            ),
        )
