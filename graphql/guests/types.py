"""GraphQL types of guest profiles. The fields holding personal data declare ``PII``
(``guests.pii.read``): a caller without it sees them null."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from frontdesk.core.properties.tables import Property as PropertyRow

from ..common.contributions import secure_field
from ..properties.types import Address, Property

#: The permission personal data needs besides ``guests.read`` (also the folios' registration
#: card of a stay).
PII = "guests.pii.read"


@strawberry.type
class IdentityDocument:
    type: str | None
    number: str | None


@strawberry.type
class Guest:
    id: strawberry.ID
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    nationality: str | None
    language: str | None
    vip: bool
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @secure_field(permission=PII)
    def address(self) -> Address | None:
        return Address(
            line=self.address_line,
            city=self.city,
            postal_code=self.postal_code,
            country=self.country,
        )

    @secure_field(permission=PII)
    def date_of_birth(self) -> date | None:
        return self.date_of_birth

    @secure_field(permission=PII)
    def identity_document(self) -> IdentityDocument | None:
        if not (self.id_document_type or self.id_document_number):
            return None
        return IdentityDocument(type=self.id_document_type, number=self.id_document_number)

    @secure_field(permission=PII)
    def notes(self) -> str | None:
        return self.notes

    @strawberry.field
    async def property(self, info: Info) -> Property:
        return await info.context.loaders.by_id(PropertyRow).load(self.property)
