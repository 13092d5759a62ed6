"""The concierge's part of the GraphQL schema: queries, mutations, fields on core types,
and the permission each field needs (enforced by the API in one place)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from frontdesk.api.graphql import GraphQLContribution, secure_field

from .schema_bookings import ConciergeBookingMutation, ConciergeBookingQuery
from .schema_events import ConciergeEventMutation, ConciergeEventQuery
from .schema_recommendations import (
    ConciergeRecommendationMutation,
    ConciergeRecommendationQuery,
    GuestConciergeFields,
)
from .schema_requests import ConciergeRequestMutation, ConciergeRequestQuery
from .schema_types import ConciergeRequest
from .tables import (
    OPEN_STATUSES,
    ConciergeAttendee,
    ConciergeBooking,
    ConciergeEvent,
    ConciergeRecommendation,
    ConciergeResource,
)
from .tables import ConciergeRequest as RequestRow
from .web_panel import DOCUMENTS as PANEL_DOCUMENTS

NS = "concierge"


@strawberry.type
class StayConciergeFields:
    @secure_field(
        permission="concierge.requests.read",
        description="The stay's concierge requests, oldest first.",
    )
    async def concierge_requests(self, info: Info) -> list[ConciergeRequest]:
        return await info.context.loaders.many_by(RequestRow, "stay", namespace=NS).load(self.id)


@strawberry.type
class RoomConciergeFields:
    @secure_field(
        permission="concierge.requests.read",
        description="Open concierge requests for this room, oldest first.",
    )
    async def open_requests(self, info: Info) -> list[ConciergeRequest]:
        rows = await info.context.loaders.many_by(RequestRow, "room", namespace=NS).load(self.id)
        return [row for row in rows if row.status in OPEN_STATUSES]


# Which request, event... an id names, so one hotel's concierge cannot reach another's.
SCOPED_ARGUMENTS = {
    "requestId": RequestRow,
    "eventId": ConciergeEvent,
    "resourceId": ConciergeResource,
    "bookingId": ConciergeBooking,
    "recommendationId": ConciergeRecommendation,
    "attendeeId": ConciergeAttendee.event.property,
}


def contribution() -> GraphQLContribution:
    return GraphQLContribution(
        trusted_documents=PANEL_DOCUMENTS.registered(),
        queries=[
            ConciergeRequestQuery,
            ConciergeBookingQuery,
            ConciergeEventQuery,
            ConciergeRecommendationQuery,
        ],
        mutations=[
            ConciergeRequestMutation,
            ConciergeBookingMutation,
            ConciergeEventMutation,
            ConciergeRecommendationMutation,
        ],
        type_extensions={
            "Stay": [StayConciergeFields],
            "Room": [RoomConciergeFields],
            "Guest": [GuestConciergeFields],
        },
        scoped_arguments=dict(SCOPED_ARGUMENTS),
        # concierge.request_changed (requests.record) goes live to who may read requests
        event_permissions={"concierge": "concierge.requests.read"},
    )
