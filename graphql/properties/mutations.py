"""``updateProperty`` and ``updateRoomType``: change what was set at creation. Fields left
out of the input stay as they are; ``null`` clears an optional one."""

from __future__ import annotations

from datetime import time

import strawberry

from frontdesk.core.properties import updates

from ..common.errors import UserError, decode_id, run_mutation
from ..stays.mutations import AddressInput
from ..stays.types import Property, RoomType

UNSET = strawberry.UNSET


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


def _given(value):
    return None if value is UNSET else value


@strawberry.type
class PropertyMutation:
    @strawberry.mutation(description="Change a property's details (those sent; null clears).")
    async def update_property(self, input: UpdatePropertyInput) -> UpdatePropertyPayload:
        async def action():
            return await updates.update_property(
                property_id=decode_id(input.property_id, "propertyId"), **_property_values(input)
            )

        return await run_mutation(UpdatePropertyPayload, "property", action)

    @strawberry.mutation(description="Change a room type's code, name, occupancy or description.")
    async def update_room_type(self, input: UpdateRoomTypeInput) -> UpdateRoomTypePayload:
        async def action():
            return await updates.update_room_type(
                room_type_id=decode_id(input.room_type_id, "roomTypeId"),
                code=_given(input.code),
                name=_given(input.name),
                max_occupancy=_given(input.max_occupancy),
                description=_given(input.description),
            )

        return await run_mutation(UpdateRoomTypePayload, "room_type", action)
