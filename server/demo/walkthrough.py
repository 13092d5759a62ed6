"""The lines ``frontdesk demo`` ends with: how to log in and a few first requests, with the
real ids, codes and business date of the demo just loaded, so they work as printed."""

from __future__ import annotations

from datetime import timedelta

from frontdesk.core.folios.tables import Folio
from frontdesk.core.properties.tables import Property, Room, RoomType
from frontdesk.core.stays.tables import Stay

from .logins import DEMO_PASSWORD


async def walkthrough(property_id: int, url: str = "http://127.0.0.1:8000/graphql") -> list[str]:
    prop = await Property.objects().where(Property.id == property_id).first()
    stay = (
        await Stay.objects()
        .where((Stay.property == prop.id) & (Stay.status == "checked_in"))
        .order_by(Stay.id)
        .first()
    )
    room_type = (
        await RoomType.objects()
        .where((RoomType.property == prop.id) & (RoomType.code == "DBL"))
        .first()
    )
    login = (
        '{"query": "mutation { login(input: {username: \\"desk\\", password: \\"'
        + DEMO_PASSWORD
        + '\\"}) { session { accessToken } errors { message } } }"}'
    )
    day = prop.business_date.isoformat()
    leave = (prop.business_date + timedelta(days=2)).isoformat()
    lines = [
        "",
        "Try the API (make run serves it; GraphiQL at the same address):",
        f"  curl -s {url} -H 'Content-Type: application/json' -d '{login}'",
        "  then send the accessToken as the header  Authorization: Bearer <token>",
        f"  Property {prop.code}: id {prop.id}, business date {day}, "
        f"room type DBL id {room_type.id}",
        f'    {{ property(id: "{prop.id}") {{ name businessDate }} }}',
        f'    {{ quote(propertyId: "{prop.id}", roomTypeId: "{room_type.id}", '
        f'arrival: "{day}", departure: "{leave}") '
        "{ quote { total { amount currency } } errors { message } } }",
    ]
    if stay is not None:
        room = await Room.objects().where(Room.id == stay.room).first()
        folio = await Folio.objects().where(Folio.stay == stay.id).order_by(Folio.number).first()
        lines += [
            f"  Stay {stay.confirmation_code} (id {stay.id}) is in house in room {room.number}, "
            f"folio id {folio.id}:",
            f'    {{ stay(id: "{stay.id}") {{ confirmationCode status arrival departure }} }}',
            f'    {{ folio(id: "{folio.id}") {{ balance {{ amount currency }} }} }}',
        ]
    lines.append(f"  Close the business date: frontdesk night-audit {prop.code}")
    return lines
