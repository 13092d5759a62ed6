"""Core mutations: one ``input`` each, a payload with the result and ``errors``."""

from __future__ import annotations

from datetime import date, time

import strawberry
from strawberry.types import Info

from frontdesk.core.errors import DomainError
from frontdesk.core.guests import service as guests
from frontdesk.core.properties import service as properties
from frontdesk.core.stays import service as stays

from ..common.errors import UserError, decode_id, decode_optional_id, run_mutation
from .types import Guest, HousekeepingStatus, Property, Room, RoomType, Stay, StaySource

UNSET = strawberry.UNSET


def _actor(info: Info) -> str | None:
    return info.context.actor


def _given(**values):
    """Only the fields the client actually sent (UNSET ones are left alone)."""
    return {k: v for k, v in values.items() if v is not UNSET}


# --- properties, room types, rooms ---------------------------------------------------------


@strawberry.input
class CreatePropertyInput:
    code: str
    name: str
    timezone: str = "UTC"
    currency: str = "EUR"
    check_in_time: time = time(15, 0)
    check_out_time: time = time(11, 0)
    business_date: date | None = None


@strawberry.type
class CreatePropertyPayload:
    property: Property | None
    errors: list[UserError]


@strawberry.input
class CreateRoomTypeInput:
    property_id: strawberry.ID
    code: str
    name: str
    max_occupancy: int = 2
    description: str = ""


@strawberry.type
class CreateRoomTypePayload:
    room_type: RoomType | None
    errors: list[UserError]


@strawberry.input
class CreateRoomInput:
    property_id: strawberry.ID
    room_type_id: strawberry.ID
    number: str
    floor: int | None = None
    features: list[str] | None = None


@strawberry.input
class UpdateRoomInput:
    room_id: strawberry.ID
    number: str | None = UNSET
    floor: int | None = UNSET
    room_type_id: strawberry.ID | None = UNSET
    features: list[str] | None = UNSET
    active: bool | None = UNSET


@strawberry.input
class SetRoomStatusInput:
    room_id: strawberry.ID
    status: HousekeepingStatus
    reason: str | None = None
    out_of_order_from: date | None = None
    out_of_order_until: date | None = None


@strawberry.type
class RoomPayload:
    room: Room | None
    errors: list[UserError]


# --- guests --------------------------------------------------------------------------------


@strawberry.input
class AddressInput:
    line: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None


@strawberry.input
class IdentityDocumentInput:
    type: str
    number: str


@strawberry.input
class CreateGuestInput:
    property_id: strawberry.ID
    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    address: AddressInput | None = None
    nationality: str | None = None
    language: str | None = None
    date_of_birth: date | None = None
    identity_document: IdentityDocumentInput | None = None
    vip: bool = False
    notes: str = ""


@strawberry.input
class UpdateGuestInput:
    guest_id: strawberry.ID
    first_name: str | None = UNSET
    last_name: str | None = UNSET
    email: str | None = UNSET
    phone: str | None = UNSET
    address: AddressInput | None = UNSET
    nationality: str | None = UNSET
    language: str | None = UNSET
    date_of_birth: date | None = UNSET
    identity_document: IdentityDocumentInput | None = UNSET
    vip: bool | None = UNSET
    notes: str | None = UNSET


@strawberry.type
class CreateGuestPayload:
    guest: Guest | None
    possible_duplicates: list[Guest] = strawberry.field(
        description="Existing guests with the same email, phone or full name."
    )
    errors: list[UserError]


@strawberry.type
class GuestPayload:
    guest: Guest | None
    errors: list[UserError]


def _profile(data) -> dict:
    values = _given(
        first_name=data.first_name,
        last_name=data.last_name,
        email=data.email,
        phone=data.phone,
        nationality=data.nationality,
        language=data.language,
        date_of_birth=data.date_of_birth,
        vip=data.vip,
        notes=data.notes,
    )
    if data.address is not UNSET:
        address = data.address or AddressInput()
        values.update(
            address_line=address.line,
            city=address.city,
            postal_code=address.postal_code,
            country=address.country,
        )
    if data.identity_document is not UNSET:
        document = data.identity_document
        values.update(
            id_document_type=document.type if document else None,
            id_document_number=document.number if document else None,
        )
    for key in ("first_name", "last_name"):
        if key in values and values[key] is None:
            values[key] = ""
    if values.get("notes") is None and "notes" in values:
        values["notes"] = ""
    return values


# --- stays ---------------------------------------------------------------------------------


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


def _ids(values, field: str) -> list[int] | None:
    if values is None:
        return None
    return [decode_id(v, field) for v in values]


