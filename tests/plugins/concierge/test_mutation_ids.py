"""An unreadable id in any concierge mutation is the client's mistake, named by the
input field's GraphQL name, and nothing is called: the names clients relied on before the
mutations were declared with ``service_mutation`` (issue #18)."""

from __future__ import annotations

T = "2026-11-23T10:00:00+00:00"
# mutation: (its result field, the rest of a valid-looking input, its id fields)
MUTATIONS = {
    "createConciergeEvent": (
        "event",
        {"name": "Wine", "startsAt": T, "endsAt": T, "capacity": 5},
        ["propertyId"],
    ),
    "updateConciergeEvent": ("event", {}, ["eventId"]),
    "cancelConciergeEvent": ("event", {"reason": "rain"}, ["eventId"]),
    "addConciergeAttendee": ("attendee", {}, ["eventId", "stayId", "guestId"]),
    "setConciergeRsvp": ("attendee", {"rsvp": "DECLINED"}, ["attendeeId"]),
    "removeConciergeAttendee": ("event", {}, ["attendeeId"]),
    "createConciergeRequest": (
        "request",
        {"type": "OTHER"},
        ["propertyId", "stayId", "guestId", "roomId", "eventId"],
    ),
    "assignConciergeRequest": ("request", {"assignee": "Ann"}, ["requestId"]),
    "setConciergeRequestStatus": ("request", {"status": "DONE"}, ["requestId"]),
    "rescheduleConciergeRequest": ("request", {}, ["requestId"]),
    "resolveConciergeComplaint": ("request", {"resolutionNote": "Sorry"}, ["requestId"]),
    "createConciergeResource": (
        "resource",
        {"name": "Spa", "service": "SPA", "capacity": 2},
        ["propertyId"],
    ),
    "updateConciergeResource": ("resource", {}, ["resourceId"]),
    "bookConciergeService": ("booking", {"startsAt": T}, ["resourceId", "stayId", "guestId"]),
    "setConciergeBookingStatus": ("booking", {"status": "CONFIRMED"}, ["bookingId"]),
    "createConciergeRecommendation": (
        "recommendation",
        {"name": "Bar", "category": "NIGHTLIFE", "descriptions": []},
        ["propertyId"],
    ),
    "updateConciergeRecommendation": ("recommendation", {}, ["recommendationId"]),
    "removeConciergeRecommendation": ("recommendation", {}, ["recommendationId"]),
    "setConciergeRecommendationActive": ("recommendation", {"active": True}, ["recommendationId"]),
    "recordConciergeRecommendationGiven": (
        "recommendation",
        {},
        ["recommendationId", "stayId"],
    ),
}


async def test_an_unreadable_id_is_named_by_its_graphql_field(gql):
    refusals = {}
    for name, (result, rest, ids) in MUTATIONS.items():
        result = "given { id }" if name == "recordConciergeRecommendationGiven" else result
        selection = result if "{" in result else f"{result} {{ id }}"
        for bad in ids:
            # The other ids are readable (and unknown): only ``bad`` can be refused here.
            input = {**rest, **{field: "1" for field in ids}, bad: "not-an-id"}
            payload = await gql.mutate(name, input, selection)
            refusals[name, bad] = [(e["field"], e["message"]) for e in payload["errors"]]
    assert refusals == {
        (name, bad): [(bad, f"{bad} is not a valid id.")]
        for name, (_, _, ids) in MUTATIONS.items()
        for bad in ids
    }
