"""The demo hotel group: two properties, 40 rooms over 4 room types, 60 guests, rates, taxes
and stays in the past, in house and in the future, with two weeks closed by the real night
audit, so every screen (and every money report) has data. Deterministic (seeded), relative
to today.

Each property loads in one write transaction (the services join it): a demo is loaded
completely or not at all, and SQLite commits once instead of once per posting, which keeps
``make run`` quick. Plugins add their own demo data through ``frontdesk_demo_load``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from frontdesk.core import db
from frontdesk.core.errors import Conflict
from frontdesk.core.guests.service import create_guest
from frontdesk.core.guests.tables import Guest
from frontdesk.core.properties.service import (
    create_property,
    create_room,
    create_room_type,
    local_today,
)
from frontdesk.core.properties.tables import Property, RoomType
from frontdesk.core.runtime import Runtime
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.inventory import nights_between
from frontdesk.core.stays.tables import Stay

from .days import play_days
from .money import MoneySetup, set_up_money, side_scenes

FIRST_NAMES = [
    "Anna",
    "Ben",
    "Chloé",
    "David",
    "Emma",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nora",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
]
LAST_NAMES = [
    "Schmidt",
    "Rossi",
    "García",
    "Dubois",
    "Nowak",
    "Jensen",
    "Tanaka",
    "Okafor",
    "Silva",
    "Novak",
    "Müller",
    "Haddad",
]
PROPERTIES = [
    ("BERLIN", "Hotel Spreeblick", "Europe/Berlin", "EUR"),
    ("LISBON", "Casa do Rio", "Europe/Lisbon", "EUR"),
]
ROOM_TYPES = [
    ("SGL", "Single", 1, 5),
    ("DBL", "Double", 2, 8),
    ("FAM", "Family room", 4, 4),
    ("STE", "Suite", 3, 3),
]
HISTORY_DAYS = 7
FUTURE_DAYS = 14


class DemoExists(Conflict):
    pass


@dataclass
class DemoHotel:
    """One demo property as it is built: what later steps pick their guests and rooms from."""

    prop: Property
    rng: random.Random
    room_types: list[RoomType] = field(default_factory=list)
    rooms_of_type: dict[int, int] = field(default_factory=dict)
    guests: list[Guest] = field(default_factory=list)
    money: MoneySetup | None = None
    stays_booked: int = 0


async def load_demo(rt: Runtime, *, seed: int = 42) -> list[str]:
    """Create the demo group; refuse if the database already holds properties. Returns the
    lines ``frontdesk demo`` prints: a summary and a walkthrough with real ids."""
    if await Property.count() > 0:
        raise DemoExists("The database already holds properties; the demo needs an empty one.")
    rng = random.Random(seed)
    today = local_today("Europe/Berlin")
    start = today - timedelta(days=HISTORY_DAYS)
    lines, hotels = [], []
    for code, name, tz, currency in PROPERTIES:
        async with db.write_transaction():
            hotel = await _build(code, name, tz, currency, start, rng)
            hotel.money = await set_up_money(hotel.prop, hotel.room_types, today, rng)
            await _book_stays(hotel, start)
            await play_days(hotel.prop.id, hotel.money, start, today, rng)
            await side_scenes(hotel.prop.id, hotel.money, today, rng)
        hotels.append(hotel)
        lines.append(
            f"{name} ({code}): {sum(c for *_, c in ROOM_TYPES)} rooms, "
            f"{len(hotel.guests)} guests, {hotel.stays_booked} stays, "
            f"{HISTORY_DAYS} nights audited"
        )
    lines += await _plugin_demo_data(rt, [h.prop for h in hotels], today, seed)
    from .logins import create_demo_logins

    lines += await create_demo_logins(rt)
    from .walkthrough import walkthrough

    return lines + await walkthrough(hotels[0].prop.id)


async def _plugin_demo_data(
    rt: Runtime, properties: list[Property], today: date, seed: int
) -> list[str]:
    """Each enabled plugin's demo data, in one transaction; their summary lines."""
    fresh = [await Property.objects().where(Property.id == p.id).first() for p in properties]
    lines: list[str] = []
    async with db.write_transaction():
        for result in rt.plugin_manager.hook.frontdesk_demo_load(
            runtime=rt, properties=fresh, today=today, seed=seed
        ):
            if hasattr(result, "__await__"):
                result = await result
            lines += list(result or [])
    return lines


async def _build(code: str, name: str, tz: str, currency: str, start: date, rng) -> DemoHotel:
    prop = await create_property(
        code=code, name=name, timezone=tz, currency=currency, business_date=start
    )
    hotel = DemoHotel(prop=prop, rng=rng)
    for rt_code, rt_name, occupancy, count in ROOM_TYPES:
        room_type = await create_room_type(
            property_id=prop.id,
            code=rt_code,
            name=rt_name,
            max_occupancy=occupancy,
            description=f"{rt_name} with city view" if rt_code != "SGL" else rt_name,
        )
        hotel.room_types.append(room_type)
        hotel.rooms_of_type[room_type.id] = count
        for i in range(count):
            floor = len(hotel.room_types)
            await create_room(
                property_id=prop.id,
                room_type_id=room_type.id,
                number=f"{floor}{i + 1:02d}",
                floor=floor,
                features=rng.sample(["balcony", "bathtub", "quiet", "view", "accessible"], 2),
            )
    for i in range(30):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{first.lower()}.{last.lower()}{i}@example.org"
        guest, _ = await create_guest(
            property_id=prop.id,
            first_name=first,
            last_name=last,
            email=email.replace("é", "e").replace("í", "i").replace("ü", "u"),
            phone=f"+49 30 {rng.randint(1000000, 9999999)}",
            country=rng.choice(["DE", "PT", "FR", "US", "JP", "NG"]),
            language=rng.choice(["de", "en", "pt", "fr"]),
            vip=rng.random() < 0.1,
        )
        hotel.guests.append(guest)
    return hotel


async def _book_stays(hotel: DemoHotel, start: date) -> None:
    """Bookings from two weeks ago to three weeks ahead, never more than a night holds: the
    demo's transaction must not meet a refusal (nothing of a refused booking would be undone
    inside it), so it counts rooms itself."""
    rng, money = hotel.rng, hotel.money
    assert money is not None
    sold: dict[tuple[int, date], int] = {}
    for offset in range(HISTORY_DAYS + FUTURE_DAYS):
        arrival = start + timedelta(days=offset)
        for _ in range(rng.randint(1, 4)):
            room_type = rng.choice(hotel.room_types)
            departure = arrival + timedelta(days=rng.randint(1, 5))
            nights = nights_between(arrival, departure)
            if any(
                sold.get((room_type.id, n), 0) >= hotel.rooms_of_type[room_type.id] for n in nights
            ):
                continue
            for night in nights:
                sold[(room_type.id, night)] = sold.get((room_type.id, night), 0) + 1
            await stays.book_stay(
                property_id=hotel.prop.id,
                room_type_id=room_type.id,
                arrival=arrival,
                departure=departure,
                guest_id=rng.choice(hotel.guests).id,
                adults=min(2, room_type.max_occupancy),
                source=rng.choice(["desk", "phone", "web", "channel"]),
                porter_requested=rng.random() < 0.3,
                actor="demo",
                rate_plan_id=rng.choice(money.plan_ids),
                business_travel=rng.random() < 0.2,
            )
            hotel.stays_booked += 1


async def in_house(property_id: int) -> list[Stay]:
    return (
        await Stay.objects()
        .where((Stay.property == property_id) & (Stay.status == "checked_in"))
        .order_by(Stay.id)
    )
