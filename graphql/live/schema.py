"""GraphQL subscriptions (graphql-transport-ws at /graphql): live events of one property.

A subscription yields ``LiveEvent``s (an event name and ids, never names, amounts or other
personal data); the client re-reads what changed through normal queries, which apply every
field permission as usual. Checks, made when the subscription starts:

* the connection is authenticated (the bearer credential of ``connection_init``, app.py);
* the field's permission (``SUBSCRIPTION_PERMISSIONS``) is held;
* ``propertyId`` names a property the caller may access (otherwise: as if it did not exist);

and for every event: the event's own permission (``CORE_EVENT_PERMISSIONS`` and the plugins'
``GraphQLContribution.event_permissions``), so a housekeeper's board stream carries no folio
events. A credential revoked or expired meanwhile ends the stream at the next event after
the re-check interval (``Settings.live_recheck_seconds``).
"""

from __future__ import annotations

import re
import time
from collections.abc import AsyncGenerator, Callable, Iterable
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from frontdesk.core.auth.authenticate import principal_for_bearer
from frontdesk.core.auth.principal import Principal
from frontdesk.core.properties.tables import Property as PropertyRow
from graphql import GraphQLError, GraphQLSchema

from ..common.contributions import GraphQLContribution
from ..common.errors import maybe_id
from ..security.guard import allowed
from .broker import LiveEvent

SUBSCRIPTION_PERMISSIONS = {
    "Subscription.events": "authenticated",
    "Subscription.stayChanged": "stays.read",
    "Subscription.boardChanged": "stays.read",
    "Subscription.roomStatusChanged": "properties.read",
}
# Event name or area (the part before the first dot) -> the permission to receive it.
CORE_EVENT_PERMISSIONS = {
    "stay": "stays.read",
    "room": "properties.read",
    "guest": "guests.read",
    "folio": "folios.read",
    "invoice": "invoices.read",
    "city_ledger": "city_ledger.read",
    "night_audit": "properties.read",
}
# What changes a row of the desk's board: its stay, room status, guest, balance, the date.
BOARD_AREAS = ("stay", "room", "guest", "folio", "night_audit")
EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
MAX_TYPES = 50


def event_permissions(parts: Iterable[GraphQLContribution]) -> dict[str, str]:
    """Core's map and every enabled plugin's, merged (a plugin may not re-map core's)."""
    merged = dict(CORE_EVENT_PERMISSIONS)
    for part in parts:
        for key, permission in getattr(part, "event_permissions", {}).items():
            if merged.get(key, permission) != permission:
                raise ValueError(f"Event {key} needs {merged[key]!r} and {permission!r}.")
            merged[key] = permission
    return merged


def permission_for(name: str, permissions: dict[str, str]) -> str | None:
    return permissions.get(name) or permissions.get(name.partition(".")[0])


@strawberry.type(name="LiveEvent", description="A committed change; re-query what it names.")
class LiveEventType:
    name: str = strawberry.field(description='The event, e.g. "stay.checked_in".')
    property_id: strawberry.ID
    subject_id: strawberry.ID | None = strawberry.field(
        description="The object the event is about (a stay, room, folio entry, request…)."
    )
    stay_id: strawberry.ID | None
    room_id: strawberry.ID | None
    folio_id: strawberry.ID | None
    business_date: date | None = strawberry.field(
        description="The business date an audit opened or closed (night_audit.* only)."
    )
    occurred_at: datetime

    @classmethod
    def of(cls, event: LiveEvent) -> LiveEventType:
        def ident(value: int | None) -> strawberry.ID | None:
            return None if value is None else strawberry.ID(str(value))

        return cls(
            name=event.name,
            property_id=strawberry.ID(str(event.property_id)),
            subject_id=ident(event.subject_id),
            stay_id=ident(event.stay_id),
            room_id=ident(event.room_id),
            folio_id=ident(event.folio_id),
            business_date=event.business_day,
            occurred_at=event.occurred,
        )


def _refuse(message: str, code: str, **extra: object) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **extra})


OVER_HTTP = (
    "Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql; see docs/live.md."
)


def refuse_over_http(schema: GraphQLSchema) -> None:
    """A subscription POSTed as a plain HTTP request gets a clear error instead of
    graphql-core's "Cannot return null" (strawberry executes it like a query there)."""
    if schema.subscription_type is None:
        return
    for field in schema.subscription_type.fields.values():
        field.resolve = _websocket_only(field.resolve)


def _websocket_only(resolver: Callable[..., Any] | None) -> Callable[..., Any]:
    def resolve(root: Any, info: Any, **kwargs: Any) -> Any:
        if getattr(info.context, "websocket", None) is None:
            raise _refuse(OVER_HTTP, "BAD_REQUEST")
        return resolver(root, info, **kwargs) if resolver else root

    return resolve


