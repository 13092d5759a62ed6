"""The concierge's part of the GraphQL schema: queries, mutations, fields on core types,
and the permission each field needs (enforced by the API in one place)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from frontdesk.api.graphql import GraphQLContribution

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

NS = "concierge"


@strawberry.type
class StayConciergeFields:
    @strawberry.field(description="The stay's concierge requests, oldest first.")
    async def concierge_requests(self, info: Info) -> list[ConciergeRequest]:
        return await info.context.loaders.many_by(RequestRow, "stay", namespace=NS).load(self.id)


@strawberry.type
class RoomConciergeFields:
    @strawberry.field(description="Open concierge requests for this room, oldest first.")
    async def open_requests(self, info: Info) -> list[ConciergeRequest]:
        rows = await info.context.loaders.many_by(RequestRow, "room", namespace=NS).load(self.id)
        return [row for row in rows if row.status in OPEN_STATUSES]


QUERY_PERMISSIONS = {
    "Query.conciergeRequests": "concierge.requests.read",
    "Query.conciergeRequest": "concierge.requests.read",
    "Query.conciergeResources": "concierge.bookings.read",
    "Query.conciergeBookings": "concierge.bookings.read",
    "Query.conciergeAvailability": "concierge.bookings.read",
    "Query.conciergeEvents": "concierge.events.read",
    "Query.conciergeEvent": "concierge.events.read",
    "Query.conciergeRecommendations": "concierge.recommendations.read",
}
MUTATION_PERMISSIONS = {
    "Mutation.createConciergeRequest": "concierge.requests.write",
    "Mutation.assignConciergeRequest": "concierge.requests.write",
    "Mutation.setConciergeRequestStatus": "concierge.requests.write",
    "Mutation.rescheduleConciergeRequest": "concierge.requests.write",
    "Mutation.resolveConciergeComplaint": "concierge.complaints.resolve",
    "Mutation.createConciergeResource": "concierge.resources.write",
    "Mutation.updateConciergeResource": "concierge.resources.write",
    "Mutation.bookConciergeService": "concierge.bookings.write",
    "Mutation.setConciergeBookingStatus": "concierge.bookings.write",
    "Mutation.createConciergeEvent": "concierge.events.write",
    "Mutation.updateConciergeEvent": "concierge.events.write",
    "Mutation.cancelConciergeEvent": "concierge.events.write",
    "Mutation.addConciergeAttendee": "concierge.events.write",
    "Mutation.setConciergeRsvp": "concierge.events.write",
    "Mutation.removeConciergeAttendee": "concierge.events.write",
    "Mutation.createConciergeRecommendation": "concierge.recommendations.write",
    "Mutation.updateConciergeRecommendation": "concierge.recommendations.write",
    "Mutation.removeConciergeRecommendation": "concierge.recommendations.write",
    "Mutation.setConciergeRecommendationActive": "concierge.recommendations.write",
    "Mutation.recordConciergeRecommendationGiven": "concierge.recommendations.write",
}
EXTENSION_PERMISSIONS = {
    "Stay.conciergeRequests": "concierge.requests.read",
    "Room.openRequests": "concierge.requests.read",
    "Guest.recommendationsGiven": "concierge.recommendations.read",
}

# Which request, event... an id names, so one hotel's concierge cannot reach another's.
SCOPED_ARGUMENTS = {
    "requestId": RequestRow,
    "eventId": ConciergeEvent,
    "resourceId": ConciergeResource,
    "bookingId": ConciergeBooking,
    "recommendationId": ConciergeRecommendation,
    "attendeeId": ConciergeAttendee.event.property,
    "Query.conciergeRequest.id": RequestRow,
    "Query.conciergeEvent.id": ConciergeEvent,
}


def contribution() -> GraphQLContribution:
    return GraphQLContribution(
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
        field_permissions={**QUERY_PERMISSIONS, **MUTATION_PERMISSIONS, **EXTENSION_PERMISSIONS},
        scoped_arguments=dict(SCOPED_ARGUMENTS),
        # concierge.request_changed (requests.record) goes live to who may read requests
        event_permissions={"concierge": "concierge.requests.read"},
    )
