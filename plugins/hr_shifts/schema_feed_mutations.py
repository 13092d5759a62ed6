"""Mutations for a staff member's subscribable calendar URL (calendar_feed.py)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from frontdesk.api import DomainError
from frontdesk.api.graphql import UserError, decode_id, secure_mutation, service_mutation

from . import calendar_feed
from .tables import CalendarFeed


@strawberry.type
class ShiftsCalendarFeed:
    id: strawberry.ID
    staff_id: strawberry.ID
    hint: str
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: CalendarFeed) -> ShiftsCalendarFeed:
        return cls(
            id=strawberry.ID(str(row.id)),
            staff_id=strawberry.ID(str(row.staff)),
            hint=row.hint,
            created_at=row.created_at,
            revoked_at=row.revoked_at,
        )


@strawberry.input
class ShiftsCreateCalendarFeedInput:
    staff_id: strawberry.ID


@strawberry.type
class ShiftsCreateCalendarFeedPayload:
    feed: ShiftsCalendarFeed | None
    url: str | None = strawberry.field(
        description="The secret path of the .ics (append it to the server's address); shown once."
    )
    errors: list[UserError]


@strawberry.input
class ShiftsRevokeCalendarFeedInput:
    feed_id: strawberry.ID


@strawberry.type
class ShiftsRevokeCalendarFeedPayload:
    feed: ShiftsCalendarFeed | None
    errors: list[UserError]


@strawberry.type
class ShiftsFeedMutation:
    # Hand-written: the payload holds two results, the feed and its one-time URL.
    @secure_mutation(
        permission="shifts.published.read",
        description="A secret .ics URL of a person's published shifts.",
    )
    async def shifts_create_calendar_feed(
        self, info: Info, input: ShiftsCreateCalendarFeedInput
    ) -> ShiftsCreateCalendarFeedPayload:
        try:
            row, token = await calendar_feed.create_feed(
                decode_id(input.staff_id, "staffId"), actor=info.context.actor
            )
        except DomainError as error:
            return ShiftsCreateCalendarFeedPayload(
                feed=None, url=None, errors=[UserError.from_domain(error)]
            )
        return ShiftsCreateCalendarFeedPayload(
            feed=ShiftsCalendarFeed.of(row), url=calendar_feed.feed_path(token), errors=[]
        )

    shifts_revoke_calendar_feed = service_mutation(
        calendar_feed.revoke_feed,
        ShiftsRevokeCalendarFeedPayload,
        "feed",
        input=ShiftsRevokeCalendarFeedInput,
        actor=False,
        then=ShiftsCalendarFeed.of,
        permission="shifts.published.read",
        scopes={"feedId": CalendarFeed.staff.property},
        description="Revoke a calendar URL: it answers 404 from now on.",
    )
