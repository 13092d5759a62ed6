"""Login sessions, kept on the server: login returns a short-lived access token and a longer
refresh token (both random, stored hashed); logout or a password change revokes them at once,
which a self-contained signed token could not do. Failed logins are throttled per username and
per client address over a sliding 15-minute window."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..errors import DomainError, InvalidInput
from ..settings import Settings
from ..transactions import run_write
from .common import aware, now
from .principal import Principal
from .secrets import (
    ACCESS_PREFIX,
    REFRESH_PREFIX,
    dummy_hash,
    hash_password,
    new_secret,
    sha256,
    verify_password,
)
from .tables import AuthLoginAttempt, AuthSession, AuthUser
from .users import check_password_strength, principal_for_user

THROTTLE_WINDOW = timedelta(minutes=15)


class AuthenticationFailed(DomainError):
    code = "AUTHENTICATION_FAILED"


class Throttled(DomainError):
    code = "THROTTLED"


@dataclass(frozen=True)
class IssuedSession:
    user: AuthUser
    access_token: str
    refresh_token: str
    access_expires_at: datetime
    refresh_expires_at: datetime


async def _failures(condition) -> int:
    since = now() - THROTTLE_WINDOW
    return await AuthLoginAttempt.count().where(
        condition
        & (AuthLoginAttempt.succeeded == False)  # noqa: E712
        & (AuthLoginAttempt.attempted_at > since)
    )


async def _record_attempt(username: str, address: str, succeeded: bool) -> None:
    async def change() -> None:
        await AuthLoginAttempt(
            username=username[:80], client_address=address[:64], succeeded=succeeded
        ).save()

    await run_write(change, conflict_message="Login could not be recorded; retry.")


async def _issue(user: AuthUser, settings: Settings, family: str = "") -> IssuedSession:
    """A new session; a rotation passes the family of the session it replaces."""
    family = family or secrets.token_hex(16)
    access, access_hash = new_secret(ACCESS_PREFIX)
    refresh, refresh_hash = new_secret(REFRESH_PREFIX)
    issued = now()
    access_expires = issued + timedelta(minutes=settings.session_ttl_minutes)
    refresh_expires = issued + timedelta(hours=settings.refresh_ttl_hours)

    async def change() -> None:
        await AuthSession(
            user=user.id,
            access_hash=access_hash,
            refresh_hash=refresh_hash,
            access_expires_at=access_expires,
            refresh_expires_at=refresh_expires,
            family=family,
        ).save()

    await run_write(change, conflict_message="The session could not be opened; retry.")
    return IssuedSession(user, access, refresh, access_expires, refresh_expires)


async def login(
    *, username: str, password: str, client_address: str, settings: Settings
) -> IssuedSession:
    """Open a session, or refuse with one message whatever was wrong (no user enumeration)."""
    name = (username or "").strip().lower()[:80]
    address = client_address or "unknown"
    if await _failures(AuthLoginAttempt.username == name) >= settings.login_failures_per_user:
        raise Throttled("Too many failed logins for this user; try again later.", field="username")
    if (
        await _failures(AuthLoginAttempt.client_address == address)
        >= settings.login_failures_per_address
    ):
        raise Throttled("Too many failed logins from this address; try again later.")
    user = await AuthUser.objects().where(AuthUser.username == name).first()
    valid = verify_password(user.password_hash if user else dummy_hash(), password or "")
    if not (user and valid and user.active):
        await _record_attempt(name, address, False)
        raise AuthenticationFailed("Unknown username or wrong password.", field="password")
    await _record_attempt(name, address, True)
    return await _issue(user, settings)


async def refresh(*, refresh_token: str, settings: Settings) -> IssuedSession:
    """Trade a refresh token for a new session; the old one is revoked (rotation)."""
    session = (
        await AuthSession.objects()
        .where(AuthSession.refresh_hash == sha256(refresh_token or ""))
        .first()
    )
    if session is not None and session.revoked_at is not None:
        await _revoke_family(session)
    if (
        session is None
        or session.revoked_at is not None
        or aware(session.refresh_expires_at) <= now()
    ):
        raise AuthenticationFailed("The refresh token is invalid or expired.", field="refreshToken")
    user = await AuthUser.objects().where(AuthUser.id == session.user).first()
    if user is None or not user.active:
        raise AuthenticationFailed("The refresh token is invalid or expired.", field="refreshToken")

    async def change() -> int:
        return len(
            await AuthSession.update({AuthSession.revoked_at: now()})
            .where((AuthSession.id == session.id) & AuthSession.revoked_at.is_null())
            .returning(AuthSession.id)
        )

    if not await run_write(change, conflict_message="The session changed meanwhile; retry."):
        await _revoke_family(session)
        raise AuthenticationFailed("The refresh token was already used.", field="refreshToken")
    return await _issue(user, settings, session.family)


async def _revoke_family(session: AuthSession) -> None:
    """A revoked refresh token came back: someone holds a copy (OAuth 2.0 security BCP,
    refresh token rotation). Every session rotated from the same login ends, the thief's and
    the user's alike; the user logs in again."""
    if not session.family:
        return

    async def change() -> None:
        await AuthSession.update({AuthSession.revoked_at: now()}).where(
            (AuthSession.family == session.family) & AuthSession.revoked_at.is_null()
        )

    await run_write(change, conflict_message="The sessions could not be revoked; retry.")


async def logout(session_id: int) -> None:
    async def change() -> None:
        await AuthSession.update({AuthSession.revoked_at: now()}).where(
            AuthSession.id == session_id
        )

    await run_write(change, conflict_message="Logout could not be recorded; retry.")


async def change_password(
    *, user_id: int, current: str, new: str, keep_session_id: int | None
) -> None:
    """Set a new password; every other session of the user ends."""
    check_password_strength(new, "newPassword")
    user = await AuthUser.objects().where(AuthUser.id == user_id).first()
    if user is None or not verify_password(user.password_hash, current or ""):
        raise InvalidInput("The current password is wrong.", field="currentPassword")
    new_hash = hash_password(new)

    async def change() -> None:
        await AuthUser.update({AuthUser.password_hash: new_hash, AuthUser.updated_at: now()}).where(
            AuthUser.id == user_id
        )
        others = (AuthSession.user == user_id) & AuthSession.revoked_at.is_null()
        if keep_session_id is not None:
            others = others & (AuthSession.id != keep_session_id)
        await AuthSession.update({AuthSession.revoked_at: now()}).where(others)

    await run_write(change, conflict_message="The password changed meanwhile; retry.")


async def principal_for_access_token(token: str) -> Principal | None:
    session = await AuthSession.objects().where(AuthSession.access_hash == sha256(token)).first()
    if session is None or session.revoked_at is not None:
        return None
    if aware(session.access_expires_at) <= now():
        return None
    user = await AuthUser.objects().where(AuthUser.id == session.user).first()
    if user is None or not user.active:
        return None
    return await principal_for_user(user, session.id)
