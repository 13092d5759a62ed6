"""Service bookings: resources bookable in slots (spa rooms, restaurant tables, guides,
cars) and the bookings that take seats in them.

A booking of ``party_size`` persons takes that many numbered seats in every slot it covers;
seat numbers stay below the resource's capacity and (resource, slot_start, seat_no) is a
unique key, so two concurrent bookings can never overfill a slot: on SQLite the write
transactions queue (BEGIN IMMEDIATE), on PostgreSQL the loser hits the key and ``run_write``
re-runs it against the new state, where it either finds free seats or is refused.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from frontdesk.api import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    get_guest,
    get_property,
    get_stay,
    run_write,
    validation,
)

from . import billing, settings
from .common import KEEP, Keep, actor_name, aware, lock_row, moment, now
from .slots import SlotAvailability, slot_floor, slots_of, taken_seats
from .tables import ConciergeBooking, ConciergeBookingSeat, ConciergeResource

SERVICES = ("spa", "restaurant", "tour", "transfer", "other")
BOOKING_STATUSES = ("requested", "confirmed", "delivered", "cancelled")
LIVE_STATUSES = ("requested", "confirmed")
MAX_CAPACITY = 500
MAX_PRICE = Decimal("1000000")


async def get_resource(resource_id: int, *, field: str = "resourceId") -> ConciergeResource:
    row = await ConciergeResource.objects().where(ConciergeResource.id == resource_id).first()
    if row is None:
        raise NotFound(f"Resource {resource_id} does not exist.", field=field)
    return row


async def get_booking(booking_id: int) -> ConciergeBooking:
    row = await ConciergeBooking.objects().where(ConciergeBooking.id == booking_id).first()
    if row is None:
        raise NotFound(f"Booking {booking_id} does not exist.", field="bookingId")
    return row


def _price(value: Decimal | None, field: str) -> Decimal | None:
    if value is None:
        return None
    if not value.is_finite() or value < 0 or value > MAX_PRICE:
        raise InvalidInput(f"{field} must be between 0 and {MAX_PRICE}.", field=field)
    if value != value.quantize(Decimal("0.01")):
        raise InvalidInput(f"{field} has at most two decimals.", field=field)
    return value


async def create_resource(
    *,
    property_id: int,
    name: str,
    service: str,
    capacity: int,
    slot_minutes: int = 60,
    price: Decimal | None = None,
    actor: str | None = None,
) -> ConciergeResource:
    name = validation.text(name, "name")
    if service not in SERVICES:
        raise InvalidInput(f"service must be one of {', '.join(SERVICES)}.", field="service")
    validation.integer(capacity, "capacity", minimum=1, maximum=MAX_CAPACITY)
    validation.integer(slot_minutes, "slotMinutes", minimum=5, maximum=1440)
    if 1440 % slot_minutes:
        raise InvalidInput(
            "slotMinutes must divide a day (e.g. 15, 30, 60, 90, 120).", field="slotMinutes"
        )
    price = _price(price, "price")

    async def change() -> ConciergeResource:
        await get_property(property_id)
        resource = ConciergeResource(
            property=property_id,
            name=name,
            service=service,
            capacity=capacity,
            slot_minutes=slot_minutes,
            price=price,
        )
        await resource.save()
        return resource

    return await run_write(change, conflict_message="The resource could not be saved; retry.")


async def update_resource(
    *,
    resource_id: int,
    name: str | None = None,
    service: str | None = None,
    capacity: int | None = None,
    price: Decimal | None | Keep = KEEP,
    active: bool | None = None,
    actor: str | None = None,
) -> ConciergeResource:
    """Change a resource (None, or ``KEEP`` for the price, keeps a field). Capacity never goes
    below the persons already booked into any slot from now on; bookings holding seat numbers
    at or above the new capacity move to free lower ones, so seat numbers stay below it and
    the unique key keeps guarding the slot. A new price applies to new bookings only;
    deactivating stops new bookings and keeps the existing ones."""
    name = None if name is None else validation.text(name, "name")
    if service is not None and service not in SERVICES:
        raise InvalidInput(f"service must be one of {', '.join(SERVICES)}.", field="service")
    if capacity is not None:
        validation.integer(capacity, "capacity", minimum=1, maximum=MAX_CAPACITY)
    new_price = None if price is KEEP else _price(price, "price")

    async def change() -> ConciergeResource:
        await lock_row(ConciergeResource, resource_id)
        resource = await get_resource(resource_id)
        if capacity is not None and capacity < resource.capacity:
            await _compact_seats(resource, capacity)
        for column, value in (
            ("name", name),
            ("service", service),
            ("capacity", capacity),
            ("active", active),
        ):
            if value is not None:
                setattr(resource, column, value)
        if price is not KEEP:
            resource.price = new_price
        await resource.save()
        return resource

    return await run_write(change, conflict_message="The resource changed meanwhile; retry.")


async def _compact_seats(resource: ConciergeResource, capacity: int) -> None:
    """Refuse a capacity below a slot's bookings from now on; renumber seats >= capacity."""
    rows = await ConciergeBookingSeat.select(
        ConciergeBookingSeat.id, ConciergeBookingSeat.slot_start, ConciergeBookingSeat.seat_no
    ).where(
        (ConciergeBookingSeat.resource == resource.id)
        & (ConciergeBookingSeat.slot_start >= slot_floor(resource))
    )
    slots: dict[datetime, list[dict]] = defaultdict(list)
    for row in rows:
        slots[aware(row["slot_start"])].append(row)
    for slot, seats in sorted(slots.items()):
        if len(seats) > capacity:
            raise Conflict(
                f"{resource.name} has {len(seats)} persons booked at {slot.isoformat()}; "
                f"the capacity cannot go below that.",
                field="capacity",
            )
        free = sorted(set(range(capacity)) - {s["seat_no"] for s in seats})
        for seat in (s for s in seats if s["seat_no"] >= capacity):
            await ConciergeBookingSeat.update({ConciergeBookingSeat.seat_no: free.pop(0)}).where(
                ConciergeBookingSeat.id == seat["id"]
            )


