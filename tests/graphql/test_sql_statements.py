"""No N+1: listing stays with guest, room and room type costs the same few statements for 5
stays as for 200 (DataLoaders batch every related object kind into one query)."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import build_hotel
from support.statements import StatementRecorder

LIST = """
query($p: ID!, $first: Int!) {
  stays(propertyId: $p, first: $first) {
    nodes {
      id confirmationCode arrival status
      primaryGuest { fullName email }
      room { number roomType { code } }
      roomType { code name }
      property { code }
    }
    pageInfo { hasNextPage }
  }
}"""


BOARD = """
query($p: ID!, $first: Int!, $d0: Date!, $d1: Date!, $d2: Date!) {
  a: stays(propertyId: $p, arrival: $d0, first: $first) { nodes { ...Row } }
  b: stays(propertyId: $p, arrival: $d1, first: $first) { nodes { ...Row } }
  c: stays(propertyId: $p, arrival: $d2, first: $first) { nodes { ...Row } }
}
fragment Row on Stay {
  id primaryGuest { lastName } room { number } roomType { code } property { code }
  balance { amount }
}"""


async def _statements_for(gql, app, property_id, first):
    with StatementRecorder(app.state.runtime.engine) as counter:
        data = await gql.execute(LIST, {"p": property_id, "first": first})
    return counter.count, len(data["stays"]["nodes"])


async def test_listing_5_or_200_stays_issues_the_same_statements(gql, app):
    hotel = await build_hotel(gql, doubles=40, suites=0, guests=1)
    room_ids = list(hotel.rooms.values())
    day = hotel.business_date
    # Everything goes through the API: the app's connection pool lives in its own event loop.
    for i in range(200):
        guest = await gql.ok(
            "createGuest",
            {
                "propertyId": hotel.property_id,
                "firstName": f"G{i}",
                "lastName": "Load",
                "email": f"g{i}@example.org",
            },
            "guest { id }",
        )
        arrival = day + timedelta(days=(i // 40) * 2)
        await gql.ok(
            "bookStay",
            {
                "propertyId": hotel.property_id,
                "roomTypeId": hotel.room_types["DBL"],
                "guestId": guest["guest"]["id"],
                "arrival": arrival.isoformat(),
                "departure": (arrival + timedelta(days=1)).isoformat(),
                "roomId": room_ids[i % 40],
            },
            "stay { id }",
        )

    small, small_rows = await _statements_for(gql, app, hotel.property_id, 5)
    large, large_rows = await _statements_for(gql, app, hotel.property_id, 200)
    assert (small_rows, large_rows) == (5, 200)
    assert small == large
    # The caller's API key, then stays, guests, rooms, room types, property; on PostgreSQL
    # the request's rate-limit bucket is shared by the server processes (one more statement).
    per_request = 1 + (app.state.runtime.engine.engine_type == "postgres")
    assert large <= 5 + per_request, large

    # A board asks several lists at once: their pages are fetched together, so each related
    # kind is still one statement for all of them, however the pages happen to arrive.
    days = {f"d{n}": (day + timedelta(days=2 * n)).isoformat() for n in range(3)}
    for attempt in range(3):
        counts = []
        for first in (5, 200):
            variables = {"p": hotel.property_id, "first": first, **days}
            with StatementRecorder(app.state.runtime.engine) as counter:
                data = await gql.execute(BOARD, variables)
            counts.append(counter.count)
            assert [len(data[k]["nodes"]) for k in ("a", "b", "c")] == [min(first, 40)] * 3
        assert counts[0] == counts[1] <= 8 + per_request, (attempt, counts)  # 3 pages, 5 kinds
