"""Mutations of properties, room types and rooms: one ``input`` each, a payload with the
result and ``errors``."""

from __future__ import annotations

from datetime import date, time

import strawberry

from frontdesk.core.properties import service as properties
from frontdesk.core.properties import updates

from ..common.contributions import secure_mutation
from ..common.errors import UserError, decode_id, run_mutation
from ..common.mutations import service_arguments, service_mutation
from .types import HousekeepingStatus, Property, Room, RoomType

UNSET = strawberry.UNSET


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


# A property's postal address; guests' profiles take the same input.
@strawberry.input
class AddressInput:
    line: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None


@strawberry.type
class PropertyMutation:
    create_property = service_mutation(
        properties.create_property,
        CreatePropertyPayload,
        "property",
        input=CreatePropertyInput,
        actor=False,
        permission="properties.write",
    )
    create_room_type = service_mutation(
        properties.create_room_type,
        CreateRoomTypePayload,
        "room_type",
        input=CreateRoomTypeInput,
        actor=False,
        permission="properties.write",
    )
    create_room = service_mutation(
        properties.create_room,
        RoomPayload,
        "room",
        input=CreateRoomInput,
        actor=False,
        permission="properties.write",
    )

    @secure_mutation(permission="properties.write")
    async def update_room(self, input: UpdateRoomInput) -> RoomPayload:
        async def action():
            values = service_arguments(input)
            # null, like a field left out, leaves the detail as it is
            values = {key: value for key, value in values.items() if value is not None}
            return await properties.update_room(**values)

        return await run_mutation(RoomPayload, "room", action)

    set_room_status = service_mutation(
        properties.set_room_status,
        RoomPayload,
        "room",
        input=SetRoomStatusInput,
        permission="rooms.status.write",
    )


@strawberry.input
class UpdatePropertyInput:
    property_id: strawberry.ID
    name: str | None = UNSET
    legal_name: str | None = strawberry.field(
        default=UNSET, description="The seller's name on invoices, e.g. 'Adler Hotel GmbH'."
    )
    timezone: str | None = UNSET
    check_in_time: time | None = UNSET
    check_out_time: time | None = UNSET
    address: AddressInput | None = UNSET
    vat_number: str | None = UNSET
    phone: str | None = UNSET
    email: str | None = UNSET


@strawberry.type
class UpdatePropertyPayload:
    property: Property | None
    errors: list[UserError]


@strawberry.input
class UpdateRoomTypeInput:
    room_type_id: strawberry.ID
    code: str | None = UNSET
    name: str | None = UNSET
    max_occupancy: int | None = UNSET
    description: str | None = UNSET


@strawberry.type
class UpdateRoomTypePayload:
    room_type: RoomType | None
    errors: list[UserError]


def _property_values(data: UpdatePropertyInput) -> dict:
    """The fields the client sent, as core's column names."""
    values = {
        key: getattr(data, key)
        for key in (
            "name",
            "legal_name",
            "timezone",
            "check_in_time",
            "check_out_time",
            "vat_number",
            "phone",
            "email",
        )
        if getattr(data, key) is not UNSET
    }
    for key in ("name", "timezone", "check_in_time", "check_out_time"):
        if key in values and values[key] is None:
            values.pop(key)  # required details cannot be cleared; null leaves them as they are
    if data.address is not UNSET:
        address = data.address or AddressInput()
        values.update(
            address_line=address.line,
            city=address.city,
            postal_code=address.postal_code,
            country=address.country,
        )
    return values


@strawberry.type
class PropertyUpdateMutation:
    """``updateProperty`` and ``updateRoomType``: change what was set at creation. Fields
    left out of the input stay as they are; ``null`` clears an optional one."""

    @secure_mutation(
        permission="properties.write",
        description="Change a property's details (those sent; null clears).",
    )
    async def update_property(self, input: UpdatePropertyInput) -> UpdatePropertyPayload:
        async def action():
            return await updates.update_property(
                property_id=decode_id(input.property_id, "propertyId"), **_property_values(input)
            )

        return await run_mutation(UpdatePropertyPayload, "property", action)

    update_room_type = service_mutation(
        updates.update_room_type,
        UpdateRoomTypePayload,
        "room_type",
        input=UpdateRoomTypeInput,
        actor=False,
        description="Change a room type's code, name, occupancy or description.",
        permission="properties.write",
    )