async def _start(info: Info, field: str, property_id: strawberry.ID) -> tuple[Principal, int]:
    """The subscription-time checks (module docstring); the caller and the property id."""
    principal: Principal | None = info.context.principal
    if getattr(info.context, "websocket", None) is None:  # multipart subscriptions over HTTP
        raise _refuse(OVER_HTTP, "BAD_REQUEST")
    if principal is None:
        raise _refuse("Authentication required.", "UNAUTHENTICATED")
    permission = SUBSCRIPTION_PERMISSIONS[f"Subscription.{field}"]
    if not allowed(principal, permission):
        raise _refuse(
            f"Permission denied: Subscription.{field} needs {permission}.",
            "FORBIDDEN",
            permission=permission,
        )
    pid = maybe_id(property_id)
    exists = pid is not None and await PropertyRow.exists().where(PropertyRow.id == pid)
    if not exists or not principal.can_access(pid):
        raise _refuse("propertyId does not exist.", "NOT_FOUND", field="propertyId")
    return principal, pid


async def _stream(
    info: Info, field: str, property_id: strawberry.ID, wanted: Callable[[str], bool]
) -> AsyncGenerator[LiveEventType, None]:
    principal, pid = await _start(info, field, property_id)
    state = info.context.websocket.app.state
    broker, permissions = state["live_broker"], state["schema"].event_permissions
    # how long a revoked or expired credential may still receive events (Settings)
    recheck = info.context.settings.live_recheck_seconds
    checked = time.monotonic()
    async with broker.listen(pid, field) as queue:
        while True:
            event: LiveEvent = await queue.get()
            if not wanted(event.name):
                continue
            if time.monotonic() - checked >= recheck:
                principal = await _recheck(info)
                checked = time.monotonic()
            if allowed(principal, permission_for(event.name, permissions)):
                yield LiveEventType.of(event)


async def _recheck(info: Info) -> Principal:
    """The connection's credential, validated again: revoked or expired ends the stream."""
    principal = await principal_for_bearer(bearer_of(info.context.connection_params))
    if principal is None:
        raise _refuse("The credentials are invalid, expired or revoked.", "UNAUTHENTICATED")
    info.context.principal = principal
    return principal


def bearer_of(connection_params: object) -> str:
    """The credential of a ``connection_init`` payload: ``{"Authorization": "Bearer …"}``."""
    if not isinstance(connection_params, dict):
        return ""
    raw = connection_params.get("Authorization") or connection_params.get("authorization")
    scheme, _, credential = raw.partition(" ") if isinstance(raw, str) else ("", "", "")
    return credential.strip() if scheme.lower() == "bearer" else ""


def _types_filter(types: list[str] | None, permissions: dict[str, str]) -> Callable[[str], bool]:
    if types is None:
        return lambda _name: True
    if not types or len(types) > MAX_TYPES:
        raise _refuse(f"types must list 1 to {MAX_TYPES} event names.", "INVALID", field="types")
    for item in types:
        if not EVENT_TYPE.match(item) or permission_for(item, permissions) is None:
            known = ", ".join(sorted(permissions))
            raise _refuse(
                f"types: {item!r} is not an event name or area. Known areas: {known}.",
                "INVALID",
                field="types",
            )
    chosen = set(types)
    return lambda name: name in chosen or name.partition(".")[0] in chosen


@strawberry.type(name="Subscription")
class LiveSubscription:
    @strawberry.subscription(
        description="Every committed event of a property you may receive; `types` narrows "
        'it to event names ("stay.checked_in") or areas ("stay", "concierge").'
    )
    async def events(
        self, info: Info, property_id: strawberry.ID, types: list[str] | None = None
    ) -> AsyncGenerator[LiveEventType, None]:
        wanted = _types_filter(types, info.context.websocket.app.state["schema"].event_permissions)
        async for event in _stream(info, "events", property_id, wanted):
            yield event

    @strawberry.subscription(description="Stays of the property booked, changed, moved…")
    async def stay_changed(
        self, info: Info, property_id: strawberry.ID
    ) -> AsyncGenerator[LiveEventType, None]:
        async for event in _stream(info, "stayChanged", property_id, _area("stay")):
            yield event

    @strawberry.subscription(
        description="Anything the desk board shows changed: stays, room status, guests, "
        "balances (with folios.read), the business date."
    )
    async def board_changed(
        self, info: Info, property_id: strawberry.ID
    ) -> AsyncGenerator[LiveEventType, None]:
        async for event in _stream(info, "boardChanged", property_id, _area(*BOARD_AREAS)):
            yield event

    @strawberry.subscription(description="A room's housekeeping status changed.")
    async def room_status_changed(
        self, info: Info, property_id: strawberry.ID
    ) -> AsyncGenerator[LiveEventType, None]:
        wanted = _area("room")
        async for event in _stream(info, "roomStatusChanged", property_id, wanted):
            yield event


def _area(*areas: str) -> Callable[[str], bool]:
    return lambda name: name.partition(".")[0] in areas
