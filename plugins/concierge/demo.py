"""The concierge part of the demo: requests of in-house guests (open, assigned, done), a spa
and a restaurant with bookings, one of them confirmed and so charged to the guest's folio."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from frontdesk.api.tables import Property, Stay

from .bookings import book_service, create_resource
from .requests import create_request, set_status

REQUESTS = [
    ("wake_up_call", "Wake-up call at 6:30", "front_office", "normal"),
    ("restaurant_booking", "Table for two, tonight 20:00, window", None, "normal"),
    ("housekeeping_extra", "Two extra pillows", "housekeeping", "low"),
    ("maintenance", "Shower drains slowly", "maintenance", "high"),
    ("transfer", "Taxi to the airport tomorrow 9:00", "transport", "normal"),
    ("complaint", "Noise from the street at night", "guest_relations", "high"),
]


async def load_demo(properties: list[Property], today: date, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for prop in properties:
        guests = (
            await Stay.objects()
            .where((Stay.property == prop.id) & (Stay.status == "checked_in"))
            .order_by(Stay.id)
        )
        count = 0
        for index, (kind, text, department, priority) in enumerate(REQUESTS):
            if not guests:
                break
            stay = guests[index % len(guests)]
            request = await create_request(
                property_id=prop.id,
                type=kind,
                description=text,
                priority=priority,
                stay_id=stay.id,
                department=department,
                actor="demo",
            )
            if kind == "housekeeping_extra":
                await set_status(request_id=request.id, status="in_progress", actor="demo")
                await set_status(request_id=request.id, status="done", actor="demo")
            count += 1
        bookings = await _bookings(prop, today, guests, rng)
        lines.append(f"{prop.code}: {count} concierge requests, {bookings} service bookings")
    return lines


async def _bookings(prop: Property, today: date, guests: list[Stay], rng) -> int:
    spa = await create_resource(
        property_id=prop.id,
        name="Spa treatment room",
        service="spa",
        capacity=2,
        price=Decimal("79.00"),
    )
    restaurant = await create_resource(
        property_id=prop.id,
        name="Restaurant",
        service="restaurant",
        capacity=40,
        slot_minutes=120,
    )
    zone = ZoneInfo(prop.timezone)
    tomorrow = today + timedelta(days=1)
    made = 0
    for index, stay in enumerate(guests[:4]):
        spa_time = datetime.combine(tomorrow, time(10 + index), tzinfo=zone)
        await book_service(
            resource_id=spa.id,
            starts_at=spa_time,
            stay_id=stay.id,
            confirm=index == 0,
            notes="Deep tissue" if rng.random() < 0.5 else "",
            actor="demo",
        )
        dinner = datetime.combine(tomorrow, time(20), tzinfo=zone)
        await book_service(
            resource_id=restaurant.id,
            starts_at=dinner,
            party_size=2,
            stay_id=stay.id,
            actor="demo",
        )
        made += 2
    return made
