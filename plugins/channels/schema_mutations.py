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
    service_mutation,
)

from . import service, sync
from .schema_types import ChannelsCalendarSource, ChannelsDirectBooking, ChannelsFeed
from .tables import ChannelsCalendarSource as SourceRow
from .tables import ChannelsDirectSettings as DirectRow
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


def _direct_booking(row: DirectRow) -> ChannelsDirectBooking:
    """The saved settings as the API shows them (the property's id as its canonical text)."""
    return ChannelsDirectBooking(
        property_id=strawberry.ID(str(row.property)),
        enabled=bool(row.enabled),
        allowed_origins=[o for o in row.allowed_origins.split(",") if o],
    )


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

    channels_revoke_feed = service_mutation(
        service.revoke_feed_token,
        ChannelsRevokeFeedPayload,
        "feed",
        input=ChannelsRevokeFeedInput,
        actor=False,
        rename={"feed_id": "token_id"},
        then=ChannelsFeed.of,
        permission="channels.manage",
        scopes={"feedId": FeedRow},
        description="Revoke a feed: its URL answers 404 from now on.",
    )

    channels_add_calendar = service_mutation(
        service.add_source,
        ChannelsAddCalendarPayload,
        "calendar",
        input=ChannelsAddCalendarInput,
        actor=False,
        then=ChannelsCalendarSource.of,
        permission="channels.manage",
        description="Import an external .ics calendar into a room.",
    )

    channels_remove_calendar = service_mutation(
        service.remove_source,
        ChannelsRemoveCalendarPayload,
        "removed_id",
        input=ChannelsRemoveCalendarInput,
        actor=False,
        then=lambda removed: strawberry.ID(str(removed)),
        permission="channels.manage",
        scopes={"sourceId": SourceRow},
        description="Stop importing a calendar; its nights go back on sale.",
    )

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

    channels_configure_direct_booking = service_mutation(
        service.configure_direct,
        ChannelsConfigureDirectBookingPayload,
        "direct_booking",
        input=ChannelsConfigureDirectBookingInput,
        actor=False,
        then=_direct_booking,
        permission="channels.manage",
        description="Let the hotel's website book directly, from its origins.",
    )