async def _take_seats(booking: ConciergeBooking, resource: ConciergeResource, slots) -> None:
    taken = await taken_seats(resource.id, slots)
    seats = []
    for slot in slots:
        free = [s for s in range(resource.capacity) if s not in taken[slot]]
        if len(free) < booking.party_size:
            raise Conflict(
                f"{resource.name} has {len(free)} of {resource.capacity} places left at "
                f"{slot.isoformat()}.",
                field="startsAt",
            )
        seats += [
            ConciergeBookingSeat(
                booking=booking.id, resource=resource.id, slot_start=slot, seat_no=seat
            )
            for seat in free[: booking.party_size]
        ]
    await ConciergeBookingSeat.insert(*seats)


async def _booking_guest(property_id: int, stay_id: int | None, guest_id: int | None) -> int | None:
    """Who the booking is for: the guest named, else the stay's primary guest. A stay must be
    booked or in house; both must belong to the resource's property."""
    guest = guest_id
    if stay_id is not None:
        stay = await get_stay(stay_id, property_id=property_id)
        if stay.status not in ("booked", "checked_in"):
            raise InvalidTransition(f"The stay is {stay.status}.", field="stayId")
        guest = guest or stay.primary_guest
    if guest_id is not None:
        await get_guest(guest_id, property_id=property_id)
    return guest


