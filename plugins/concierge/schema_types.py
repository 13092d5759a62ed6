"""GraphQL types of the concierge (prefixed Concierge…). Resolvers receive Piccolo rows as
``self``; related rows load through the request's DataLoaders."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry
from strawberry.types import Info

from frontdesk.api.graphql import Guest, Money, Room, Stay, optional_money
from frontdesk.api.tables import Guest as GuestRow
from frontdesk.api.tables import Room as RoomRow
from frontdesk.api.tables import Stay as StayRow

from . import requests as request_service
from .common import aware
from .tables import ConciergeAttendee as AttendeeRow
from .tables import ConciergeEvent as EventRow
from .tables import ConciergeRequest as RequestRow
from .tables import ConciergeRequestChange as ChangeRow

NS = "concierge"


@strawberry.enum
class ConciergeRequestType(enum.Enum):
    LUGGAGE = "luggage"
    WAKE_UP_CALL = "wake_up_call"
    TRANSFER = "transfer"
    RESTAURANT_BOOKING = "restaurant_booking"
    HOUSEKEEPING_EXTRA = "housekeeping_extra"
    MAINTENANCE = "maintenance"
    INFORMATION = "information"
    COMPLAINT = "complaint"
    OTHER = "other"


@strawberry.enum
class ConciergeRequestStatus(enum.Enum):
    OPEN = "open"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


@strawberry.enum
class ConciergePriority(enum.Enum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


@strawberry.enum
class ConciergeDepartment(enum.Enum):
    FRONT_OFFICE = "front_office"
    CONCIERGE = "concierge"
    HOUSEKEEPING = "housekeeping"
    MAINTENANCE = "maintenance"
    FOOD_BEVERAGE = "food_beverage"
    GUEST_RELATIONS = "guest_relations"
    TRANSPORT = "transport"


@strawberry.enum
class ConciergeRsvp(enum.Enum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    TENTATIVE = "tentative"
    DECLINED = "declined"
    CANCELLED = "cancelled"


async def load(info: Info, table, key: int | None):
    if key is None:
        return None
    namespace = NS if table._meta.tablename.startswith("concierge_") else "core"
    return await info.context.loaders.by_id(table, namespace=namespace).load(key)


@strawberry.type(description="One timestamped change of a request and who made it.")
class ConciergeRequestChange:
    id: strawberry.ID
    kind: str
    actor: str | None
    note: str

    @strawberry.field
    def at(self) -> datetime:
        return aware(self.at)

    @strawberry.field
    def from_status(self) -> ConciergeRequestStatus | None:
        return ConciergeRequestStatus(self.from_status) if self.from_status else None

    @strawberry.field
    def to_status(self) -> ConciergeRequestStatus | None:
        return ConciergeRequestStatus(self.to_status) if self.to_status else None


@strawberry.type(description="A guest request or an internal task.")
class ConciergeRequest:
    id: strawberry.ID
    description: str
    assignee: str | None
    origin: str
    resolution_note: str | None
    goodwill_currency: str | None
    created_by: str | None

    @strawberry.field(description="The goodwill credit posted when the complaint was resolved.")
    def goodwill_amount(self) -> Money | None:
        return optional_money(self.goodwill_amount, self.goodwill_currency)

    @strawberry.field
    def type(self) -> ConciergeRequestType:
        return ConciergeRequestType(self.type)

    @strawberry.field
    def status(self) -> ConciergeRequestStatus:
        return ConciergeRequestStatus(self.status)

    @strawberry.field
    def priority(self) -> ConciergePriority:
        return ConciergePriority(self.priority)

    @strawberry.field
    def department(self) -> ConciergeDepartment | None:
        return ConciergeDepartment(self.department) if self.department else None

    @strawberry.field
    def due_at(self) -> datetime | None:
        return aware(self.due_at)

    @strawberry.field(description="The due time or the type's response target, the earlier.")
    def deadline_at(self) -> datetime | None:
        return aware(self.deadline_at)

    @strawberry.field(description="Still open and past its deadline.")
    def overdue(self) -> bool:
        return request_service.is_overdue(self)

    @strawberry.field
    def created_at(self) -> datetime:
        return aware(self.created_at)

    @strawberry.field
    def closed_at(self) -> datetime | None:
        return aware(self.closed_at)

    @strawberry.field
    async def stay(self, info: Info) -> Stay | None:
        return await load(info, StayRow, self.stay)

    @strawberry.field
    async def guest(self, info: Info) -> Guest | None:
        return await load(info, GuestRow, self.guest)

    @strawberry.field
    async def room(self, info: Info) -> Room | None:
        return await load(info, RoomRow, self.room)

    @strawberry.field
    async def event(self, info: Info) -> ConciergeEvent | None:
        return await load(info, EventRow, self.event)

    @strawberry.field(description="Every change, oldest first.")
    async def history(self, info: Info) -> list[ConciergeRequestChange]:
        return await info.context.loaders.many_by(ChangeRow, "request", namespace=NS).load(self.id)


@strawberry.type
class ConciergeAttendee:
    id: strawberry.ID

    @strawberry.field
    def rsvp(self) -> ConciergeRsvp:
        return ConciergeRsvp(self.rsvp)

    @strawberry.field(description="True while the attendee holds one of the event's places.")
    def holds_place(self) -> bool:
        return self.seat_no is not None

    @strawberry.field
    async def guest(self, info: Info) -> Guest | None:
        return await load(info, GuestRow, self.guest)

    @strawberry.field
    async def stay(self, info: Info) -> Stay | None:
        return await load(info, StayRow, self.stay)


@strawberry.type(description="A group event with its attendees and preparation tasks.")
class ConciergeEvent:
    id: strawberry.ID
    name: str
    venue: str
    capacity: int
    description: str
    status: str

    @strawberry.field
    def starts_at(self) -> datetime:
        return aware(self.starts_at)

    @strawberry.field
    def ends_at(self) -> datetime:
        return aware(self.ends_at)

    @strawberry.field
    async def attendees(self, info: Info) -> list[ConciergeAttendee]:
        return await info.context.loaders.many_by(AttendeeRow, "event", namespace=NS).load(self.id)

    @strawberry.field(description="Places taken by attendees who have not declined.")
    async def places_taken(self, info: Info) -> int:
        rows = await info.context.loaders.many_by(AttendeeRow, "event", namespace=NS).load(self.id)
        return sum(1 for row in rows if row.seat_no is not None)

    @strawberry.field(description="Requests created to prepare the event.")
    async def tasks(self, info: Info) -> list[ConciergeRequest]:
        return await info.context.loaders.many_by(RequestRow, "event", namespace=NS).load(self.id)
