"""Direct bookings from the hotel's website: availability, a quote with taxes, and a booking.

Only what a website may show leaves here: room types (code, name, description, occupancy),
how many are free, prices and taxes, and for a booking its confirmation code and dates. No
other guest, no internal note, no room number. A booking needs an Idempotency-Key: its first
successful answer is stored with the stay in the same transaction, so a retry (a double
click, a lost response) gets that answer again and never a second stay; the same key with
another request is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from frontdesk.api import (
    DomainError,
    InvalidInput,
    NotFound,
    availability,
    book_stay,
    create_guest,
    quote_with_taxes,
    round_money,
    run_write,
    sha256,
    validation,
)
from frontdesk.api.tables import Property, RoomType

from .service import direct_settings
from .tables import ChannelsBookingKey

MAX_KEY_LENGTH = 200
GUEST_FIELDS = {
    "firstName": "first_name",
    "lastName": "last_name",
    "email": "email",
    "phone": "phone",
    "country": "country",
    "language": "language",
}


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


def money(amount: Decimal, currency: str) -> dict[str, str]:
    return {"amount": str(round_money(amount, currency)), "currency": currency}


async def bookable_property(code: str) -> Property:
    """The property whose website may book; unknown and switched-off look the same."""
    prop = await Property.objects().where(Property.code == code[:20]).first()
    if prop is None or not (await direct_settings(prop.id)).enabled:
        raise NotFound("No direct booking here.", field="property")
    return prop


def parse_date(value: Any, field: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(f"{field} must be a date (YYYY-MM-DD).", field=field) from None


def parse_count(value: Any, field: str, minimum: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise InvalidInput(f"{field} must be a whole number.", field=field) from None
    return validation.integer(number, field, minimum=minimum, maximum=20)


async def _room_type(prop: Property, code: str) -> RoomType:
    row = (
        await RoomType.objects()
        .where((RoomType.property == prop.id) & (RoomType.code == str(code)[:20]))
        .first()
    )
    if row is None:
        raise NotFound("No such room type.", field="roomType")
    return row


def _taxes(sale) -> list[dict[str, Any]]:
    return [
        {
            "kind": t.kind,
            "name": t.name,
            "rate": None if t.rate is None else str(t.rate),
            "amount": money(t.amount, sale.currency),
            "included": t.included,
        }
        for t in sale.taxes
    ]


async def quote(
    prop: Property, code: str, arrival: date, departure: date, adults: int, children: int = 0
) -> dict:
    """Nightly prices and the taxes they carry, as the desk's ``quote`` and the booked stay's
    ``sale`` show them (core's quote_with_taxes: VAT per rate, city tax per the property's
    rule); ``total`` is what the guest pays."""
    room_type = await _room_type(prop, code)
    taxed = await quote_with_taxes(
        property_id=prop.id,
        room_type_id=room_type.id,
        arrival=arrival,
        departure=departure,
        adults=adults,
        children=children,
    )
    sale = taxed.sale
    return {
        "roomType": {"code": room_type.code, "name": room_type.name},
        "arrival": arrival.isoformat(),
        "departure": departure.isoformat(),
        "adults": adults,
        "children": children,
        "nights": [
            {"night": n.night.isoformat(), "price": money(n.price, prop.currency)}
            for n in taxed.quote.nights
        ],
        "roomTotal": money(sale.room_total, prop.currency),
        "pricesIncludeTax": sale.prices_include_tax,
        "taxes": _taxes(sale),
        "total": money(sale.total, prop.currency),
    }


async def search(prop: Property, arrival: date, departure: date, adults: int, children: int):
    """Room types with a room free every night, each with its quote."""
    found = await availability(
        property_id=prop.id,
        arrival=arrival,
        departure=departure,
        adults=adults,
        children=children,
        include_free_rooms=False,
    )
    offers = []
    for entry in found:
        free = min((n.bookable - n.sold for n in entry.nights), default=0)
        if free <= 0:
            continue
        try:
            priced = await quote(prop, entry.room_type.code, arrival, departure, adults, children)
        except DomainError:  # a type without a rate is simply not offered
            continue
        offers.append(
            {
                **priced,
                "roomType": {
                    "code": entry.room_type.code,
                    "name": entry.room_type.name,
                    "description": entry.room_type.description,
                    "maxOccupancy": entry.room_type.max_occupancy,
                },
                "available": free,
            }
        )
    return {
        "property": {"code": prop.code, "name": prop.name, "currency": prop.currency},
        "arrival": arrival.isoformat(),
        "departure": departure.isoformat(),
        "offers": offers,
    }


def _guest(body: dict[str, Any]) -> dict[str, Any]:
    raw = body.get("guest")
    if not isinstance(raw, dict):
        raise InvalidInput("guest is required.", field="guest")
    profile = {GUEST_FIELDS[k]: v for k, v in raw.items() if k in GUEST_FIELDS and v}
    if not profile.get("email"):
        raise InvalidInput("guest.email is required.", field="guest.email")
    return profile


def _confirmation(prop: Property, stay, guest, priced: dict) -> dict[str, Any]:
    """What the website learns of its booking (and gets again on a retry)."""
    return {
        "confirmationCode": stay.confirmation_code,
        "property": {"code": prop.code, "name": prop.name},
        "roomType": priced["roomType"],
        "arrival": stay.arrival.isoformat(),
        "departure": stay.departure.isoformat(),
        "adults": stay.adults,
        "children": stay.children,
        "guest": {"firstName": guest.first_name, "lastName": guest.last_name},
        "nights": priced["nights"],
        "roomTotal": priced["roomTotal"],
        "pricesIncludeTax": priced["pricesIncludeTax"],
        "taxes": priced["taxes"],
        "total": priced["total"],
    }


async def _earlier_answer(prop: Property, key_hash: str, request_hash: str) -> Answer | None:
    """The answer already given for this Idempotency-Key: the same booking again, or a 422
    when the key comes back with another request. None for a key not seen before."""
    earlier = (
        await ChannelsBookingKey.objects()
        .where((ChannelsBookingKey.property == prop.id) & (ChannelsBookingKey.key_hash == key_hash))
        .first()
    )
    if earlier is None:
        return None
    if earlier.request_hash != request_hash:
        reused = {
            "code": "IDEMPOTENCY_KEY_REUSED",
            "message": "This Idempotency-Key was used for another booking.",
        }
        return Answer(422, {"error": reused})
    return Answer(earlier.status_code, json.loads(earlier.response))


async def book(prop: Property, body: dict[str, Any], key: str) -> Answer:
    """Book once per Idempotency-Key (see module docstring)."""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(
            f"An Idempotency-Key header of 1-{MAX_KEY_LENGTH} characters is required.",
            field="Idempotency-Key",
        )
    key_hash = sha256(key)
    request_hash = sha256(json.dumps(body, sort_keys=True, default=str))
    arrival = parse_date(body.get("arrival"), "arrival")
    departure = parse_date(body.get("departure"), "departure")
    adults = parse_count(body.get("adults", 1), "adults", 1)
    children = parse_count(body.get("children", 0), "children", 0)
    profile = _guest(body)

    async def change() -> Answer:
        earlier = await _earlier_answer(prop, key_hash, request_hash)
        if earlier is not None:
            return earlier
        room_type = await _room_type(prop, body.get("roomType", ""))
        priced = await quote(prop, room_type.code, arrival, departure, adults, children)
        guest, _ = await create_guest(property_id=prop.id, actor="website", **profile)
        stay = await book_stay(
            property_id=prop.id,
            room_type_id=room_type.id,
            arrival=arrival,
            departure=departure,
            guest_id=guest.id,
            adults=adults,
            children=children,
            source="web",
            actor="website",
        )
        answer = _confirmation(prop, stay, guest, priced)
        await ChannelsBookingKey(
            property=prop.id,
            key_hash=key_hash,
            request_hash=request_hash,
            status_code=201,
            response=json.dumps(answer),
            stay=stay.id,
        ).save()
        return Answer(201, answer)

    return await run_write(change, conflict_message="The room type sold out while booking.")
