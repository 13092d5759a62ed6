"""A small synchronous GraphQL client for tests that talk to real server processes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

from frontdesk.testing.databases import TEST_ADMIN_KEY


class LiveApiError(AssertionError):
    pass


@dataclass
class LiveApi:
    base_url: str
    key: str = TEST_ADMIN_KEY
    timeout: float = 60

    def post(self, query: str, variables: dict | None = None, **headers: str) -> httpx.Response:
        return httpx.post(
            f"{self.base_url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.key}", **headers},
            timeout=self.timeout,
        )

    def data(self, query: str, variables: dict | None = None) -> dict[str, Any]:
        body = self.post(query, variables).json()
        if body.get("errors"):
            raise LiveApiError(body["errors"])
        return body["data"]

    def ok(self, name: str, payload: dict[str, Any], selection: str) -> dict[str, Any]:
        """Run mutation ``name`` with ``input``; fail unless its payload has no errors."""
        query = f"mutation($input: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $input) "
        query += f"{{ {selection} errors {{ code message field }} }} }}"
        result = self.data(query, {"input": payload})[name]
        if result["errors"]:
            raise LiveApiError(result["errors"])
        return result


@dataclass
class LiveHotel:
    property_id: str
    room_type_id: str
    business_date: date
    rooms: list[str] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)


def build_live_hotel(api: LiveApi, *, rooms: int, guests: int, rate: str = "100.00") -> LiveHotel:
    day = date.today()
    prop = api.ok(
        "createProperty",
        {"code": "LIVE", "name": "Live Hotel", "businessDate": day.isoformat()},
        "property { id }",
    )["property"]["id"]
    room_type = api.ok(
        "createRoomType",
        {"propertyId": prop, "code": "DBL", "name": "Double", "maxOccupancy": 2},
        "roomType { id }",
    )["roomType"]["id"]
    api.ok("setBaseRate", {"roomTypeId": room_type, "amount": rate}, "__typename")
    hotel = LiveHotel(prop, room_type, day)
    for number in range(rooms):
        room = api.ok(
            "createRoom",
            {"propertyId": prop, "roomTypeId": room_type, "number": str(101 + number)},
            "room { id }",
        )
        hotel.rooms.append(room["room"]["id"])
    for n in range(guests):
        guest = api.ok(
            "createGuest",
            {"propertyId": prop, "firstName": f"Guest{n}", "lastName": "Probe"},
            "guest { id }",
        )
        hotel.guests.append(guest["guest"]["id"])
    return hotel
