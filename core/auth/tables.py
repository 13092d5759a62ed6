"""Tables of the auth area. Secrets are never stored: passwords as argon2 hashes, tokens and
API keys as SHA-256 of high-entropy random values. List-valued columns (role names,
permission names) are JSON text so both engines store them alike."""

from __future__ import annotations

from piccolo.columns import Boolean, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from ..properties.tables import Property


class AuthRole(Table, tablename="auth_role"):
    """A named set of permissions. Built-in roles are re-synced with the permission registry at
    start-up: ``synced`` remembers what was ever granted by default, so a permission an admin
    removed stays removed while a new plugin permission still arrives."""

    name = Varchar(length=50, unique=True)
    description = Text(default="")
    permissions = Text(default="[]")
    synced = Text(default="[]")
    built_in = Boolean(default=False)
    updated_at = Timestamptz(default=TimestamptzNow())


class AuthUser(Table, tablename="auth_user"):
    username = Varchar(length=80, unique=True)
    display_name = Varchar(length=200)
    password_hash = Varchar(length=255)
    active = Boolean(default=True)
    roles = Text(default="[]")
    all_properties = Boolean(default=False)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class AuthUserProperty(Table, tablename="auth_user_property"):
    user = ForeignKey(references=AuthUser, index=True, on_delete=OnDelete.cascade)
    property = ForeignKey(references=Property, index=True, on_delete=OnDelete.cascade)


class AuthApiKey(Table, tablename="auth_api_key"):
    name = Varchar(length=100)
    prefix = Varchar(length=16, index=True)
    key_hash = Varchar(length=64, unique=True)
    roles = Text(default="[]")
    permissions = Text(default="[]")
    all_properties = Boolean(default=False)
    property_ids = Text(default="[]")
    expires_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)
    last_used_at = Timestamptz(null=True, default=None)
    created_by = Varchar(length=120, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class AuthSession(Table, tablename="auth_session"):
    """A server-side login session: a short-lived access token and a longer refresh token."""

    user = ForeignKey(references=AuthUser, index=True, on_delete=OnDelete.cascade)
    access_hash = Varchar(length=64, unique=True)
    refresh_hash = Varchar(length=64, unique=True)
    access_expires_at = Timestamptz()
    refresh_expires_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    # Every session rotated from one login shares its family: a rotated refresh token used
    # again means it was stolen, and the whole family is revoked.
    family = Varchar(length=64, default="", index=True)


class AuthLoginAttempt(Table, tablename="auth_login_attempt"):
    username = Varchar(length=80, index=True)
    client_address = Varchar(length=64, index=True)
    succeeded = Boolean(default=False)
    attempted_at = Timestamptz(default=TimestamptzNow(), index=True)


class AuthAuditRecord(Table, tablename="auth_audit_record"):
    """Append-only: written once per mutation, never updated or deleted through the API."""

    occurred_at = Timestamptz(default=TimestamptzNow(), index=True)
    actor = Varchar(length=120, index=True)
    operation = Varchar(length=100, index=True)
    subjects = Text(default="[]")
    outcome = Varchar(length=60)
    detail = Text(default="")
    request_id = Varchar(length=40)
    property_id = Integer(null=True, default=None, index=True)


class AuthIdempotencyKey(Table, tablename="auth_idempotency_key"):
    """A replayable response. ``scope_hash`` = SHA-256 of (principal, client key): unique, so
    two concurrent requests with one key cannot both run."""

    scope_hash = Varchar(length=64, unique=True)
    principal = Varchar(length=120)
    request_hash = Varchar(length=64)
    status_code = Integer(null=True, default=None)
    response_body = Text(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz(index=True)
    # The lease of the request running under the key: a key whose lease ran out without a
    # stored response was abandoned (its server died) and the next retry runs it afresh.
    lease_token = Varchar(length=64, default="")
    leased_until = Timestamptz(null=True, default=None)


class AuthAnonymizedGuest(Table, tablename="auth_anonymized_guest"):
    """The privacy ledger: which guest profile was anonymized, when and by whom."""

    guest = Integer(unique=True)
    anonymized_at = Timestamptz(default=TimestamptzNow())
    actor = Varchar(length=120)


TABLES = [
    AuthRole,
    AuthUser,
    AuthUserProperty,
    AuthApiKey,
    AuthSession,
    AuthLoginAttempt,
    AuthAuditRecord,
    AuthIdempotencyKey,
    AuthAnonymizedGuest,
]
