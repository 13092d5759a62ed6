"""Queries of the security area: who am I, users, keys, roles, permissions, the audit trail,
and the guest privacy reads (export, retention list)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from frontdesk.core import runtime
from frontdesk.core.auth import apikeys, audit, privacy, roles, users
from frontdesk.core.auth.registry import AUTHENTICATED, registered_permissions
from frontdesk.core.errors import NotFound

from ..common.connection import Connection, connection
from ..common.contributions import secure_field
from ..common.errors import maybe_id
from ..common.pagination import page_size
from ..guests.types import Guest
from .types import ApiKey, AuditRecord, Me, PermissionInfo, Role, StaffUser


@strawberry.type
class AuthQuery:
    @secure_field(
        permission=AUTHENTICATED,
        description="The caller: user or API key, permissions and properties.",
    )
    def me(self, info: Info) -> Me:
        principal = info.context.principal
        pids = principal.property_ids
        return Me(
            kind=principal.kind,
            name=principal.name,
            permissions=sorted(principal.permissions),
            all_properties=pids is None,
            property_ids=[strawberry.ID(str(p)) for p in sorted(pids or [])],
            user_id=strawberry.ID(str(principal.id)) if principal.kind == "user" else None,
        )

    @secure_field(permission="users.admin")
    async def users(self) -> list[StaffUser]:
        return await users.list_users()

    @secure_field(permission="users.admin", name="apiKeys")
    async def api_keys(self) -> list[ApiKey]:
        return await apikeys.list_api_keys()

    @secure_field(permission="users.admin")
    async def roles(self) -> list[Role]:
        return await roles.list_roles()

    @secure_field(
        permission="users.admin",
        description="Every permission of this installation (core and plugins).",
    )
    def permissions(self) -> list[PermissionInfo]:
        found = registered_permissions(runtime.current().plugin_manager)
        return [
            PermissionInfo(name=p.name, description=p.description, default_roles=list(p.roles))
            for p in sorted(found.values(), key=lambda p: p.name)
        ]

    @secure_field(
        permission="audit.read",
        description="The audit trail, oldest first; every filter narrows it.",
    )
    async def audit_records(
        self,
        info: Info,
        actor: str | None = None,
        operation: str | None = None,
        outcome: str | None = None,
        property_id: strawberry.ID | None = None,
        object: Annotated[
            str | None, strawberry.argument(description='An object as recorded: "stay:12".')
        ] = None,
        since: datetime | None = None,
        until: datetime | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AuditRecord]:
        filters = audit.AuditFilter(
            actor=actor,
            operation=operation,
            outcome=outcome,
            property_id=maybe_id(property_id) if property_id is not None else None,
            object=object[:100] if object else None,
            since=since,
            until=until,
        )
        if property_id is not None and filters.property_id is None:
            filters = audit.AuditFilter(property_id=-1)
        page = await audit.search(
            filters,
            allowed_property_ids=info.context.principal.allowed_property_ids(),
            first=page_size(info, first),
            after=after,
        )
        return connection(page)

    @secure_field(
        permission="guests.export",
        description="Everything held about a guest, core and plugins (GDPR).",
    )
    async def export_guest_data(self, guest_id: strawberry.ID) -> JSON | None:
        key = maybe_id(guest_id)
        if key is None:
            return None
        try:
            document: dict[str, Any] = await privacy.export_guest(key)
        except NotFound:
            return None
        return document

    @secure_field(
        permission="guests.anonymize",
        description="Guests with no stay within the retention period.",
    )
    async def guests_due_for_anonymization(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Guest]:
        page = await privacy.due_for_anonymization(
            retention_months=info.context.settings.retention_months,
            allowed_property_ids=info.context.principal.allowed_property_ids(),
            first=page_size(info, first),
            after=after,
        )
        return connection(page)
