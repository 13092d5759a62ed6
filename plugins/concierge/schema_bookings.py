"""Service bookings in GraphQL: resources, their per-slot availability, and bookings."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

import strawberry
from strawberry.types import Info

from frontdesk.api import DomainError, paginate
from frontdesk.api.graphql import (
    Connection,
    Guest,
    Money,
    Stay,
    UserError,
    connection,
    decode_id,
    maybe_id,
    money,
    optional_money,
    secure_field,
    service_mutation,
)
from frontdesk.api.tables import Guest as GuestRow
from frontdesk.api.tables import Property as PropertyRow
from frontdesk.api.tables import Stay as StayRow

from . import bookings as service
from .common import aware
from .schema_requests import page_size
from .schema_types import load
from .tables import ConciergeBooking as BookingRow
from .tables import ConciergeResource as ResourceRow


@strawberry.enum
class ConciergeService(enum.Enum):
    SPA = "spa"
    RESTAURANT = "restaurant"
    TOUR = "tour"
    TRANSFER = "transfer"
    OTHER = "other"


@strawberry.enum
class ConciergeBookingStatus(enum.Enum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


@strawberry.type(description="Something bookable in slots: persons per slot is its capacity.")
class ConciergeResource:
    id: strawberry.ID
    name: str
    capacity: int
    slot_minutes: int
    active: bool

    @strawberry.field(description="Price of a booking, in the property's currency.")
    async def price(self, info: Info) -> Money | None:
        if self.price is None:
            return None
        prop = await info.context.loaders.by_id(PropertyRow).load(self.property)
        return money(self.price, prop.currency)

    @strawberry.field
    def service(self) -> ConciergeService:
        return ConciergeService(self.service)


@strawberry.type
class ConciergeBooking:
    id: strawberry.ID
    party_size: int
    currency: str | None
    notes: str

    @strawberry.field
    def price(self) -> Money | None:
        return optional_money(self.price, self.currency)

    @strawberry.field
    def status(self) -> ConciergeBookingStatus:
        return ConciergeBookingStatus(self.status)

    @strawberry.field
    def starts_at(self) -> datetime:
        return aware(self.starts_at)

    @strawberry.field
    def ends_at(self) -> datetime:
        return aware(self.ends_at)

    @strawberry.field(description="True once the price reached the stay's folio.")
    def charged(self) -> bool:
        return self.charge_reference is not None

    @strawberry.field
    async def resource(self, info: Info) -> ConciergeResource:
        return await load(info, ResourceRow, self.resource)

    @strawberry.field
    async def stay(self, info: Info) -> Stay | None:
        return await load(info, StayRow, self.stay)

    @strawberry.field
    async def guest(self, info: Info) -> Guest | None:
        return await load(info, GuestRow, self.guest)


@strawberry.type
class ConciergeSlot:
    starts_at: datetime
    ends_at: datetime
    capacity: int
    taken: int
    free: int


@strawberry.type
class ConciergeAvailabilityResult:
    slots: list[ConciergeSlot]
    errors: list[UserError]


@strawberry.type
class ConciergeBookingQuery:
    @secure_field(permission="concierge.bookings.read")
    async def concierge_resources(
        self,
        info: Info,
        property_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ConciergeResource]:
        pid = maybe_id(property_id)
        condition = ResourceRow.property == (pid or -1)
        return connection(
            await paginate(ResourceRow, condition, first=page_size(info, first), after=after)
        )

    @secure_field(permission="concierge.bookings.read")
    async def concierge_bookings(
        self,
        info: Info,
        property_id: strawberry.ID,
        resource_id: strawberry.ID | None = None,
        stay_id: strawberry.ID | None = None,
        status: ConciergeBookingStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ConciergeBooking]:
        condition = BookingRow.property == (maybe_id(property_id) or -1)
        if resource_id is not None:
            condition &= BookingRow.resource == (maybe_id(resource_id) or -1)
        if stay_id is not None:
            condition &= BookingRow.stay == (maybe_id(stay_id) or -1)
        if status is not None:
            condition &= BookingRow.status == status.value
        return connection(
            await paginate(BookingRow, condition, first=page_size(info, first), after=after)
        )

    @secure_field(
        permission="concierge.bookings.read",
        description="Places taken and free per slot of [startsAt, endsAt).",
    )
    async def concierge_availability(
        self, resource_id: strawberry.ID, starts_at: datetime, ends_at: datetime
    ) -> ConciergeAvailabilityResult:
        try:
            slots = await service.availability(
                resource_id=decode_id(resource_id, "resourceId"),
                starts_at=starts_at,
                ends_at=ends_at,
            )
        except DomainError as error:
            return ConciergeAvailabilityResult(slots=[], errors=[UserError.from_domain(error)])
        return ConciergeAvailabilityResult(
            slots=[
                ConciergeSlot(
                    starts_at=s.starts_at,
                    ends_at=s.ends_at,
                    capacity=s.capacity,
                    taken=s.taken,
                    free=s.free,
                )
                for s in slots
            ],
            errors=[],
        )


@strawberry.input
class CreateConciergeResourceInput:
    property_id: strawberry.ID
    name: str
    service: ConciergeService
    capacity: int
    slot_minutes: int = 60
    price: Decimal | None = None


@strawberry.input(description="What to change; a field left out keeps its value.")
class UpdateConciergeResourceInput:
    resource_id: strawberry.ID
    name: str | None = None
    service: ConciergeService | None = None
    capacity: int | None = strawberry.field(
        default=None, description="Never below the persons booked into a slot from now on."
    )
    price: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="For new bookings; null clears it."
    )
    active: bool | None = strawberry.field(
        default=None, description="false stops new bookings; existing ones stay."
    )


@strawberry.type
class ConciergeResourcePayload:
    resource: ConciergeResource | None
    errors: list[UserError]


@strawberry.input
class BookConciergeServiceInput:
    resource_id: strawberry.ID
    starts_at: datetime
    ends_at: datetime | None = None
    party_size: int = 1
    stay_id: strawberry.ID | None = None
    guest_id: strawberry.ID | None = None
    price: Decimal | None = None
    notes: str = ""
    confirm: bool = False


@strawberry.input
class SetConciergeBookingStatusInput:
    booking_id: strawberry.ID
    status: ConciergeBookingStatus


@strawberry.type
class ConciergeBookingPayload:
    booking: ConciergeBooking | None
    errors: list[UserError]


@strawberry.type
class ConciergeBookingMutation:
    create_concierge_resource = service_mutation(
        service.create_resource,
        ConciergeResourcePayload,
        "resource",
        input=CreateConciergeResourceInput,
        permission="concierge.resources.write",
    )
    # ``price`` left out is not passed, so the service's default (KEEP) keeps it.
    update_concierge_resource = service_mutation(
        service.update_resource,
        ConciergeResourcePayload,
        "resource",
        input=UpdateConciergeResourceInput,
        permission="concierge.resources.write",
    )
    book_concierge_service = service_mutation(
        service.book_service,
        ConciergeBookingPayload,
        "booking",
        input=BookConciergeServiceInput,
        permission="concierge.bookings.write",
    )
    set_concierge_booking_status = service_mutation(
        service.set_booking_status,
        ConciergeBookingPayload,
        "booking",
        input=SetConciergeBookingStatusInput,
        permission="concierge.bookings.write",
    )
