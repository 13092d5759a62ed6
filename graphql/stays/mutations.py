"""Mutations of stays: booking, changes, cancellation, check-in and out, room moves and
no-shows, each a mapping of its input to core's stay service (common/mutations.py)."""

from __future__ import annotations

from datetime import date

import strawberry

from frontdesk.core.stays import service as stays

from ..common.errors import UserError
from ..common.mutations import service_mutation
from .types import Stay, StaySource


@strawberry.input
class BookStayInput:
    property_id: strawberry.ID
    room_type_id: strawberry.ID
    guest_id: strawberry.ID
    arrival: date
    departure: date
    adults: int = 1
    children: int = 0
    additional_guest_ids: list[strawberry.ID] | None = None
    room_id: strawberry.ID | None = None
    source: StaySource = StaySource.DESK
    notes: str = ""
    porter_requested: bool = False
    booking_reference: str | None = strawberry.field(
        default=None, description="Join a group: stays booked together share a reference."
    )
    rate_plan_id: strawberry.ID | None = strawberry.field(
        default=None, description="Sell on this rate plan; the stay keeps the nightly prices."
    )
    business_travel: bool = strawberry.field(
        default=False, description="Business travel (may be exempt from city tax)."
    )


@strawberry.input
class ModifyStayInput:
    stay_id: strawberry.ID
    arrival: date | None = None
    departure: date | None = None
    room_type_id: strawberry.ID | None = None
    adults: int | None = None
    children: int | None = None
    notes: str | None = None
    porter_requested: bool | None = None
    additional_guest_ids: list[strawberry.ID] | None = None


@strawberry.input
class CancelStayInput:
    stay_id: strawberry.ID
    reason: str | None = None


@strawberry.input
class CheckInInput:
    stay_id: strawberry.ID
    room_id: strawberry.ID | None = None


@strawberry.input
class CheckOutInput:
    stay_id: strawberry.ID


@strawberry.input
class MarkNoShowInput:
    stay_id: strawberry.ID


@strawberry.input
class MoveRoomInput:
    stay_id: strawberry.ID
    room_id: strawberry.ID
    reason: str | None = None


@strawberry.type
class StayPayload:
    stay: Stay | None
    errors: list[UserError]


@strawberry.type
class StayMutation:
    book_stay = service_mutation(
        stays.book_stay, StayPayload, "stay", input=BookStayInput, permission="stays.write"
    )
    modify_stay = service_mutation(
        stays.modify_stay, StayPayload, "stay", input=ModifyStayInput, permission="stays.write"
    )
    cancel_stay = service_mutation(
        stays.cancel_stay, StayPayload, "stay", input=CancelStayInput, permission="stays.write"
    )
    check_in = service_mutation(
        stays.check_in, StayPayload, "stay", input=CheckInInput, permission="stays.write"
    )
    check_out = service_mutation(
        stays.check_out, StayPayload, "stay", input=CheckOutInput, permission="stays.write"
    )
    move_room = service_mutation(
        stays.move_room, StayPayload, "stay", input=MoveRoomInput, permission="stays.write"
    )
    mark_no_show = service_mutation(
        stays.mark_no_show, StayPayload, "stay", input=MarkNoShowInput, permission="stays.write"
    )
