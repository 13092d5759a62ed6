"""The channel connector contract, and how pulled reservations become holds or conflicts.

A connector (``frontdesk_channel_connectors``) pushes availability, rates and restrictions out
and pulls reservations in. Pulled reservations are applied idempotently by (channel, external
id): the same reservation pulled twice changes nothing, changed dates move its hold, a
cancelled one (or, in a complete batch, a missing one) releases its nights. A reservation
whose nights are taken is kept with status ``conflict``, reported through the
``channels.conflict_detected`` event, and tried again on the next pull.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Protocol

from frontdesk.core import events
from frontdesk.core.errors import Conflict
from frontdesk.core.stays import holds
from frontdesk.core.transactions import run_write

from .tables import ChannelsReservation

HOLD_OWNER = "channels"


@dataclass(frozen=True)
class NightOffer:
    """What a channel may sell of a room type on one night."""

    night: date
    available: int
    rate: Decimal | None
    currency: str
    closed: bool = False
    min_stay: int | None = None


@dataclass(frozen=True)
class ChannelUpdate:
    """Availability, rates and restrictions of one room type, pushed to every connector."""

    property_id: int
    room_type_id: int
    room_type_code: str
    nights: list[NightOffer]


@dataclass(frozen=True)
class ChannelReservation:
    """A reservation as a channel reports it. ``external_id`` is the channel's own id (an
    iCal UID); ``cancelled`` releases it."""

    external_id: str
    room_id: int
    arrival: date
    departure: date
    summary: str = ""
    cancelled: bool = False


@dataclass
class ApplyResult:
    """What one batch changed: reservations now held, released, in conflict, untouched."""

    held: int = 0
    released: int = 0
    conflicts: int = 0
    unchanged: int = 0


@dataclass
class ReservationBatch:
    """Reservations pulled from one channel. ``complete``: the batch is everything the
    channel holds (a calendar file), so earlier reservations missing from it are released.
    ``source_id``: the calendar source the batch came from (iCal). ``on_applied``: called
    with the ApplyResult once the batch is applied (a connector saves its sync position
    there, never before: a batch that failed to apply is pulled again)."""

    channel: str
    property_id: int
    reservations: list[ChannelReservation]
    complete: bool = True
    source_id: int | None = None
    on_applied: Callable[[ApplyResult], Awaitable[None]] | None = None


class Connector(Protocol):
    name: str

    async def push(self, update: ChannelUpdate) -> None: ...

    async def pull(self, property_id: int) -> list[ReservationBatch]: ...


def _now() -> datetime:
    return datetime.now(UTC)


async def apply_batch(batch: ReservationBatch, *, actor: str | None = None) -> ApplyResult:
    """Apply a batch: each reservation in a write of its own (one conflict never blocks the
    others), then, for a complete batch, release what the channel no longer lists."""
    result = ApplyResult()
    seen: set[str] = set()
    for reservation in batch.reservations:
        seen.add(reservation.external_id)
        try:
            outcome = await run_write(
                lambda r=reservation: _apply_one(batch, r, actor),
                conflict_message="The room changed while syncing; the next sync tries again.",
            )
        except Conflict:  # a race that outlived the retries: the next pull tries again
            outcome = "conflicts"
        setattr(result, outcome, getattr(result, outcome) + 1)
    if batch.complete:
        known = await ChannelsReservation.select(
            ChannelsReservation.id, ChannelsReservation.external_id
        ).where(
            (ChannelsReservation.channel == batch.channel)
            & (ChannelsReservation.status != "released")
        )
        for row in known:
            if row["external_id"] not in seen:
                await run_write(
                    lambda i=row["id"]: _release(i), conflict_message="Release raced; retried."
                )
                result.released += 1
    if batch.on_applied is not None:
        await batch.on_applied(result)
    return result


async def _find(channel: str, external_id: str) -> ChannelsReservation | None:
    return (
        await ChannelsReservation.objects()
        .where(
            (ChannelsReservation.channel == channel)
            & (ChannelsReservation.external_id == external_id)
        )
        .first()
    )


async def _release(reservation_id: int) -> None:
    row = (
        await ChannelsReservation.objects().where(ChannelsReservation.id == reservation_id).first()
    )
    if row is None or row.status == "released":
        return
    if row.hold is not None:
        await holds.release_hold_in_transaction(row.hold)
    row.status, row.hold, row.conflict_stays, row.updated_at = "released", None, "", _now()
    await row.save()


async def _apply_one(
    batch: ReservationBatch, reservation: ChannelReservation, actor: str | None
) -> str:
    """One reservation in the caller's transaction; returns the ApplyResult counter to bump."""
    row = await _find(batch.channel, reservation.external_id)
    if reservation.cancelled:
        if row is None or row.status == "released":
            return "unchanged"
        await _release(row.id)
        return "released"
    same = row is not None and (row.room, row.arrival, row.departure) == (
        reservation.room_id,
        reservation.arrival,
        reservation.departure,
    )
    if same and row.status == "held":
        return "unchanged"
    if row is None:
        row = ChannelsReservation(
            channel=batch.channel,
            external_id=reservation.external_id,
            property=batch.property_id,
            source=batch.source_id,
        )
    elif row.hold is not None:
        await holds.release_hold_in_transaction(row.hold)
        row.hold = None
    row.room, row.arrival, row.departure = (
        reservation.room_id,
        reservation.arrival,
        reservation.departure,
    )
    row.summary, row.updated_at = reservation.summary[:255], _now()
    return await _hold_or_report(row, actor)


async def _hold_or_report(row: ChannelsReservation, actor: str | None) -> str:
    try:
        hold = await holds.place_hold_in_transaction(
            room_id=row.room,
            arrival=row.arrival,
            departure=row.departure,
            owner=HOLD_OWNER,
            reference=f"{row.channel}:{row.external_id}",
            note=row.summary,
        )
    except holds.HoldConflict as conflict:
        was_conflict = row.status == "conflict"
        row.status, row.hold, row.message = "conflict", None, conflict.message
        row.conflict_stays = ",".join(map(str, conflict.stay_ids))
        await row.save()
        if not was_conflict:
            await _report(row, conflict.stay_ids, actor)
        return "conflicts"
    row.status, row.hold, row.message, row.conflict_stays = "held", hold.id, "", ""
    await row.save()
    return "held"


async def _report(row: ChannelsReservation, stay_ids: list[int], actor: str | None) -> None:
    await events.emit(
        "frontdesk_channels_conflict_detected",
        "channels.conflict_detected",
        property_id=row.property,
        subject_id=row.id,
        actor=actor,
        data={
            "channel": row.channel,
            "externalId": row.external_id,
            "roomId": row.room,
            "arrival": row.arrival.isoformat(),
            "departure": row.departure.isoformat(),
            "stayIds": stay_ids,
            "message": row.message,
        },
        reservation=row,
        stay_ids=stay_ids,
    )
