"""The GraphQL documents the harness sends, and the SQL its floors run for the same answers."""

from __future__ import annotations

from typing import Any

BOARD_LISTS = {
    "arrivals": ("arrival: $day, status: BOOKED", "s.arrival = {} AND s.status = 'booked'", 1),
    "departures": (
        "departure: $day, status: CHECKED_IN",
        "s.departure = {} AND s.status = 'checked_in'",
        1,
    ),
    "inHouse": (
        "inHouseOn: $day",
        "s.arrival <= {} AND s.departure > {} AND s.status = 'checked_in'",
        2,
    ),
}


def board_query(*, balance: bool) -> str:
    """Today's arrivals, departures and in-house stays with guest, room, type (and balance)."""
    money = "balance { amount currency }" if balance else ""
    lists = "\n".join(
        f"  {name}: stays(propertyId: $property, {args}, first: $first) {{ nodes {{ ...Row }} }}"
        for name, (args, _sql, _n) in BOARD_LISTS.items()
    )
    return f"""query Board($property: ID!, $day: Date!, $first: Int!) {{
{lists}
}}
fragment Row on Stay {{
  id confirmationCode arrival departure adults children status
  primaryGuest {{ id firstName lastName vip }}
  room {{ id number housekeepingStatus }}
  roomType {{ id code name }}
  {money}
}}"""


def board_sql(condition: str, *, balance: bool) -> str:
    money = (
        ", (SELECT COALESCE(SUM(e.amount), 0) FROM folios_entry e WHERE e.stay = s.id)"
        " AS balance, p.currency AS currency"
        if balance
        else ""
    )
    return (
        "SELECT s.id, s.confirmation_code, s.arrival, s.departure, s.adults, s.children,"
        " s.status, g.id AS g_id, g.first_name, g.last_name, g.vip, r.id AS r_id, r.number,"
        " r.housekeeping_status, t.id AS t_id, t.code AS t_code, t.name AS t_name"
        f"{money} FROM core_stay s JOIN core_guest g ON g.id = s.primary_guest"
        " JOIN core_room_type t ON t.id = s.room_type LEFT JOIN core_room r ON r.id = s.room"
        " JOIN core_property p ON p.id = s.property"
        f" WHERE s.property = {{}} AND {condition} ORDER BY s.id LIMIT {{}}"
    )


def board_row(row: dict[str, Any], *, balance: bool) -> dict[str, Any]:
    """One stay of the board in the exact JSON shape the GraphQL server answers with."""
    out: dict[str, Any] = {
        "id": str(row["id"]),
        "confirmationCode": row["confirmation_code"],
        "arrival": str(row["arrival"]),
        "departure": str(row["departure"]),
        "adults": row["adults"],
        "children": row["children"],
        "status": row["status"].upper(),
        "primaryGuest": {
            "id": str(row["g_id"]),
            "firstName": row["first_name"],
            "lastName": row["last_name"],
            "vip": bool(row["vip"]),
        },
        "room": None
        if row["r_id"] is None
        else {
            "id": str(row["r_id"]),
            "number": row["number"],
            "housekeepingStatus": row["housekeeping_status"].upper(),
        },
        "roomType": {"id": str(row["t_id"]), "code": row["t_code"], "name": row["t_name"]},
    }
    if balance:
        out["balance"] = {"amount": f"{float(row['balance']):.2f}", "currency": row["currency"]}
    return out


AVAILABILITY_QUERY = """query Availability($property: ID!, $arrival: Date!, $departure: Date!) {
  availability(propertyId: $property, arrival: $arrival, departure: $departure) {
    roomTypes { roomType { id code name } freeCount nights { night bookable sold free } }
    errors { code message }
  }
}"""

AVAILABILITY_TYPES_SQL = (
    "SELECT t.id, t.code, t.name, t.max_occupancy, COUNT(r.id) AS rooms FROM core_room_type t"
    " LEFT JOIN core_room r ON r.room_type = t.id AND r.active = TRUE WHERE t.property = {}"
    " GROUP BY t.id, t.code, t.name, t.max_occupancy ORDER BY t.code"
)
AVAILABILITY_SOLD_SQL = (
    "SELECT room_type, night, COUNT(*) AS sold FROM core_stay_night WHERE property = {}"
    " AND night >= {} AND night < {} GROUP BY room_type, night"
)

BOOK_MUTATION = """mutation Book($input: BookStayInput!) {
  bookStay(input: $input) { stay { id } errors { code message field } }
}"""
CHECK_IN_MUTATION = """mutation CheckIn($input: CheckInInput!) {
  checkIn(input: $input) { stay { id room { id } } errors { code message field } }
}"""
CHECK_OUT_MUTATION = """mutation CheckOut($input: CheckOutInput!) {
  checkOut(input: $input) { stay { id status } errors { code message field } }
}"""
STAY_FOLIOS_QUERY = """query Folios($id: ID!) {
  stay(id: $id) { folios { id balance { amount currency } } }
}"""
PAY_MUTATION = """mutation Pay($input: RecordPaymentInput!) {
  recordPayment(input: $input) { errors { code message field } }
}"""
ROOM_STATUS_MUTATION = """mutation Clean($input: SetRoomStatusInput!) {
  setRoomStatus(input: $input) { room { id } errors { code message } }
}"""
PROPERTIES_QUERY = "query { properties(first: 1) { nodes { id } } }"
