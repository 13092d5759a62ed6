"""Recommendations in GraphQL: search, catalogue mutations, and what a guest was told."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry
from strawberry.types import Info

from frontdesk.api import DomainError, InvalidInput
from frontdesk.api.graphql import (
    Connection,
    Stay,
    UserError,
    connection,
    decode_id,
    maybe_id,
    run_mutation,
    secure_field,
    secure_mutation,
)
from frontdesk.api.tables import Stay as StayRow

from . import recommendations as service
from .common import KEEP, aware
from .schema_requests import page_size
from .schema_types import NS, load
from .tables import ConciergeRecommendation as RecommendationRow
from .tables import ConciergeRecommendationGiven as GivenRow
from .tables import ConciergeRecommendationTag as TagRow
from .tables import ConciergeRecommendationText as TextRow


@strawberry.enum
class ConciergeCategory(enum.Enum):
    RESTAURANT = "restaurant"
    MUSEUM = "museum"
    TOUR = "tour"
    NIGHTLIFE = "nightlife"
    SHOPPING = "shopping"
    TRANSPORT = "transport"
    EVENT = "event"


@strawberry.type
class ConciergeDescription:
    language: str
    text: str


@strawberry.type(description="Open on day (0 = Monday) from opens to closes (local, HH:MM).")
class ConciergeOpeningHours:
    day: int
    opens: str
    closes: str


@strawberry.type(description="A local place or experience the desk recommends.")
class ConciergeRecommendation:
    id: strawberry.ID
    name: str
    address: str
    price_level: int | None
    booking_contact: str
    active: bool

    @strawberry.field
    def category(self) -> ConciergeCategory:
        return ConciergeCategory(self.category)

    @strawberry.field
    def opening_hours(self) -> list[ConciergeOpeningHours]:
        return [ConciergeOpeningHours(**period) for period in service.hours_of(self)]

    @strawberry.field
    async def tags(self, info: Info) -> list[str]:
        rows = await info.context.loaders.many_by(TagRow, "recommendation", namespace=NS).load(
            self.id
        )
        return sorted(row.tag for row in rows)

    @strawberry.field
    async def descriptions(self, info: Info) -> list[ConciergeDescription]:
        rows = await info.context.loaders.many_by(TextRow, "recommendation", namespace=NS).load(
            self.id
        )
        return [ConciergeDescription(language=r.language, text=r.description) for r in rows]


@strawberry.type(description="A recommendation the desk gave to a stay's guest.")
class ConciergeRecommendationGiven:
    id: strawberry.ID
    given_by: str | None
    note: str

    @strawberry.field
    def given_at(self) -> datetime:
        return aware(self.given_at)

    @strawberry.field
    async def recommendation(self, info: Info) -> ConciergeRecommendation | None:
        return await load(info, RecommendationRow, self.recommendation)

    @strawberry.field
    async def stay(self, info: Info) -> Stay | None:
        return await load(info, StayRow, self.stay)


@strawberry.type
class ConciergeRecommendationQuery:
    @secure_field(
        permission="concierge.recommendations.read",
        description="Search the catalogue; all filters combine.",
    )
    async def concierge_recommendations(
        self,
        info: Info,
        property_id: strawberry.ID,
        category: ConciergeCategory | None = None,
        tag: str | None = None,
        language: str | None = None,
        open_now: bool | None = None,
        include_inactive: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ConciergeRecommendation]:
        pid = maybe_id(property_id)
        page = await service.search(
            property_id=pid or -1,
            category=category.value if category else None,
            tag=tag,
            language=language,
            open_now=open_now if pid else None,
            include_inactive=include_inactive,
            first=page_size(info, first),
            after=after,
        )
        return connection(page)


@strawberry.input
class ConciergeDescriptionInput:
    language: str
    text: str


@strawberry.input
class ConciergeOpeningHoursInput:
    day: int
    opens: str
    closes: str


@strawberry.input
class CreateConciergeRecommendationInput:
    property_id: strawberry.ID
    name: str
    category: ConciergeCategory
    descriptions: list[ConciergeDescriptionInput]
    address: str = ""
    opening_hours: list[ConciergeOpeningHoursInput] | None = None
    price_level: int | None = None
    tags: list[str] | None = None
    booking_contact: str = ""


@strawberry.input(description="What to change; a field left out keeps its value.")
class UpdateConciergeRecommendationInput:
    recommendation_id: strawberry.ID
    name: str | None = None
    category: ConciergeCategory | None = None
    descriptions: list[ConciergeDescriptionInput] | None = strawberry.field(
        default=None, description="Replaces every description."
    )
    address: str | None = None
    opening_hours: list[ConciergeOpeningHoursInput] | None = strawberry.field(
        default=None, description="Replaces every opening period."
    )
    price_level: int | None = strawberry.field(
        default=strawberry.UNSET, description="null clears it."
    )
    tags: list[str] | None = strawberry.field(default=None, description="Replaces every tag.")
    booking_contact: str | None = None


@strawberry.input
class RemoveConciergeRecommendationInput:
    recommendation_id: strawberry.ID


@strawberry.type
class RemoveConciergeRecommendationPayload:
    recommendation: ConciergeRecommendation | None = strawberry.field(
        description="The recommendation, deactivated, when a stay was given it."
    )
    deleted: bool = strawberry.field(description="True when it was deleted for good.")
    errors: list[UserError]


@strawberry.input
class SetConciergeRecommendationActiveInput:
    recommendation_id: strawberry.ID
    active: bool


@strawberry.input
class RecordConciergeRecommendationGivenInput:
    recommendation_id: strawberry.ID
    stay_id: strawberry.ID
    note: str = ""


@strawberry.type
class ConciergeRecommendationPayload:
    recommendation: ConciergeRecommendation | None
    errors: list[UserError]


@strawberry.type
class RecordConciergeRecommendationGivenPayload:
    given: ConciergeRecommendationGiven | None
    errors: list[UserError]


def _descriptions(items: list[ConciergeDescriptionInput]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for item in items[: service.MAX_LANGUAGES + 1]:
        if item.language in texts:
            raise InvalidInput(f"Language {item.language} given twice.", field="descriptions")
        texts[item.language] = item.text
    return texts


@strawberry.type
class ConciergeRecommendationMutation:
    @secure_mutation(permission="concierge.recommendations.write")
    async def create_concierge_recommendation(
        self, info: Info, input: CreateConciergeRecommendationInput
    ) -> ConciergeRecommendationPayload:
        return await run_mutation(
            ConciergeRecommendationPayload,
            "recommendation",
            lambda: service.create_recommendation(
                property_id=decode_id(input.property_id, "propertyId"),
                name=input.name,
                category=input.category.value,
                descriptions=_descriptions(input.descriptions),
                address=input.address,
                opening_hours=[
                    service.OpeningHours(day=h.day, opens=h.opens, closes=h.closes)
                    for h in (input.opening_hours or [])
                ],
                price_level=input.price_level,
                tags=input.tags,
                booking_contact=input.booking_contact,
                actor=info.context.actor,
            ),
        )

    @secure_mutation(permission="concierge.recommendations.write")
    async def update_concierge_recommendation(
        self, info: Info, input: UpdateConciergeRecommendationInput
    ) -> ConciergeRecommendationPayload:
        return await run_mutation(
            ConciergeRecommendationPayload,
            "recommendation",
            lambda: service.update_recommendation(
                recommendation_id=decode_id(input.recommendation_id, "recommendationId"),
                name=input.name,
                category=input.category.value if input.category else None,
                descriptions=None
                if input.descriptions is None
                else _descriptions(input.descriptions),
                address=input.address,
                opening_hours=None
                if input.opening_hours is None
                else [
                    service.OpeningHours(day=h.day, opens=h.opens, closes=h.closes)
                    for h in input.opening_hours
                ],
                price_level=KEEP if input.price_level is strawberry.UNSET else input.price_level,
                tags=input.tags,
                booking_contact=input.booking_contact,
                actor=info.context.actor,
            ),
        )

    @secure_mutation(
        permission="concierge.recommendations.write",
        description="Delete a recommendation never given to a stay; deactivate one that was.",
    )
    async def remove_concierge_recommendation(
        self, info: Info, input: RemoveConciergeRecommendationInput
    ) -> RemoveConciergeRecommendationPayload:
        try:
            kept = await service.remove_recommendation(
                recommendation_id=decode_id(input.recommendation_id, "recommendationId"),
                actor=info.context.actor,
            )
        except DomainError as error:
            return RemoveConciergeRecommendationPayload(
                recommendation=None, deleted=False, errors=[UserError.from_domain(error)]
            )
        return RemoveConciergeRecommendationPayload(
            recommendation=kept, deleted=kept is None, errors=[]
        )

    @secure_mutation(permission="concierge.recommendations.write")
    async def set_concierge_recommendation_active(
        self, info: Info, input: SetConciergeRecommendationActiveInput
    ) -> ConciergeRecommendationPayload:
        return await run_mutation(
            ConciergeRecommendationPayload,
            "recommendation",
            lambda: service.set_active(
                recommendation_id=decode_id(input.recommendation_id, "recommendationId"),
                active=input.active,
                actor=info.context.actor,
            ),
        )

    @secure_mutation(permission="concierge.recommendations.write")
    async def record_concierge_recommendation_given(
        self, info: Info, input: RecordConciergeRecommendationGivenInput
    ) -> RecordConciergeRecommendationGivenPayload:
        return await run_mutation(
            RecordConciergeRecommendationGivenPayload,
            "given",
            lambda: service.record_given(
                recommendation_id=decode_id(input.recommendation_id, "recommendationId"),
                stay_id=decode_id(input.stay_id, "stayId"),
                note=input.note,
                actor=info.context.actor,
            ),
        )


@strawberry.type
class GuestConciergeFields:
    @secure_field(
        permission="concierge.recommendations.read",
        description="Recommendations the desk gave this guest, oldest first.",
    )
    async def recommendations_given(self, info: Info) -> list[ConciergeRecommendationGiven]:
        return await info.context.loaders.many_by(GivenRow, "guest", namespace=NS).load(self.id)
