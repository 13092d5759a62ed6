"""Requests in GraphQL: the filtered list (overdue first), one request, and the mutations
of the workflow. Queries never raise on bad arguments; mutations report UserErrors."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry
from piccolo.query import OrderByRaw
from strawberry.types import Info

from frontdesk.api import InvalidInput, Page, clamp, counter, decode_cursor, encode_cursor
from frontdesk.api.graphql import (
    Connection,
    UserError,
    connection,
    maybe_id,
    secure_field,
    service_mutation,
)

from . import requests as service
from .common import now
from .schema_types import (
    ConciergeDepartment,
    ConciergePriority,
    ConciergeRequest,
    ConciergeRequestStatus,
    ConciergeRequestType,
)
from .tables import OPEN_STATUSES
from .tables import ConciergeRequest as RequestRow

DEFAULT_PAGE = 50
NO_MATCH = RequestRow.id == -1
# Open before closed, then the earliest deadline: overdue requests lead the list.
URGENCY_ORDER = (
    OrderByRaw("CASE WHEN status IN ('done', 'cancelled') THEN 1 ELSE 0 END"),
    OrderByRaw("CASE WHEN deadline_at IS NULL THEN 1 ELSE 0 END"),
    OrderByRaw("deadline_at"),
    OrderByRaw("id"),
)


def page_size(info: Info, first: int | None) -> int:
    return clamp(first, default=DEFAULT_PAGE, maximum=info.context.settings.max_page_size)


def encode_offset(offset: int) -> str:
    return encode_cursor(offset, "off")


def decode_offset(cursor: str | None) -> int:
    """Where the next page starts (a cursor not of this list is the client's mistake)."""
    offset = decode_cursor(cursor, "off") or 0
    if offset > 10**9:
        raise InvalidInput("after is not a cursor of this list.", field="after")
    return offset


def _and(*parts):
    condition = None
    for part in parts:
        if part is not None:
            condition = part if condition is None else condition & part
    return condition


def overdue_condition(overdue: bool, at: datetime):
    late = RequestRow.status.is_in(list(OPEN_STATUSES)) & (RequestRow.deadline_at < at)
    if overdue:
        return late
    return (
        RequestRow.status.not_in(list(OPEN_STATUSES))
        | RequestRow.deadline_at.is_null()
        | (RequestRow.deadline_at >= at)
    )


def _id_filter(column, value):
    if value is None:
        return None
    key = maybe_id(value)
    return NO_MATCH if key is None else column == key


async def request_page(condition, *, first: int, after: str | None) -> Page:
    offset = decode_offset(after)
    query = RequestRow.objects().order_by(*URGENCY_ORDER).offset(offset).limit(first + 1)
    if condition is not None:
        query = query.where(condition)
    rows = await query
    has_next = len(rows) > first
    rows = rows[:first]
    cursor = encode_offset(offset + len(rows)) if rows else None
    return Page(rows, has_next, cursor, counter(RequestRow, condition))


@strawberry.type
class ConciergeRequestQuery:
    @secure_field(
        permission="concierge.requests.read",
        description="Requests, filtered; open before closed, overdue first.",
    )
    async def concierge_requests(
        self,
        info: Info,
        property_id: strawberry.ID | None = None,
        status: list[ConciergeRequestStatus] | None = None,
        type: ConciergeRequestType | None = None,
        overdue: bool | None = None,
        stay_id: strawberry.ID | None = None,
        room_id: strawberry.ID | None = None,
        event_id: strawberry.ID | None = None,
        assignee: str | None = None,
        department: ConciergeDepartment | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ConciergeRequest]:
        condition = _and(
            _id_filter(RequestRow.property, property_id),
            _id_filter(RequestRow.stay, stay_id),
            _id_filter(RequestRow.room, room_id),
            _id_filter(RequestRow.event, event_id),
            RequestRow.status.is_in([s.value for s in status]) if status else None,
            RequestRow.type == type.value if type else None,
            RequestRow.assignee == assignee[:100] if assignee else None,
            RequestRow.department == department.value if department else None,
            overdue_condition(overdue, now()) if overdue is not None else None,
        )
        return connection(await request_page(condition, first=page_size(info, first), after=after))

    @secure_field(permission="concierge.requests.read", scopes={"id": RequestRow})
    async def concierge_request(self, info: Info, id: strawberry.ID) -> ConciergeRequest | None:
        key = maybe_id(id)
        if key is None:
            return None
        return await info.context.loaders.by_id(RequestRow, namespace="concierge").load(key)


@strawberry.input
class CreateConciergeRequestInput:
    property_id: strawberry.ID
    type: ConciergeRequestType
    description: str = ""
    priority: ConciergePriority = ConciergePriority.NORMAL
    stay_id: strawberry.ID | None = None
    guest_id: strawberry.ID | None = None
    room_id: strawberry.ID | None = None
    event_id: strawberry.ID | None = None
    due_at: datetime | None = None
    department: ConciergeDepartment | None = None
    assignee: str | None = None


@strawberry.input
class AssignConciergeRequestInput:
    request_id: strawberry.ID
    department: ConciergeDepartment | None = None
    assignee: str | None = None


@strawberry.input
class SetConciergeRequestStatusInput:
    request_id: strawberry.ID
    status: ConciergeRequestStatus
    note: str | None = None


@strawberry.input
class RescheduleConciergeRequestInput:
    request_id: strawberry.ID
    due_at: datetime | None = None


@strawberry.input
class ResolveConciergeComplaintInput:
    request_id: strawberry.ID
    resolution_note: str
    goodwill_amount: Decimal | None = None


@strawberry.type
class ConciergeRequestPayload:
    request: ConciergeRequest | None
    errors: list[UserError]


@strawberry.type
class ConciergeRequestMutation:
    create_concierge_request = service_mutation(
        service.create_request,
        ConciergeRequestPayload,
        "request",
        input=CreateConciergeRequestInput,
        permission="concierge.requests.write",
    )
    assign_concierge_request = service_mutation(
        service.assign_request,
        ConciergeRequestPayload,
        "request",
        input=AssignConciergeRequestInput,
        permission="concierge.requests.write",
    )
    set_concierge_request_status = service_mutation(
        service.set_status,
        ConciergeRequestPayload,
        "request",
        input=SetConciergeRequestStatusInput,
        permission="concierge.requests.write",
    )
    reschedule_concierge_request = service_mutation(
        service.reschedule,
        ConciergeRequestPayload,
        "request",
        input=RescheduleConciergeRequestInput,
        permission="concierge.requests.write",
    )
    resolve_concierge_complaint = service_mutation(
        service.resolve_complaint,
        ConciergeRequestPayload,
        "request",
        input=ResolveConciergeComplaintInput,
        permission="concierge.complaints.resolve",
    )
