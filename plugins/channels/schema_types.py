"""GraphQL types of the channels plugin (names prefixed ``Channels``)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from frontdesk.api.graphql import secure_field

from .tables import ChannelsCalendarSource as SourceRow
from .tables import ChannelsFeedToken as FeedRow
from .tables import ChannelsReservation as ReservationRow
from .tables import ChannelsSyncRun as RunRow


@strawberry.type
class ChannelsFeed:
    id: strawberry.ID
    property_id: strawberry.ID
    room_id: strawberry.ID | None
    room_type_id: strawberry.ID | None
    label: str
    hint: str = strawberry.field(description="The token's first characters, to tell feeds apart.")
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: FeedRow) -> ChannelsFeed:
        return cls(
            id=strawberry.ID(str(row.id)),
            property_id=strawberry.ID(str(row.property)),
            room_id=None if row.room is None else strawberry.ID(str(row.room)),
            room_type_id=None if row.room_type is None else strawberry.ID(str(row.room_type)),
            label=row.label,
            hint=row.hint,
            created_at=row.created_at,
            revoked_at=row.revoked_at,
        )


@strawberry.type
class ChannelsReservation:
    """A reservation a channel sent: held (its room's nights are taken off sale), booked (a
    reservation with a guest, as stay ``stayId``), in conflict (``message``, the stays in the
    way in ``conflictStayIds``; retried at every sync) or released."""

    id: strawberry.ID
    channel: str
    external_id: str
    room_id: strawberry.ID | None
    room_type_id: strawberry.ID | None
    stay_id: strawberry.ID | None
    arrival: date
    departure: date
    summary: str
    status: str
    conflict_stay_ids: list[strawberry.ID]
    message: str

    @classmethod
    def of(cls, row: ReservationRow) -> ChannelsReservation:
        stays = [strawberry.ID(s) for s in row.conflict_stays.split(",") if s]
        return cls(
            id=strawberry.ID(str(row.id)),
            channel=row.channel,
            external_id=row.external_id,
            room_id=None if row.room is None else strawberry.ID(str(row.room)),
            room_type_id=None if row.room_type is None else strawberry.ID(str(row.room_type)),
            stay_id=None if row.stay is None else strawberry.ID(str(row.stay)),
            arrival=row.arrival,
            departure=row.departure,
            summary=row.summary,
            status=row.status,
            conflict_stay_ids=stays,
            message=row.message,
        )


@strawberry.type
class ChannelsSyncRun:
    started_at: datetime
    outcome: str = strawberry.field(description="synced, not_modified or failed.")
    http_status: int | None
    events: int
    held: int
    released: int
    conflicts: int
    error: str | None


@strawberry.type
class ChannelsCalendarSource:
    id: strawberry.ID
    room_id: strawberry.ID
    url: str | None = secure_field(
        permission="channels.manage",
        description="The site's export URL (a secret: managers only).",
    )
    label: str
    last_synced_at: datetime | None
    last_outcome: str | None
    last_error: str | None

    @strawberry.field(description="Reservations of this calendar, released ones left out.")
    async def reservations(self) -> list[ChannelsReservation]:
        rows = (
            await ReservationRow.objects()
            .where((ReservationRow.source == int(self.id)) & (ReservationRow.status != "released"))
            .order_by(ReservationRow.arrival)
        )
        return [ChannelsReservation.of(row) for row in rows]

    @strawberry.field(description="Reservations that could not hold their room.")
    async def conflicts(self) -> list[ChannelsReservation]:
        return [r for r in await self.reservations() if r.status == "conflict"]

    @strawberry.field(description="The latest syncs, newest first.")
    async def runs(self, first: int = 10) -> list[ChannelsSyncRun]:
        rows = (
            await RunRow.objects()
            .where(RunRow.source == int(self.id))
            .order_by(RunRow.id, ascending=False)
            .limit(max(1, min(first, 100)))
        )
        return [
            ChannelsSyncRun(
                started_at=r.started_at,
                outcome=r.outcome,
                http_status=r.http_status,
                events=r.events,
                held=r.held,
                released=r.released,
                conflicts=r.conflicts,
                error=r.error,
            )
            for r in rows
        ]

    @classmethod
    def of(cls, row: SourceRow) -> ChannelsCalendarSource:
        return cls(
            id=strawberry.ID(str(row.id)),
            room_id=strawberry.ID(str(row.room)),
            url=row.url,
            label=row.label,
            last_synced_at=row.last_synced_at,
            last_outcome=row.last_outcome,
            last_error=row.last_error,
        )


@strawberry.type
class ChannelsDirectBooking:
    property_id: strawberry.ID
    enabled: bool
    allowed_origins: list[str]
