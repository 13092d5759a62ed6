"""GraphQL types of rates: rate plans, tax rates, the city tax rule, base rates and quotes.
Resolvers receive Piccolo rows as ``self``."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from frontdesk.core.money import plain
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.properties.tables import RoomType as RoomTypeRow
from frontdesk.core.rates.service import inclusions_of

from ..common.money import Money, money
from ..properties.types import RoomType

if TYPE_CHECKING:
    from ..folios.sale import StayTax


async def _currency(info: Info, property_id: int) -> str:
    """The currency of a property: rate configuration is priced in it."""
    return (await info.context.loaders.by_id(PropertyRow).load(property_id)).currency


@strawberry.enum
class ChargeCategory(enum.Enum):
    ROOM = "room"
    FOOD_BEVERAGE = "food_beverage"
    MINIBAR = "minibar"
    SPA = "spa"
    CITY_TAX = "city_tax"
    FEE = "fee"
    OTHER = "other"


@strawberry.enum
class AdjustmentKind(enum.Enum):
    PERCENT = "percent"
    AMOUNT = "amount"


@strawberry.enum
class CancellationFeeKind(enum.Enum):
    FIRST_NIGHT = "first_night"
    PERCENT = "percent"


@strawberry.enum
class NoShowFeeKind(enum.Enum):
    NONE = "none"
    FIRST_NIGHT = "first_night"
    PERCENT = "percent"


@strawberry.enum
class CityTaxKind(enum.Enum):
    PER_PERSON_NIGHT = "per_person_night"
    PERCENT_OF_ROOM = "percent_of_room"


@strawberry.enum
class NoShowPolicy(enum.Enum):
    MARK = "mark"
    KEEP = "keep"


@strawberry.type
class RatePlanInclusion:
    name: str
    category: ChargeCategory
    amount: Money = strawberry.field(description="Part of the nightly price, per adult.")


@strawberry.type
class RatePlan:
    id: strawberry.ID
    code: str
    name: str
    cancellation_free_days: int | None
    active: bool

    @strawberry.field
    def adjustment_kind(self) -> AdjustmentKind:
        return AdjustmentKind(self.adjustment_kind)

    @strawberry.field(
        description="Percent (-10 = 10 % off) or an amount added per night, per adjustmentKind "
        "(as a number; adjustmentAmount gives the amount as Money)."
    )
    def adjustment(self) -> Decimal:
        return plain(self.adjustment)

    @strawberry.field(description="The amount added per night when adjustmentKind is AMOUNT.")
    async def adjustment_amount(self, info: Info) -> Money | None:
        if self.adjustment_kind != "amount":
            return None
        return money(self.adjustment, await _currency(info, self.property))

    @strawberry.field
    async def inclusions(self, info: Info) -> list[RatePlanInclusion]:
        found = inclusions_of(self)
        currency = await _currency(info, self.property) if found else ""
        return [
            RatePlanInclusion(
                name=i["name"],
                category=ChargeCategory(i["category"]),
                amount=money(i["amount"], currency),
            )
            for i in found
        ]

    @strawberry.field
    def cancellation_fee_kind(self) -> CancellationFeeKind:
        return CancellationFeeKind(self.cancellation_fee_kind)

    @strawberry.field
    def cancellation_fee_percent(self) -> Decimal:
        return plain(self.cancellation_fee_percent)

    @strawberry.field
    def no_show_fee_kind(self) -> NoShowFeeKind:
        return NoShowFeeKind(self.no_show_fee_kind)

    @strawberry.field
    def no_show_fee_percent(self) -> Decimal:
        return plain(self.no_show_fee_percent)


@strawberry.type
class TaxRate:
    id: strawberry.ID
    name: str

    @strawberry.field
    def category(self) -> ChargeCategory:
        return ChargeCategory(self.category)

    @strawberry.field(description="Percent, e.g. 7 or 19.")
    def rate(self) -> Decimal:
        return plain(self.rate)


@strawberry.type
class CityTaxRule:
    max_nights: int | None
    child_exemption_age: int | None
    business_exempt: bool
    active: bool

    @strawberry.field
    def kind(self) -> CityTaxKind:
        return CityTaxKind(self.kind)

    @strawberry.field(
        description="Per person and night, or percent of the room price, per kind (as a "
        "number; perPersonNight gives the amount as Money)."
    )
    def amount(self) -> Decimal:
        return plain(self.amount)

    @strawberry.field(description="What a liable person pays per night (PER_PERSON_NIGHT).")
    async def per_person_night(self, info: Info) -> Money | None:
        if self.kind != "per_person_night":
            return None
        return money(self.amount, await _currency(info, self.property))


@strawberry.type
class BaseRate:
    @strawberry.field
    async def room_type(self, info: Info) -> RoomType:
        return await info.context.loaders.by_id(RoomTypeRow).load(self.room_type)

    @strawberry.field
    async def amount(self, info: Info) -> Money:
        prop = await info.context.loaders.by_id(PropertyRow).load(self.property)
        return money(Decimal(self.amount), prop.currency)


@strawberry.type
class QuoteNight:
    night: date
    rate: Money = strawberry.field(description="Base or calendar rate of the night.")
    price: Money = strawberry.field(description="The night's price on the rate plan.")


@strawberry.type(
    description="A prospective stay priced night by night, with the taxes it will carry: "
    "the figures Stay.sale shows once it is booked."
)
class Quote:
    currency: str
    total: Money = strawberry.field(
        description="What the guest pays: the nights, VAT not included in them, city tax."
    )
    room_total: Money = strawberry.field(description="The sum of the nightly prices.")
    prices_include_tax: bool
    taxes: list[Annotated[StayTax, strawberry.lazy("frontdesk.graphql.folios.sale")]] = (
        strawberry.field(description="VAT per rate and city tax, as the property sets them up.")
    )
    nights: list[QuoteNight]
    rate_plan: RatePlan | None
