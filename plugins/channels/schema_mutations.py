"""Mutations of the channels plugin: one ``input`` each, a payload with ``errors``."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from frontdesk.api import DomainError, InvalidInput
from frontdesk.api.graphql import (
    UserError,
    decode_id,
    decode_optional_id,
    run_mutation,
    secure_mutation,
)

from . import service, sync
from .schema_types import ChannelsCalendarSource, ChannelsDirectBooking, ChannelsFeed
from .tables import ChannelsCalendarSource as SourceRow
from .tables import ChannelsFeedToken as FeedRow


def _actor(info: Info) -> str | None:
    return info.context.actor


@strawberry.input
class ChannelsCreateFeedInput:
    property_id: strawberry.ID
    room_id: strawberry.ID | None = None
    room_type_id: strawberry.ID | None = None
    label: str = ""


@strawberry.type
class ChannelsCreateFeedPayload:
    feed: ChannelsFeed | None
    url: str | None = strawberry.field(
        description="The feed's secret path (append it to the server's address); shown once."
    )
    errors: list[UserError]


@strawberry.input
class ChannelsRevokeFeedInput:
    feed_id: strawberry.ID


@strawberry.type
class ChannelsRevokeFeedPayload:
    feed: ChannelsFeed | None
    errors: list[UserError]


@strawberry.input
class ChannelsAddCalendarInput:
    room_id: strawberry.ID
    url: str
    label: str = ""


@strawberry.type
class ChannelsAddCalendarPayload:
    calendar: ChannelsCalendarSource | None
    errors: list[UserError]


@strawberry.input
class ChannelsRemoveCalendarInput:
    source_id: strawberry.ID


@strawberry.type
class ChannelsRemoveCalendarPayload:
    removed_id: strawberry.ID | None
    errors: list[UserError]


@strawberry.input
class ChannelsSyncNowInput:
    source_id: strawberry.ID | None = None
    property_id: strawberry.ID | None = None


@strawberry.type
class ChannelsSyncResult:
    held: int = strawberry.field(description="Reservations without a guest now holding rooms.")
    booked: int = strawberry.field(description="Reservations with a guest booked as stays.")
    modified: int = strawberry.field(description="Stays changed as their channel changed them.")
    cancelled: int = strawberry.field(description="Stays cancelled by their channel.")
    released: int
    conflicts: int
    unchanged: int


@strawberry.type
class ChannelsSyncNowPayload:
    result: ChannelsSyncResult | None
    errors: list[UserError]


@strawberry.input
class ChannelsConfigureDirectBookingInput:
    property_id: strawberry.ID
    enabled: bool
    allowed_origins: list[str] = strawberry.field(default_factory=list)


@strawberry.type
class ChannelsConfigureDirectBookingPayload:
    direct_booking: ChannelsDirectBooking | None
    errors: list[UserError]


@strawberry.type
class ChannelsMutation:
    @secure_mutation(
        permission="channels.manage",
        description="A secret .ics URL of a room's or room type's closed nights.",
    )
    async def channels_create_feed(
        self, info: Info, input: ChannelsCreateFeedInput
    ) -> ChannelsCreateFeedPayload:
        try:
            row, token = await service.create_feed_token(
                property_id=decode_id(input.property_id, "propertyId"),
                room_id=decode_optional_id(input.room_id, "roomId"),
                room_type_id=decode_optional_id(input.room_type_id, "roomTypeId"),
                label=input.label,
                actor=_actor(info),
            )
        except DomainError as error:
            return ChannelsCreateFeedPayload(
                feed=None, url=None, errors=[UserError.from_domain(error)]
            )
        return ChannelsCreateFeedPayload(
            feed=ChannelsFeed.of(row), url=service.feed_path(token), errors=[]
        )

    @secure_mutation(
        permission="channels.manage",
        scopes={"feedId": FeedRow},
        description="Revoke a feed: its URL answers 404 from now on.",
    )
    async def channels_revoke_feed(
        self, input: ChannelsRevokeFeedInput
    ) -> ChannelsRevokeFeedPayload:
        async def action():
            return ChannelsFeed.of(
                await service.revoke_feed_token(decode_id(input.feed_id, "feedId"))
            )

        return await run_mutation(ChannelsRevokeFeedPayload, "feed", action)

    @secure_mutation(
        permission="channels.manage", description="Import an external .ics calendar into a room."
    )
    async def channels_add_calendar(
        self, input: ChannelsAddCalendarInput
    ) -> ChannelsAddCalendarPayload:
        async def action():
            row = await service.add_source(
                room_id=decode_id(input.room_id, "roomId"), url=input.url, label=input.label
            )
            return ChannelsCalendarSource.of(row)

        return await run_mutation(ChannelsAddCalendarPayload, "calendar", action)

    @secure_mutation(
        permission="channels.manage",
        scopes={"sourceId": SourceRow},
        description="Stop importing a calendar; its nights go back on sale.",
    )
    async def channels_remove_calendar(
        self, input: ChannelsRemoveCalendarInput
    ) -> ChannelsRemoveCalendarPayload:
        async def action():
            removed = await service.remove_source(decode_id(input.source_id, "sourceId"))
            return strawberry.ID(str(removed))

        return await run_mutation(ChannelsRemoveCalendarPayload, "removed_id", action)

    @secure_mutation(
        permission="channels.manage",
        scopes={"sourceId": SourceRow},
        description="Sync one calendar (sourceId) or a property now.",
    )
    async def channels_sync_now(
        self, info: Info, input: ChannelsSyncNowInput
    ) -> ChannelsSyncNowPayload:
        async def action():
            if (input.source_id is None) == (input.property_id is None):
                raise InvalidInput("Give exactly one of sourceId and propertyId.", field="sourceId")
            if input.source_id is not None:
                source = await service.get_source(decode_id(input.source_id, "sourceId"))
                result = await sync.sync_source(source, actor=_actor(info))
            else:
                result = await sync.sync_property(
                    decode_id(input.property_id, "propertyId"), actor=_actor(info)
                )
            return ChannelsSyncResult(
                held=result.held,
                booked=result.booked,
                modified=result.modified,
                cancelled=result.cancelled,
                released=result.released,
                conflicts=result.conflicts,
                unchanged=result.unchanged,
            )

        return await run_mutation(ChannelsSyncNowPayload, "result", action)

    @secure_mutation(
        permission="channels.manage",
        description="Let the hotel's website book directly, from its origins.",
    )
    async def channels_configure_direct_booking(
        self, input: ChannelsConfigureDirectBookingInput
    ) -> ChannelsConfigureDirectBookingPayload:
        async def action():
            row = await service.configure_direct(
                property_id=decode_id(input.property_id, "propertyId"),
                enabled=input.enabled,
                allowed_origins=input.allowed_origins,
            )
            return ChannelsDirectBooking(
                property_id=input.property_id,
                enabled=bool(row.enabled),
                allowed_origins=[o for o in row.allowed_origins.split(",") if o],
            )

        return await run_mutation(ChannelsConfigureDirectBookingPayload, "direct_booking", action)
