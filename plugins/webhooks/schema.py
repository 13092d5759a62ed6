"""The webhooks plugin's part of the GraphQL schema: endpoints (admins), the delivery log
and replay. Queries never raise on bad arguments; mutations report mistakes as UserErrors.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from frontdesk.api import DomainError, NotFound, clamp, paginate
from frontdesk.api.graphql import (
    Connection,
    GraphQLContribution,
    UserError,
    connection,
    decode_id,
    maybe_id,
    run_mutation,
    secure_field,
    secure_mutation,
    service_mutation,
)
from frontdesk.api.outbox import queue
from frontdesk.api.tables import OutboxMessage

from . import endpoints
from .events import CHANNEL, EVENT_TYPES
from .tables import WebhookEndpoint as EndpointRow

DEFAULT_PAGE = 50


@strawberry.enum
class WebhookDeliveryStatus(Enum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


@strawberry.type(description="Where a property's events go; the secret is shown only when set.")
class WebhookEndpoint:
    id: strawberry.ID
    url: str
    description: str
    enabled: bool
    disabled_reason: str | None
    created_at: datetime

    @strawberry.field(description="Subscribed event types ('*': all).")
    def event_types(self) -> list[str]:
        return json.loads(self.event_types or "[]")


@strawberry.type(description="One attempt to deliver a message, and what came of it.")
class WebhookAttempt:
    attempt: int
    outcome: str
    error: str | None
    attempted_at: datetime


@strawberry.type(description="One event for one endpoint: the delivery log's line.")
class WebhookDelivery:
    id: strawberry.ID
    message_id: str = strawberry.field(description="The webhook-id header; same on retries.")
    event_type: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime
    payload: str

    @strawberry.field
    def status(self) -> WebhookDeliveryStatus:
        return WebhookDeliveryStatus(self.status)

    @strawberry.field
    def endpoint_id(self) -> strawberry.ID:
        return strawberry.ID(self.target)

    @strawberry.field(description="Every attempt, oldest first.")
    async def log(self) -> list[WebhookAttempt]:
        return (await queue.attempts_of([self.id])).get(self.id, [])


@strawberry.type
class WebhookQuery:
    @secure_field(permission="webhooks.admin", description="The property's webhook endpoints.")
    async def webhook_endpoints(self, property_id: strawberry.ID) -> list[WebhookEndpoint]:
        return (
            await EndpointRow.objects()
            .where(EndpointRow.property == (maybe_id(property_id) or -1))
            .order_by(EndpointRow.id)
        )

    @secure_field(
        permission="webhooks.admin", description="Event types core and the built-in plugins send."
    )
    def webhook_event_types(self) -> list[str]:
        return list(EVENT_TYPES)

    @secure_field(permission="webhooks.admin", description="The delivery log, oldest first.")
    async def webhook_deliveries(
        self,
        info: Info,
        property_id: strawberry.ID,
        endpoint_id: strawberry.ID | None = None,
        status: WebhookDeliveryStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[WebhookDelivery]:
        size = clamp(first, default=DEFAULT_PAGE, maximum=info.context.settings.max_page_size)
        condition = (OutboxMessage.property == (maybe_id(property_id) or -1)) & (
            OutboxMessage.channel == CHANNEL
        )
        if endpoint_id is not None:
            condition &= OutboxMessage.target == str(maybe_id(endpoint_id) or -1)
        if status is not None:
            condition &= OutboxMessage.status == status.value
        return connection(await paginate(OutboxMessage, condition, first=size, after=after))


@strawberry.input
class WebhookCreateEndpointInput:
    property_id: strawberry.ID
    url: str
    event_types: list[str]
    description: str = ""


@strawberry.input
class WebhookUpdateEndpointInput:
    endpoint_id: strawberry.ID
    url: str | None = None
    event_types: list[str] | None = None
    enabled: bool | None = None
    rotate_secret: bool = False


@strawberry.input
class WebhookDeleteEndpointInput:
    endpoint_id: strawberry.ID


@strawberry.input
class WebhookReplayDeliveryInput:
    delivery_id: strawberry.ID


@strawberry.type
class WebhookEndpointPayload:
    endpoint: WebhookEndpoint | None
    secret: str | None = strawberry.field(
        default=None, description="The whsec_ signing secret, shown once when set."
    )
    errors: list[UserError]


@strawberry.type
class WebhookDeleteEndpointPayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError]


@strawberry.type
class WebhookReplayDeliveryPayload:
    delivery: WebhookDelivery | None
    errors: list[UserError]


async def _saved(action) -> WebhookEndpointPayload:
    try:
        saved = await action()
    except DomainError as error:
        return WebhookEndpointPayload(endpoint=None, errors=[UserError.from_domain(error)])
    return WebhookEndpointPayload(endpoint=saved.endpoint, secret=saved.secret, errors=[])


@strawberry.type
class WebhookMutation:
    @secure_mutation(
        permission="webhooks.admin", description="Send a property's events of these types to a URL."
    )
    async def webhook_create_endpoint(
        self, input: WebhookCreateEndpointInput
    ) -> WebhookEndpointPayload:
        return await _saved(
            lambda: endpoints.create_endpoint(
                property_id=decode_id(input.property_id, "propertyId"),
                url=input.url,
                event_types=input.event_types,
                description=input.description,
            )
        )

    @secure_mutation(
        permission="webhooks.admin",
        description="Change an endpoint's URL, event types, state or secret.",
    )
    async def webhook_update_endpoint(
        self, input: WebhookUpdateEndpointInput
    ) -> WebhookEndpointPayload:
        return await _saved(
            lambda: endpoints.update_endpoint(
                endpoint_id=decode_id(input.endpoint_id, "endpointId"),
                url=input.url,
                event_types=input.event_types,
                enabled=input.enabled,
                rotate_secret=input.rotate_secret,
            )
        )

    webhook_delete_endpoint = service_mutation(
        endpoints.delete_endpoint,
        WebhookDeleteEndpointPayload,
        "deleted_id",
        input=WebhookDeleteEndpointInput,
        actor=False,
        then=lambda done: strawberry.ID(str(done)),
        permission="webhooks.admin",
        description="Remove an endpoint; its delivery log stays.",
    )

    @secure_mutation(
        permission="webhooks.admin",
        description="Deliver a message again now, whatever became of it.",
    )
    async def webhook_replay_delivery(
        self, input: WebhookReplayDeliveryInput
    ) -> WebhookReplayDeliveryPayload:
        async def action() -> OutboxMessage:
            message_id = decode_id(input.delivery_id, "deliveryId")
            try:
                return await queue.replay(message_id=message_id, channel=CHANNEL)
            except NotFound as error:
                raise NotFound(str(error), field="deliveryId") from None

        return await run_mutation(WebhookReplayDeliveryPayload, "delivery", action)


def contribution() -> GraphQLContribution:
    return GraphQLContribution(
        queries=[WebhookQuery],
        mutations=[WebhookMutation],
        types=[WebhookDelivery, WebhookEndpoint],
        scoped_arguments={"endpointId": EndpointRow, "deliveryId": OutboxMessage},
    )
