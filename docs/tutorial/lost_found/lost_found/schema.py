"""The plugin's part of the GraphQL schema: the ``LostFoundItem`` type, a query, two
mutations and ``Stay.lostItems``. Names start with the plugin's (``lostFound…``) so they never
clash; each field declares the permission it needs (``secure_field`` / ``secure_mutation``),
which the API enforces before its resolver runs."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from frontdesk.api.graphql import (
    GraphQLContribution,
    UserError,
    decode_id,
    maybe_id,
    run_mutation,
    secure_field,
    secure_mutation,
    service_mutation,
)

from . import service
from .permissions import MANAGE
from .tables import LostItem


@strawberry.enum
class LostFoundStatus(Enum):
    HELD = "held"
    RETURNED = "returned"
    UNCLAIMED = "unclaimed"


@strawberry.type(description="Something a guest left behind.")
class LostFoundItem:
    id: strawberry.ID
    description: str
    where_found: str
    found_at: datetime

    @strawberry.field
    def status(self) -> LostFoundStatus:
        return LostFoundStatus(self.status)

    @strawberry.field(description="The stay the item belongs to, when known.")
    def stay_id(self) -> strawberry.ID | None:
        return None if self.stay is None else strawberry.ID(str(self.stay))


@strawberry.type
class LostFoundQuery:
    @secure_field(permission=MANAGE, description="A property's lost items, newest first.")
    async def lost_found_items(
        self, property_id: strawberry.ID, status: LostFoundStatus | None = None
    ) -> list[LostFoundItem]:
        # Queries never raise on a bad id: an unknown one simply finds nothing.
        found = maybe_id(property_id) or -1
        return await service.items_of_property(found, status.value if status else None)


@strawberry.input
class LostFoundRecordItemInput:
    property_id: strawberry.ID
    description: str
    where_found: str = ""
    stay_id: strawberry.ID | None = None


@strawberry.input
class LostFoundReturnItemInput:
    item_id: strawberry.ID


@strawberry.type
class LostFoundItemPayload:
    item: LostFoundItem | None
    errors: list[UserError]


@strawberry.type
class LostFoundMutation:
    @secure_mutation(permission=MANAGE, description="Log an item found in the hotel.")
    async def lost_found_record_item(self, input: LostFoundRecordItemInput) -> LostFoundItemPayload:
        async def record():
            return await service.record_item(
                property_id=decode_id(input.property_id, "propertyId"),
                stay_id=None if input.stay_id is None else decode_id(input.stay_id, "stayId"),
                description=input.description,
                where_found=input.where_found,
            )

        return await run_mutation(LostFoundItemPayload, "item", record)

    # The same, declared: the input's fields become the service's keyword arguments (ids
    # decoded, a bad one a UserError on its field), the answer the payload's ``item``.
    lost_found_return_item = service_mutation(
        service.return_item,
        LostFoundItemPayload,
        "item",
        input=LostFoundReturnItemInput,
        actor=False,  # return_item takes no ``actor`` (who asked)
        permission=MANAGE,
        scopes={"itemId": LostItem},  # the item's ``property`` decides who may reach it
        description="Hand an item back to its owner.",
    )


@strawberry.type
class StayLostFoundFields:
    @secure_field(permission=MANAGE, description="What this stay's guest left behind.")
    async def lost_items(self, info: Info) -> list[LostFoundItem]:
        # One query per request for all the stays on the page, not one per stay.
        loader = info.context.loaders.many_by(LostItem, "stay", namespace="lost_found")
        return await loader.load(self.id)


def contribution() -> GraphQLContribution:
    return GraphQLContribution(
        queries=[LostFoundQuery],
        mutations=[LostFoundMutation],
        type_extensions={"Stay": [StayLostFoundFields]},
    )