@strawberry.type
class CoreMutation:
    @strawberry.mutation
    async def create_property(self, input: CreatePropertyInput) -> CreatePropertyPayload:
        return await run_mutation(
            CreatePropertyPayload,
            "property",
            lambda: properties.create_property(
                code=input.code,
                name=input.name,
                timezone=input.timezone,
                currency=input.currency,
                check_in_time=input.check_in_time,
                check_out_time=input.check_out_time,
                business_date=input.business_date,
            ),
        )

    @strawberry.mutation
    async def create_room_type(self, input: CreateRoomTypeInput) -> CreateRoomTypePayload:
        return await run_mutation(
            CreateRoomTypePayload,
            "room_type",
            lambda: properties.create_room_type(
                property_id=decode_id(input.property_id, "propertyId"),
                code=input.code,
                name=input.name,
                max_occupancy=input.max_occupancy,
                description=input.description,
            ),
        )

    @strawberry.mutation
    async def create_room(self, input: CreateRoomInput) -> RoomPayload:
        return await run_mutation(
            RoomPayload,
            "room",
            lambda: properties.create_room(
                property_id=decode_id(input.property_id, "propertyId"),
                room_type_id=decode_id(input.room_type_id, "roomTypeId"),
                number=input.number,
                floor=input.floor,
                features=input.features,
            ),
        )

    @strawberry.mutation
    async def update_room(self, input: UpdateRoomInput) -> RoomPayload:
        async def action():
            values = _given(
                number=input.number,
                floor=input.floor,
                features=input.features,
                active=input.active,
            )
            if input.room_type_id not in (UNSET, None):
                values["room_type_id"] = decode_id(input.room_type_id, "roomTypeId")
            values = {k: v for k, v in values.items() if v is not None}
            return await properties.update_room(
                room_id=decode_id(input.room_id, "roomId"), **values
            )

        return await run_mutation(RoomPayload, "room", action)

    @strawberry.mutation
    async def set_room_status(self, info: Info, input: SetRoomStatusInput) -> RoomPayload:
        return await run_mutation(
            RoomPayload,
            "room",
            lambda: properties.set_room_status(
                room_id=decode_id(input.room_id, "roomId"),
                status=input.status.value,
                reason=input.reason,
                out_of_order_from=input.out_of_order_from,
                out_of_order_until=input.out_of_order_until,
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def create_guest(self, info: Info, input: CreateGuestInput) -> CreateGuestPayload:
        async def action():
            guest, duplicates = await guests.create_guest(
                property_id=decode_id(input.property_id, "propertyId"),
                actor=_actor(info),
                **_profile(input),
            )
            return CreateGuestPayload(guest=guest, possible_duplicates=duplicates, errors=[])

        try:
            return await action()
        except DomainError as error:
            return CreateGuestPayload(
                guest=None, possible_duplicates=[], errors=UserError.all_from_domain(error)
            )

    @strawberry.mutation
    async def update_guest(self, info: Info, input: UpdateGuestInput) -> GuestPayload:
        return await run_mutation(
            GuestPayload,
            "guest",
            lambda: guests.update_guest(
                guest_id=decode_id(input.guest_id, "guestId"), actor=_actor(info), **_profile(input)
            ),
        )

    @strawberry.mutation
    async def book_stay(self, info: Info, input: BookStayInput) -> StayPayload:
        return await run_mutation(
            StayPayload,
            "stay",
            lambda: stays.book_stay(
                property_id=decode_id(input.property_id, "propertyId"),
                room_type_id=decode_id(input.room_type_id, "roomTypeId"),
                guest_id=decode_id(input.guest_id, "guestId"),
                arrival=input.arrival,
                departure=input.departure,
                adults=input.adults,
                children=input.children,
                additional_guest_ids=_ids(input.additional_guest_ids, "additionalGuestIds"),
                room_id=decode_optional_id(input.room_id, "roomId"),
                source=input.source.value,
                notes=input.notes,
                porter_requested=input.porter_requested,
                booking_reference=input.booking_reference,
                rate_plan_id=decode_optional_id(input.rate_plan_id, "ratePlanId"),
                business_travel=input.business_travel,
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def modify_stay(self, info: Info, input: ModifyStayInput) -> StayPayload:
        return await run_mutation(
            StayPayload,
            "stay",
            lambda: stays.modify_stay(
                stay_id=decode_id(input.stay_id, "stayId"),
                arrival=input.arrival,
                departure=input.departure,
                room_type_id=decode_optional_id(input.room_type_id, "roomTypeId"),
                adults=input.adults,
                children=input.children,
                notes=input.notes,
                porter_requested=input.porter_requested,
                additional_guest_ids=_ids(input.additional_guest_ids, "additionalGuestIds"),
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def cancel_stay(self, info: Info, input: CancelStayInput) -> StayPayload:
        return await run_mutation(
            StayPayload,
            "stay",
            lambda: stays.cancel_stay(
                stay_id=decode_id(input.stay_id, "stayId"), reason=input.reason, actor=_actor(info)
            ),
        )

    @strawberry.mutation
    async def check_in(self, info: Info, input: CheckInInput) -> StayPayload:
        return await run_mutation(
            StayPayload,
            "stay",
            lambda: stays.check_in(
                stay_id=decode_id(input.stay_id, "stayId"),
                room_id=decode_optional_id(input.room_id, "roomId"),
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def check_out(self, info: Info, input: CheckOutInput) -> StayPayload:
        return await run_mutation(
            StayPayload,
            "stay",
            lambda: stays.check_out(stay_id=decode_id(input.stay_id, "stayId"), actor=_actor(info)),
        )

    @strawberry.mutation
    async def move_room(self, info: Info, input: MoveRoomInput) -> StayPayload:
        return await run_mutation(
            StayPayload,
            "stay",
            lambda: stays.move_room(
                stay_id=decode_id(input.stay_id, "stayId"),
                room_id=decode_id(input.room_id, "roomId"),
                reason=input.reason,
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def mark_no_show(self, info: Info, input: MarkNoShowInput) -> StayPayload:
        return await run_mutation(
            StayPayload,
            "stay",
            lambda: stays.mark_no_show(
                stay_id=decode_id(input.stay_id, "stayId"), actor=_actor(info)
            ),
        )
