"""Reservations a channel sends with a guest are bookings: each becomes a stay.

A channel manager's reservation names its guest, so it is booked like any other stay: core's
``book_stay`` with source ``channel``, the guest found by e-mail among the property's guests
or created. It is applied by (channel, external id), the reservation row's unique key, and
that row is written before the stay, in the same transaction: a second pull of the same
reservation, even at the same moment, waits on that key and then finds the row (on
PostgreSQL its insert fails on the key and the write is retried; on SQLite writes run one at
a time), so a reservation is booked once. New dates, room type or guest counts modify the
stay; a cancellation cancels it. When the stay cannot be booked or changed (no room left, a
room out of order, a checked-in guest), the reservation is kept in ``conflict`` and
reported like a calendar's conflict, never dropped, and tried again at the next pull.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontdesk.api import (
    DomainError,
    InvalidInput,
    book_stay,
    cancel_stay,
    create_guest,
    get_room,
    get_room_type,
    get_stay,
    modify_stay,
    release_hold_in_transaction,
    run_write,
    validation,
)
from frontdesk.api.tables import Guest, Stay

from .reservation_rows import mark_conflict, now
from .tables import ChannelsReservation

if TYPE_CHECKING:
    from .connectors import ChannelGuest, ChannelReservation, ReservationBatch


async def apply_booking(
    batch: ReservationBatch,
    reservation: ChannelReservation,
    row: ChannelsReservation | None,
    actor: str | None,
) -> str:
    """One reservation with a guest (or whose row is booked: a cancellation may come
    without), in the caller's write transaction, ``row`` its row if any; returns the
    ApplyResult counter to bump."""
    if reservation.cancelled:
        if row is None or row.status == "released":
            return "unchanged"
        return await cancel_booking(row, actor)
    if row is None:
        row = ChannelsReservation(
            channel=batch.channel,
            external_id=reservation.external_id,
            property=batch.property_id,
            source=batch.source_id,
            arrival=reservation.arrival,
            departure=reservation.departure,
            status="new",
        )
        await row.save()  # claims (channel, external id) before anything is booked
    elif row.status == "released":
        row.stay = None  # sent again after its cancellation: booked anew
    if row.hold is not None:  # held while it came without a guest: the stay takes over
        await release_hold_in_transaction(row.hold)
        row.hold = None
    try:
        room_type_id = await _room_type_of(reservation, batch.property_id)
    except DomainError as error:
        return await mark_conflict(row, error.message, [], actor)
    row.room, row.room_type = reservation.room_id, room_type_id
    row.arrival, row.departure = reservation.arrival, reservation.departure
    row.summary = (reservation.summary or _name(reservation.guest))[:255]
    if row.stay is None:
        return await _book(row, reservation, actor)
    return await _modify(row, reservation, actor)


def _name(guest: ChannelGuest | None) -> str:
    return "" if guest is None else f"{guest.first_name} {guest.last_name}".strip()


async def _room_type_of(reservation: ChannelReservation, property_id: int) -> int:
    """The reservation's room type: named, or its room's."""
    if reservation.room_id is not None:
        room = await get_room(reservation.room_id, property_id=property_id)
        if reservation.room_type_id not in (None, room.room_type):
            raise InvalidInput("The room is not of the reservation's room type.", field="room")
        return room.room_type
    if reservation.room_type_id is None:
        raise InvalidInput("The reservation names neither a room nor a room type.", field="room")
    return (await get_room_type(reservation.room_type_id, property_id=property_id)).id


async def _guest_of(property_id: int, guest: ChannelGuest, actor: str | None) -> int:
    """The property's guest with this e-mail (the earliest), or a new guest."""
    email = validation.email(guest.email, "guest.email")
    if email:
        known = (
            await Guest.objects()
            .where((Guest.property == property_id) & (Guest.email == email))
            .order_by(Guest.id)
            .first()
        )
        if known is not None:
            return known.id
    profile = {
        "first_name": guest.first_name,
        "last_name": guest.last_name,
        "email": email,
        "phone": guest.phone,
        "country": guest.country,
        "language": guest.language,
    }
    created, _ = await create_guest(
        property_id=property_id, actor=actor, **{k: v for k, v in profile.items() if v}
    )
    return created.id


def _reference(external_id: str) -> str | None:
    """The channel's id as the stay's booking reference, when it fits one."""
    try:
        return validation.code(external_id, "bookingReference")
    except InvalidInput:
        return None


async def _book(row: ChannelsReservation, reservation: ChannelReservation, actor: str | None):
    guest = reservation.guest
    if guest is None:
        return await mark_conflict(row, "A reservation to book needs its guest.", [], actor)

    async def booking() -> Stay:
        """The guest and the stay together: a refused booking leaves no guest behind."""
        guest_id = await _guest_of(row.property, guest, actor)
        return await book_stay(
            property_id=row.property,
            room_type_id=row.room_type,
            arrival=reservation.arrival,
            departure=reservation.departure,
            guest_id=guest_id,
            adults=reservation.adults,
            children=reservation.children,
            room_id=reservation.room_id,
            source="channel",
            booking_reference=_reference(reservation.external_id),
            notes=f"{row.channel} reservation {reservation.external_id}"[:500],
            actor=actor,
        )

    try:
        stay = await run_write(booking, conflict_message="No room is left for the reservation.")
    except DomainError as error:
        return await mark_conflict(row, error.message, [], actor)
    row.stay, row.status, row.message, row.conflict_stays = stay.id, "booked", "", ""
    row.updated_at = now()
    await row.save()
    return "booked"


def _same(stay: Stay, row: ChannelsReservation, reservation: ChannelReservation) -> bool:
    return (stay.arrival, stay.departure, stay.room_type, stay.adults, stay.children) == (
        reservation.arrival,
        reservation.departure,
        row.room_type,
        reservation.adults,
        reservation.children,
    )


async def _modify(row: ChannelsReservation, reservation: ChannelReservation, actor: str | None):
    stay = await get_stay(row.stay)
    if _same(stay, row, reservation):
        if row.status == "booked":
            return "unchanged"
        outcome = "booked"  # a change that failed before is no longer asked for
    else:
        try:
            await modify_stay(
                stay_id=stay.id,
                arrival=reservation.arrival,
                departure=reservation.departure,
                room_type_id=row.room_type,
                adults=reservation.adults,
                children=reservation.children,
                actor=actor,
            )
        except DomainError as error:
            message = f"Stay {stay.confirmation_code} keeps its booking: {error.message}"
            return await mark_conflict(row, message, [stay.id], actor)
        outcome = "modified"
    row.status, row.message, row.conflict_stays, row.updated_at = "booked", "", "", now()
    await row.save()
    return outcome


async def cancel_booking(row: ChannelsReservation, actor: str | None) -> str:
    """The channel cancelled the reservation: cancel its stay (a stay already checked in
    is a conflict for the desk), release the row."""
    outcome = "released"
    if row.stay is not None:
        stay = await get_stay(row.stay)
        if stay.status == "booked":
            await cancel_stay(stay_id=stay.id, reason=f"Cancelled on {row.channel}.", actor=actor)
            outcome = "cancelled"
        elif stay.status == "checked_in":
            message = f"The channel cancelled stay {stay.confirmation_code}, which is in house."
            return await mark_conflict(row, message, [stay.id], actor)
    row.status, row.message, row.conflict_stays, row.updated_at = "released", "", "", now()
    await row.save()
    return outcome
