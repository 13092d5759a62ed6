"""Build a small hotel through the public GraphQL API, as a front office would."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

BUSINESS_DATE = date(2026, 11, 23)


@dataclass
class Hotel:
    property_id: str
    business_date: date
    room_types: dict[str, str] = field(default_factory=dict)  # code -> id
    rooms: dict[str, str] = field(default_factory=dict)  # number -> id
    guests: list[str] = field(default_factory=list)


async def build_hotel(
    gql,
    *,
    code: str = "HQ",
    doubles: int = 3,
    suites: int = 1,
    guests: int = 3,
    business_date: date = BUSINESS_DATE,
) -> Hotel:
    prop = await gql.ok(
        "createProperty",
        {
            "code": code,
            "name": f"Hotel {code}",
            "timezone": "Europe/Berlin",
            "currency": "EUR",
            "businessDate": business_date.isoformat(),
        },
        "property { id }",
    )
    hotel = Hotel(property_id=prop["property"]["id"], business_date=business_date)
    for type_code, name, occupancy, count, first_number in (
        ("DBL", "Double", 2, doubles, 101),
        ("STE", "Suite", 4, suites, 201),
    ):
        if count == 0:
            continue
        rt = await gql.ok(
            "createRoomType",
            {
                "propertyId": hotel.property_id,
                "code": type_code,
                "name": name,
                "maxOccupancy": occupancy,
            },
            "roomType { id }",
        )
        hotel.room_types[type_code] = rt["roomType"]["id"]
        for i in range(count):
            number = str(first_number + i)
            room = await gql.ok(
                "createRoom",
                {
                    "propertyId": hotel.property_id,
                    "roomTypeId": hotel.room_types[type_code],
                    "number": number,
                    "floor": int(number[0]),
                },
                "room { id }",
            )
            hotel.rooms[number] = room["room"]["id"]
    for i in range(guests):
        guest = await gql.ok(
            "createGuest",
            {
                "propertyId": hotel.property_id,
                "firstName": f"Guest{i}",
                "lastName": f"Family{i}",
                "email": f"guest{i}@example.org",
            },
            "guest { id }",
        )
        hotel.guests.append(guest["guest"]["id"])
    return hotel


async def book(
    gql, hotel: Hotel, arrival: date, departure: date, *, room_type="DBL", guest=0, **extra
) -> dict:
    """Book a stay and return its payload (stay and errors)."""
    return await gql.mutate(
        "bookStay",
        {
            "propertyId": hotel.property_id,
            "roomTypeId": hotel.room_types[room_type],
            "guestId": hotel.guests[guest],
            "arrival": arrival.isoformat(),
            "departure": departure.isoformat(),
            **extra,
        },
        "stay { id status confirmationCode room { number } }",
    )
