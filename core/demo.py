"""The demo hotel group: two properties, 40 rooms over 4 room types, 60 guests, and stays in
the past, in house and in the future, so every screen has data. Deterministic (seeded)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .errors import Conflict, DomainError
from .guests.service import create_guest
from .properties.service import create_property, create_room, create_room_type, local_today
from .properties.tables import Property
from .runtime import Runtime
from .stays import service as stays
from .stays.tables import Stay

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
HISTORY_DAYS = 14


class DemoExists(Conflict):
    pass


async def load_demo(rt: Runtime, *, seed: int = 42) -> list[str]:
    """Create the demo group; refuse if the database already holds properties."""
    if await Property.count() > 0:
        raise DemoExists("The database already holds properties; the demo needs an empty one.")
    rng = random.Random(seed)
    today = local_today("Europe/Berlin")
    start = today - timedelta(days=HISTORY_DAYS)
    lines = []
    for code, name, tz, currency in PROPERTIES:
        prop = await create_property(
            code=code, name=name, timezone=tz, currency=currency, business_date=start
        )
        room_types = []
        for rt_code, rt_name, occupancy, count in ROOM_TYPES:
            room_type = await create_room_type(
                property_id=prop.id,
                code=rt_code,
                name=rt_name,
                max_occupancy=occupancy,
                description=f"{rt_name} with city view" if rt_code != "SGL" else rt_name,
            )
            room_types.append(room_type)
            for i in range(count):
                floor = len(room_types)
                await create_room(
                    property_id=prop.id,
                    room_type_id=room_type.id,
                    number=f"{floor}{i + 1:02d}",
                    floor=floor,
                    features=rng.sample(["balcony", "bathtub", "quiet", "view", "accessible"], 2),
                )
        guests = []
        for i in range(30):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            guest, _ = await create_guest(
                property_id=prop.id,
                first_name=first,
                last_name=last,
                email=f"{first.lower()}.{last.lower()}{i}@example.org".replace("é", "e")
                .replace("í", "i")
                .replace("ü", "u"),
                phone=f"+49 30 {rng.randint(1000000, 9999999)}",
                country=rng.choice(["DE", "PT", "FR", "US", "JP", "NG"]),
                language=rng.choice(["de", "en", "pt", "fr"]),
                vip=rng.random() < 0.1,
            )
            guests.append(guest)
        booked = await _book_stays(prop, room_types, guests, start, today, rng)
        await _play_days(prop.id, start, today)
        lines.append(
            f"{name} ({code}): {sum(c for *_, c in ROOM_TYPES)} rooms, "
            f"{len(guests)} guests, {booked} stays"
        )
    from .auth.demo import create_demo_logins

    lines += await create_demo_logins(rt)
    return lines


async def _book_stays(prop, room_types, guests, start: date, today: date, rng) -> int:
    booked = 0
    for offset in range(HISTORY_DAYS + 21):
        arrival = start + timedelta(days=offset)
        for _ in range(rng.randint(1, 4)):
            room_type = rng.choice(room_types)
            try:
                await stays.book_stay(
                    property_id=prop.id,
                    room_type_id=room_type.id,
                    arrival=arrival,
                    departure=arrival + timedelta(days=rng.randint(1, 5)),
                    guest_id=rng.choice(guests).id,
                    adults=min(2, room_type.max_occupancy),
                    source=rng.choice(["desk", "phone", "web", "channel"]),
                    porter_requested=rng.random() < 0.3,
                    actor="demo",
                )
                booked += 1
            except DomainError:
                continue
    return booked


async def _play_days(property_id: int, start: date, today: date) -> None:
    """Walk the business date from ``start`` to ``today``: arrivals check in, departures out.

    The demo moves the business date itself; a real hotel closes each day with the night audit.
    """
    day = start
    while day <= today:
        await Property.update({Property.business_date: day}).where(Property.id == property_id)
        departing = await Stay.objects().where(
            (Stay.property == property_id) & (Stay.departure == day) & (Stay.status == "checked_in")
        )
        for stay in departing:
            await stays.check_out(stay_id=stay.id, actor="demo")
            await _clean_room(stay.room)
        arriving = await Stay.objects().where(
            (Stay.property == property_id) & (Stay.arrival == day) & (Stay.status == "booked")
        )
        for stay in arriving:
            if day == today and stay.id % 3 == 0:
                continue  # some of today's arrivals are still to come
            try:
                await stays.check_in(stay_id=stay.id, actor="demo")
            except DomainError:
                await stays.mark_no_show(stay_id=stay.id, actor="demo")
        if day < today:
            late = await Stay.objects().where(
                (Stay.property == property_id) & (Stay.arrival == day) & (Stay.status == "booked")
            )
            for stay in late:
                await stays.mark_no_show(stay_id=stay.id, actor="demo")
        day += timedelta(days=1)


async def _clean_room(room_id: int | None) -> None:
    from .properties.service import set_room_status

    if room_id is not None:
        await set_room_status(room_id=room_id, status="clean", actor="demo")
