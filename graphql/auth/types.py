"""GraphQL types of identities, roles, the audit trail and sessions. Resolvers get auth rows
as ``self``; secrets never appear in any type except the one-time fields of login/createApiKey."""

from __future__ import annotations

from datetime import datetime

import strawberry

from frontdesk.core.auth.common import loads
from frontdesk.core.auth.users import user_property_ids


@strawberry.type(description="A member of staff who logs in with a username and password.")
class StaffUser:
    id: strawberry.ID
    username: str
    display_name: str
    active: bool
    all_properties: bool
    created_at: datetime

    @strawberry.field
    def roles(self) -> list[str]:
        return loads(self.roles)

    @strawberry.field
    async def property_ids(self) -> list[strawberry.ID]:
        return [strawberry.ID(str(pid)) for pid in await user_property_ids(self.id)]


@strawberry.type(description="An API key: its secret is shown once, at creation.")
class ApiKey:
    id: strawberry.ID
    name: str
    prefix: str
    all_properties: bool
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    created_by: str | None
    created_at: datetime

    @strawberry.field
    def roles(self) -> list[str]:
        return loads(self.roles)

    @strawberry.field
    def permissions(self) -> list[str]:
        return loads(self.permissions)

    @strawberry.field
    def property_ids(self) -> list[strawberry.ID]:
        return [strawberry.ID(str(pid)) for pid in loads(self.property_ids)]


@strawberry.type(description="A named set of permissions; built-in roles map to departments.")
class Role:
    name: str
    description: str
    built_in: bool

    @strawberry.field
    def permissions(self) -> list[str]:
        return sorted(loads(self.permissions))


@strawberry.type
class PermissionInfo:
    name: str
    description: str
    default_roles: list[str]


@strawberry.type(description="Who is asking, and what they may do where.")
class Me:
    kind: str
    name: str
    permissions: list[str]
    all_properties: bool
    property_ids: list[strawberry.ID]
    user_id: strawberry.ID | None = strawberry.field(
        description="The staff user asking (StaffUser.id; null for an API key), which other "
        "records link to: a frontend finds the caller's own, such as their shifts, by it."
    )


@strawberry.type(description="A login session: send the access token as a Bearer credential.")
class SessionTokens:
    access_token: str
    refresh_token: str
    access_expires_at: datetime
    refresh_expires_at: datetime


@strawberry.type(description="One change (or refused attempt), as the audit trail recorded it.")
class AuditRecord:
    id: strawberry.ID
    occurred_at: datetime
    actor: str
    operation: str
    outcome: str
    detail: str
    request_id: str
    property_id: strawberry.ID | None

    @strawberry.field
    def objects(self) -> list[str]:
        return loads(self.subjects)
