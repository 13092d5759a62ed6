"""Mutations of guest profiles: ``createGuest`` (which also answers with possible
duplicates) and ``updateGuest`` (fields left out stay as they are)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from frontdesk.core.errors import DomainError
from frontdesk.core.guests import service as guests

from ..common.contributions import secure_mutation
from ..common.errors import UserError, decode_id, run_mutation
from ..properties.mutations import AddressInput
from .types import Guest

UNSET = strawberry.UNSET


def _given(**values):
    """Only the fields the client actually sent (UNSET ones are left alone)."""
    return {k: v for k, v in values.items() if v is not UNSET}


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


@strawberry.type
class GuestMutation:
    @secure_mutation(permission="guests.write")
    async def create_guest(self, info: Info, input: CreateGuestInput) -> CreateGuestPayload:
        async def action():
            guest, duplicates = await guests.create_guest(
                property_id=decode_id(input.property_id, "propertyId"),
                actor=info.context.actor,
                **_profile(input),
            )
            return CreateGuestPayload(guest=guest, possible_duplicates=duplicates, errors=[])

        try:
            return await action()
        except DomainError as error:
            return CreateGuestPayload(
                guest=None, possible_duplicates=[], errors=UserError.all_from_domain(error)
            )

    @secure_mutation(permission="guests.write")
    async def update_guest(self, info: Info, input: UpdateGuestInput) -> GuestPayload:
        return await run_mutation(
            GuestPayload,
            "guest",
            lambda: guests.update_guest(
                guest_id=decode_id(input.guest_id, "guestId"),
                actor=info.context.actor,
                **_profile(input),
            ),
        )
