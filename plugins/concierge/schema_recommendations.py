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
    secure_field,
    secure_mutation,
    service_mutation,
)
from frontdesk.api.tables import Stay as StayRow

from . import recommendations as service
from .common import aware
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


def _opening_hours(
    items: list[ConciergeOpeningHoursInput] | None,
) -> list[service.OpeningHours] | None:
    """The service's periods; None (left out on update) keeps the recorded ones."""
    if items is None:
        return None
    return [service.OpeningHours(day=h.day, opens=h.opens, closes=h.closes) for h in items]


@strawberry.type
class ConciergeRecommendationMutation:
    create_concierge_recommendation = service_mutation(
        service.create_recommendation,
        ConciergeRecommendationPayload,
        "recommendation",
        input=CreateConciergeRecommendationInput,
        permission="concierge.recommendations.write",
        convert={
            "descriptions": _descriptions,
            "opening_hours": lambda items: _opening_hours(items or []),
        },
    )
    # ``price_level`` left out is not passed, so the service's default (KEEP) keeps it.
    update_concierge_recommendation = service_mutation(
        service.update_recommendation,
        ConciergeRecommendationPayload,
        "recommendation",
        input=UpdateConciergeRecommendationInput,
        permission="concierge.recommendations.write",
        convert={
            "descriptions": lambda items: None if items is None else _descriptions(items),
            "opening_hours": _opening_hours,
        },
    )

    # Written out: the payload says ``deleted`` besides the recommendation, which
    # ``run_mutation``'s one result field cannot fill.
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

    set_concierge_recommendation_active = service_mutation(
        service.set_active,
        ConciergeRecommendationPayload,
        "recommendation",
        input=SetConciergeRecommendationActiveInput,
        permission="concierge.recommendations.write",
    )
    record_concierge_recommendation_given = service_mutation(
        service.record_given,
        RecordConciergeRecommendationGivenPayload,
        "given",
        input=RecordConciergeRecommendationGivenInput,
        permission="concierge.recommendations.write",
    )


@strawberry.type
class GuestConciergeFields:
    @secure_field(
        permission="concierge.recommendations.read",
        description="Recommendations the desk gave this guest, oldest first.",
    )
    async def recommendations_given(self, info: Info) -> list[ConciergeRecommendationGiven]:
        return await info.context.loaders.many_by(GivenRow, "guest", namespace=NS).load(self.id)
