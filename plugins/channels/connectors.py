"""The channel connector contract, and how pulled reservations are applied.

A connector (``frontdesk_channel_connectors``) pushes availability, rates and restrictions out
and pulls reservations in. Pulled reservations are applied idempotently by (channel, external
id), a unique key: the same reservation pulled twice changes nothing. A reservation with a
guest (a channel manager's booking) is booked as a stay (channel_stays.py); one without (a
calendar's event) holds its room's nights: changed dates move the hold, a cancelled one (or,
in a complete batch, a missing one) releases its nights. A reservation that cannot have its
room is kept with status ``conflict``, reported through the ``channels.conflict_detected``
event, and tried again on the next pull.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Protocol

from frontdesk.api import (
    Conflict,
    HoldConflict,
    place_hold_in_transaction,
    release_hold_in_transaction,
    run_write,
)

from .channel_stays import apply_booking, cancel_booking
from .reservation_rows import find, mark_conflict, now
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
class ChannelGuest:
    """The guest of a channel's booking; matched to the property's guests by ``email``."""

    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    country: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class ChannelReservation:
    """A reservation as a channel reports it. ``external_id`` is the channel's own id (an
    iCal UID); ``cancelled`` releases (or cancels) it. With a ``guest`` it is a booking, made
    a stay of ``room_type_id`` (or of ``room_id``'s type, the room then assigned) for
    ``adults`` and ``children``; without, it holds ``room_id`` (a calendar's event)."""

    external_id: str
    room_id: int | None
    arrival: date
    departure: date
    summary: str = ""
    cancelled: bool = False
    guest: ChannelGuest | None = None
    room_type_id: int | None = None
    adults: int = 1
    children: int = 0


@dataclass
class ApplyResult:
    """What one batch changed: reservations now held (a room's nights) or booked (stays),
    stays modified or cancelled, holds released, reservations in conflict, untouched."""

    held: int = 0
    booked: int = 0
    modified: int = 0
    cancelled: int = 0
    released: int = 0
    conflicts: int = 0
    unchanged: int = 0

    def add(self, other: ApplyResult) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


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
                outcome = await run_write(
                    lambda i=row["id"]: _release(i, actor),
                    conflict_message="Release raced; retried.",
                )
                setattr(result, outcome, getattr(result, outcome) + 1)
    if batch.on_applied is not None:
        await batch.on_applied(result)
    return result


async def _release(reservation_id: int, actor: str | None = None) -> str:
    """The channel no longer lists the reservation: release its hold or cancel its stay."""
    row = (
        await ChannelsReservation.objects().where(ChannelsReservation.id == reservation_id).first()
    )
    if row is None or row.status == "released":
        return "unchanged"
    if row.stay is not None:
        return await cancel_booking(row, actor)
    if row.hold is not None:
        await release_hold_in_transaction(row.hold)
    row.status, row.hold, row.conflict_stays, row.updated_at = "released", None, "", now()
    await row.save()
    return "released"


async def _apply_one(
    batch: ReservationBatch, reservation: ChannelReservation, actor: str | None
) -> str:
    """One reservation in the caller's transaction; returns the ApplyResult counter to bump."""
    row = await find(batch.channel, reservation.external_id)
    if reservation.guest is not None or (row is not None and row.stay is not None):
        return await apply_booking(batch, reservation, row, actor)
    if reservation.cancelled:
        if row is None or row.status == "released":
            return "unchanged"
        return await _release(row.id, actor)
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
        await release_hold_in_transaction(row.hold)
        row.hold = None
    row.room, row.arrival, row.departure = (
        reservation.room_id,
        reservation.arrival,
        reservation.departure,
    )
    row.summary, row.updated_at = reservation.summary[:255], now()
    return await _hold_or_report(row, actor)


async def _hold_or_report(row: ChannelsReservation, actor: str | None) -> str:
    if row.room is None:
        return await mark_conflict(row, "A reservation without a guest needs a room.", [], actor)
    try:
        hold = await place_hold_in_transaction(
            room_id=row.room,
            arrival=row.arrival,
            departure=row.departure,
            owner=HOLD_OWNER,
            reference=f"{row.channel}:{row.external_id}",
            note=row.summary,
        )
    except HoldConflict as conflict:
        return await mark_conflict(row, conflict.message, conflict.stay_ids, actor)
    row.status, row.hold, row.message, row.conflict_stays = "held", hold.id, "", ""
    await row.save()
    return "held"
