"""The channels plugin's part of the GraphQL schema: export feeds, imported calendars and
their conflicts, sync on demand, and the direct-booking settings. Managers and admins set
channels up; the front desk may read them (conflicts are theirs to resolve)."""

from __future__ import annotations

import strawberry

from frontdesk.api.graphql import GraphQLContribution, maybe_id, secure_field

from . import service
from .schema_mutations import ChannelsMutation
from .schema_types import (
    ChannelsCalendarSource,
    ChannelsDirectBooking,
    ChannelsFeed,
    ChannelsReservation,
)
from .tables import ChannelsCalendarSource as SourceRow
from .tables import ChannelsFeedToken as FeedRow
from .tables import ChannelsReservation as ReservationRow


@strawberry.type
class ChannelsQuery:
    @secure_field(
        permission="channels.read",
        description="The property's export feeds, revoked ones included.",
    )
    async def channels_feeds(self, property_id: strawberry.ID) -> list[ChannelsFeed]:
        key = maybe_id(property_id)
        rows = [] if key is None else await FeedRow.objects().where(FeedRow.property == key)
        return [ChannelsFeed.of(row) for row in rows]

    @secure_field(
        permission="channels.read",
        description="External calendars imported into the property's rooms.",
    )
    async def channels_calendars(self, property_id: strawberry.ID) -> list[ChannelsCalendarSource]:
        key = maybe_id(property_id)
        rows = (
            []
            if key is None
            else await SourceRow.objects().where(SourceRow.property == key).order_by(SourceRow.id)
        )
        return [ChannelsCalendarSource.of(row) for row in rows]

    @secure_field(
        permission="channels.read",
        description="Channel reservations in conflict with stays, to resolve.",
    )
    async def channels_conflicts(self, property_id: strawberry.ID) -> list[ChannelsReservation]:
        key = maybe_id(property_id)
        if key is None:
            return []
        rows = (
            await ReservationRow.objects()
            .where((ReservationRow.property == key) & (ReservationRow.status == "conflict"))
            .order_by(ReservationRow.arrival)
        )
        return [ChannelsReservation.of(row) for row in rows]

    @secure_field(
        permission="channels.read",
        description="Whether the website may book, and from which origins.",
    )
    async def channels_direct_booking(self, property_id: strawberry.ID) -> ChannelsDirectBooking:
        row = await service.direct_settings(maybe_id(property_id) or 0)
        return ChannelsDirectBooking(
            property_id=property_id,
            enabled=bool(row.enabled),
            allowed_origins=[o for o in row.allowed_origins.split(",") if o],
        )


def contribution() -> GraphQLContribution:
    return GraphQLContribution(
        queries=[ChannelsQuery],
        mutations=[ChannelsMutation],
    )