async def book_service(
    *,
    resource_id: int,
    starts_at: datetime,
    ends_at: datetime | None = None,
    party_size: int = 1,
    stay_id: int | None = None,
    guest_id: int | None = None,
    price: Decimal | None = None,
    notes: str = "",
    confirm: bool = False,
    actor: str | None = None,
) -> ConciergeBooking:
    """Book seats on a resource for [startsAt, endsAt) (one slot when endsAt is omitted)."""
    starts = moment(starts_at, "startsAt")
    ends = moment(ends_at, "endsAt")
    validation.integer(party_size, "partySize", minimum=1, maximum=MAX_CAPACITY)
    notes = validation.text(notes, "notes", max_length=validation.MAX_TEXT, required=False)
    price = _price(price, "price")

    async def change() -> ConciergeBooking:
        await lock_row(ConciergeResource, resource_id)
        resource = await get_resource(resource_id)
        if not resource.active:
            raise Conflict(f"{resource.name} is not bookable.", field="resourceId")
        end = ends or starts + timedelta(minutes=resource.slot_minutes)
        slots, prop = await slots_of(resource, starts, end)
        if party_size > resource.capacity:
            raise InvalidInput(
                f"{resource.name} takes at most {resource.capacity} persons.", field="partySize"
            )
        guest = await _booking_guest(resource.property, stay_id, guest_id)
        amount = price if price is not None else resource.price
        booking = ConciergeBooking(
            property=resource.property,
            resource=resource.id,
            stay=stay_id,
            guest=guest,
            starts_at=starts,
            ends_at=end,
            party_size=party_size,
            status="requested",
            price=amount,
            currency=prop.currency if amount is not None else None,
            notes=notes,
            created_by=actor_name(actor),
            created_at=now(),
            updated_at=now(),
        )
        await booking.save()
        await _take_seats(booking, resource, slots)
        if confirm:
            await _advance(booking, "confirmed", actor)
        return booking

    return await run_write(
        change, conflict_message="The slot filled up while booking; pick another time."
    )


async def _post_charge_if_due(booking: ConciergeBooking, status: str, actor: str | None) -> None:
    if booking.charge_reference or not booking.price or booking.stay is None:
        return
    if status != settings.charge_on() and status != "delivered":
        return  # charged on delivery, or delivered without passing through confirmation
    resource = await get_resource(booking.resource)
    booking.charge_reference = await billing.post_charge(
        stay_id=booking.stay,
        amount=booking.price,
        service_kind=resource.service,
        description=f"{resource.name}, {booking.party_size} pers. (booking #{booking.id})",
        actor=actor,
        field="bookingId",
    )


async def _advance(booking: ConciergeBooking, status: str, actor: str | None) -> None:
    allowed = {
        "requested": ("confirmed", "delivered", "cancelled"),
        "confirmed": ("delivered", "cancelled"),
    }
    if status not in allowed.get(booking.status, ()):
        raise InvalidTransition(
            f"A {booking.status} booking cannot become {status}.", field="status"
        )
    if status == "cancelled":
        await ConciergeBookingSeat.delete().where(ConciergeBookingSeat.booking == booking.id)
        if booking.charge_reference:
            await billing.reverse_charge(
                reference=booking.charge_reference,
                reason=f"Service booking #{booking.id} cancelled",
                actor=actor,
                field="bookingId",
            )
    else:
        await _post_charge_if_due(booking, status, actor)
    booking.status = status
    booking.updated_at = now()
    await booking.save()


async def set_booking_status(
    *, booking_id: int, status: str, actor: str | None = None
) -> ConciergeBooking:
    """Confirm, deliver or cancel; a due charge is posted in the same transaction."""
    if status not in BOOKING_STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(BOOKING_STATUSES)}.", field="status")

    async def change() -> ConciergeBooking:
        booking = await get_booking(booking_id)
        await _advance(booking, status, actor)
        return booking

    return await run_write(change, conflict_message="The booking changed meanwhile; retry.")


async def cancel_for_stay(stay_id: int, actor: str | None) -> int:
    """Cancel the stay's live bookings (inside the stay's transaction); returns how many."""
    live = await ConciergeBooking.objects().where(
        (ConciergeBooking.stay == stay_id) & ConciergeBooking.status.is_in(list(LIVE_STATUSES))
    )
    for booking in live:
        await _advance(booking, "cancelled", actor)
    return len(live)


async def availability(
    *, resource_id: int, starts_at: datetime, ends_at: datetime
) -> list[SlotAvailability]:
    """Seats taken and free per slot of [startsAt, endsAt) on the resource's grid."""
    starts = moment(starts_at, "startsAt")
    ends = moment(ends_at, "endsAt")
    resource = await get_resource(resource_id)
    slots, _prop = await slots_of(resource, starts, ends)
    taken = await taken_seats(resource.id, slots)
    step = timedelta(minutes=resource.slot_minutes)
    return [
        SlotAvailability(slot, slot + step, resource.capacity, len(taken[slot])) for slot in slots
    ]
