"""Group events in GraphQL: the list, one event, and attendee mutations."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from frontdesk.api import paginate
from frontdesk.api.graphql import (
    Connection,
    UserError,
    connection,
    maybe_id,
    secure_field,
    service_mutation,
)

from . import group_events as service
from .schema_requests import page_size
from .schema_types import ConciergeAttendee, ConciergeEvent, ConciergeRsvp
from .tables import ConciergeEvent as EventRow


@strawberry.type
class ConciergeEventQuery:
    @secure_field(
        permission="concierge.events.read",
        description="Events of a property, optionally those ending after a time.",
    )
    async def concierge_events(
        self,
        info: Info,
        property_id: strawberry.ID,
        ending_after: datetime | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ConciergeEvent]:
        condition = EventRow.property == (maybe_id(property_id) or -1)
        if ending_after is not None and ending_after.tzinfo is not None:
            condition &= EventRow.ends_at > ending_after
        return connection(
            await paginate(EventRow, condition, first=page_size(info, first), after=after)
        )

    @secure_field(permission="concierge.events.read", scopes={"id": EventRow})
    async def concierge_event(self, info: Info, id: strawberry.ID) -> ConciergeEvent | None:
        key = maybe_id(id)
        if key is None:
            return None
        return await info.context.loaders.by_id(EventRow, namespace="concierge").load(key)


@strawberry.input
class CreateConciergeEventInput:
    property_id: strawberry.ID
    name: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    venue: str = ""
    description: str = ""


@strawberry.input(description="What to change; a field left out keeps its value.")
class UpdateConciergeEventInput:
    event_id: strawberry.ID
    name: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue: str | None = None
    capacity: int | None = strawberry.field(
        default=None, description="Never below the places taken."
    )
    description: str | None = None


@strawberry.input
class CancelConciergeEventInput:
    event_id: strawberry.ID
    reason: str


@strawberry.type
class ConciergeEventPayload:
    event: ConciergeEvent | None
    errors: list[UserError]


@strawberry.input
class AddConciergeAttendeeInput:
    event_id: strawberry.ID
    stay_id: strawberry.ID | None = None
    guest_id: strawberry.ID | None = None
    rsvp: ConciergeRsvp = ConciergeRsvp.INVITED


@strawberry.input
class SetConciergeRsvpInput:
    attendee_id: strawberry.ID
    rsvp: ConciergeRsvp


@strawberry.input
class RemoveConciergeAttendeeInput:
    attendee_id: strawberry.ID


@strawberry.type
class ConciergeAttendeePayload:
    attendee: ConciergeAttendee | None
    errors: list[UserError]


@strawberry.type
class ConciergeEventMutation:
    create_concierge_event = service_mutation(
        service.create_event,
        ConciergeEventPayload,
        "event",
        input=CreateConciergeEventInput,
        permission="concierge.events.write",
    )
    update_concierge_event = service_mutation(
        service.update_event,
        ConciergeEventPayload,
        "event",
        input=UpdateConciergeEventInput,
        permission="concierge.events.write",
    )
    cancel_concierge_event = service_mutation(
        service.cancel_event,
        ConciergeEventPayload,
        "event",
        input=CancelConciergeEventInput,
        permission="concierge.events.write",
        description="Call an event off: attendees and open preparation tasks are cancelled.",
    )
    add_concierge_attendee = service_mutation(
        service.add_attendee,
        ConciergeAttendeePayload,
        "attendee",
        input=AddConciergeAttendeeInput,
        permission="concierge.events.write",
    )
    set_concierge_rsvp = service_mutation(
        service.set_rsvp,
        ConciergeAttendeePayload,
        "attendee",
        input=SetConciergeRsvpInput,
        permission="concierge.events.write",
    )
    remove_concierge_attendee = service_mutation(
        service.remove_attendee,
        ConciergeEventPayload,
        "event",
        input=RemoveConciergeAttendeeInput,
        permission="concierge.events.write",
    )
