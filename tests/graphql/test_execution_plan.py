"""The compiled plans of trusted documents (graphql/execution/plan.py) answer exactly what
plain execution (the shortcuts off) answers: the web desk's board and a paged board, for an
admin, a concierge (no balances, no personal fields), a clerk without personal data, a
clerk of one hotel asking another, empty lists and a wrong variable; and the plan is really
what answered (so the comparison is not between two plain executions)."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from litestar.testing import AsyncTestClient
from support.hotel import book, build_hotel

from frontdesk.benchmarks.queries import board_query
from frontdesk.core.plugins import create_plugin_manager
from frontdesk.graphql.execution import plan
from frontdesk.graphql.execution.trusted import manifest
from frontdesk.graphql.schema import build_schema
from frontdesk.server.app import create_app
from frontdesk.testing import BUILTIN_PLUGINS

WEB = Path(__file__).parents[2] / "plugins" / "web" / "documents.json"
BOARD = next(
    op["body"]
    for op in json.loads(WEB.read_text())["operations"]
    if op["name"] == "BoardWithBalance"
)
WEB_DOCUMENTS = {
    op["name"]: op["body"]
    for op in json.loads(WEB.read_text())["operations"]
    if op["name"] in ("Board", "Calendar", "Housekeeping")
}
BENCH = board_query(balance=True)  # the harness's board: its rows in a fragment
PAGED = """query Paged($p: ID!, $n: Int, $after: String) {
  stays(propertyId: $p, first: $n, after: $after) {
    __typename pageInfo { hasNextPage endCursor } errors { code message field }
    nodes { id status arrival departure confirmationCode nights adults
      primaryGuest { id firstName lastName dateOfBirth vip }
      room { number housekeepingStatus } roomType { code name }
      balance { amount currency } }
  }
}"""


async def _both(settings, tmp_path, requests: list[tuple[dict, dict]]) -> tuple[list, list, Any]:
    """Each (body, headers) with the shortcuts on and off; how many the plans answered and
    how many they gave up to graphql-core."""
    path = tmp_path / "manifest.json"
    documents = [("Board", BOARD), ("Paged", PAGED), ("Bench", BENCH), *WEB_DOCUMENTS.items()]
    path.write_text(json.dumps(manifest(documents)))
    answers = []
    answered = fallbacks = 0
    for on in (True, False):
        changed = dataclasses.replace(
            settings, execution_shortcuts=on, trusted_document_files=[str(path)]
        )
        async with AsyncTestClient(app=create_app(changed)) as http:
            before, gave_up = plan.STATS["answered"], plan.STATS["fallbacks"]
            got = []
            for body, headers in requests:
                answer = await http.post("/graphql", json=body, headers=headers)
                got.append((answer.status_code, answer.json()))
            if on:
                answered = plan.STATS["answered"] - before
                fallbacks = plan.STATS["fallbacks"] - gave_up
            else:
                assert plan.STATS["answered"] == before
            answers.append(got)
    return answers[0], answers[1], (answered, fallbacks)


async def test_the_plan_answers_what_plain_execution_answers(gql, client_for, settings, tmp_path):
    hotel = await build_hotel(gql, doubles=4, guests=4)
    other = await build_hotel(gql, code="BB", doubles=1, guests=1)
    day = hotel.business_date
    stays = [
        (await book(gql, hotel, day + timedelta(days=n), day + timedelta(days=4), guest=n))["stay"]
        for n in range(4)
    ]
    await gql.ok("checkIn", {"stayId": stays[0]["id"]}, "stay { id }")  # in house, a room
    await book(gql, other, other.business_date, other.business_date + timedelta(days=1))
    for guest in hotel.guests:
        update = {"guestId": guest, "dateOfBirth": "1980-02-29", "vip": True}
        await gql.ok("updateGuest", update, "guest { id }")
    concierge = await client_for("concierge", properties=[hotel.property_id])
    clerk = await client_for(permissions=["stays.read", "guests.read", "folios.read"])
    scoped = await client_for("front_desk", properties=[hotel.property_id])
    housekeeping = await client_for("housekeeping")
    hr = await client_for("hr")
    admin = gql.headers
    board = {"p": hotel.property_id, "d": day.isoformat()}
    bench = {"property": hotel.property_id, "day": day.isoformat(), "first": 50}
    empty = {"p": hotel.property_id, "d": (day - timedelta(days=30)).isoformat()}
    requests = [
        ({"query": BOARD, "variables": board}, admin),
        ({"query": BOARD, "variables": board}, concierge.headers),
        ({"query": BOARD, "variables": board}, clerk.headers),
        ({"query": BOARD, "variables": empty}, admin),
        (
            {"query": BOARD, "variables": {**board, "d": (day + timedelta(days=4)).isoformat()}},
            admin,
        ),
        ({"query": PAGED, "variables": {"p": hotel.property_id, "n": 2}}, admin),
        ({"query": PAGED, "variables": {"p": hotel.property_id, "n": 2}}, concierge.headers),
        ({"query": PAGED, "variables": {"p": hotel.property_id, "n": 2}}, clerk.headers),
        ({"query": PAGED, "variables": {"p": other.property_id}}, scoped.headers),
        ({"query": PAGED, "variables": {"p": hotel.property_id, "n": -1}}, admin),
        ({"query": PAGED, "variables": {"p": hotel.property_id, "after": "nope"}}, admin),
        ({"query": BENCH, "variables": bench}, admin),
        ({"query": BENCH, "variables": bench}, concierge.headers),
        ({"query": BOARD, "variables": {"p": "not an id", "d": day.isoformat()}}, admin),
        ({"query": BOARD, "variables": {"p": hotel.property_id}}, admin),  # missing variable
        ({"query": BOARD, "variables": board}, housekeeping.headers),  # no folios.read
        ({"query": BOARD, "variables": board}, hr.headers),  # no stays.read: FORBIDDEN
    ]
    cursor = {"p": hotel.property_id, "n": 2}
    planned, plain, answered = await _both(settings, tmp_path, requests)
    assert planned == plain
    # The plan answered every request that reached execution (a missing variable does not)
    # but one, which it gave up to graphql-core: a root field refused is an error.
    assert answered == (len(requests) - 2, 1)
    assert planned[-1][1]["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert planned[-2][1]["data"]["inHouse"]["nodes"][0]["balance"] is None
    rows = planned[0][1]["data"]["inHouse"]["nodes"]
    assert rows and rows[0]["balance"] is not None and rows[0]["primaryGuest"]["fullName"]
    assert rows[0]["room"]["number"] and rows[0]["status"] == "CHECKED_IN"
    assert len(planned[4][1]["data"]["departures"]["nodes"]) == 4
    assert all(r["balance"] is None for r in planned[1][1]["data"]["arrivals"]["nodes"])
    paged = planned[5][1]["data"]["stays"]
    assert len(paged["nodes"]) == 2 and paged["pageInfo"]["hasNextPage"] is True
    assert paged["nodes"][0]["primaryGuest"]["dateOfBirth"] is not None
    assert all(
        n["primaryGuest"]["dateOfBirth"] is None for n in planned[7][1]["data"]["stays"]["nodes"]
    )
    assert planned[8][1]["data"]["stays"]["nodes"] == []
    assert planned[9][1]["data"]["stays"]["errors"]
    assert planned[3][1]["data"]["arrivals"]["nodes"] == []
    assert planned[11][1]["data"]["inHouse"]["nodes"][0]["balance"] is not None
    # The next page, by the cursor the plan gave.
    cursor["after"] = paged["pageInfo"]["endCursor"]
    planned, plain, answered = await _both(
        settings, tmp_path, [({"query": PAGED, "variables": cursor}, admin)]
    )
    assert planned == plain and answered == (1, 0)
    assert planned[0][1]["data"]["stays"]["nodes"]


async def test_a_document_the_planner_does_not_know_fully_has_no_plan(settings):
    on = dataclasses.replace(settings, execution_shortcuts=True)
    schema = build_schema(create_plugin_manager(BUILTIN_PLUGINS), settings=on)
    trusted = schema.trusted_documents
    before = len(schema._schema.extensions.get(plan.PLANS_KEY, {}))
    for text in (
        "query F { stays { nodes { id } nodes { status } } }",  # fields to merge
        "query D($x: Boolean!) { stays { nodes { id @include(if: $x) } } }",
        "query T { stays { totalCount } }",
        "mutation M { logout }",
    ):
        trusted.register(text, "test")
    assert len(schema._schema.extensions[plan.PLANS_KEY]) == before
    trusted.register("query P { stays { nodes { id } } }", "test")
    trusted.register(
        "query S { stays { ...S } } fragment S on StayConnection { nodes { id } }", "t"
    )
    assert len(schema._schema.extensions[plan.PLANS_KEY]) == before + 2


async def test_a_field_that_fails_is_graphql_cores_error_with_the_plan_too(gql, settings, tmp_path):
    from frontdesk.core.stays.tables import Stay as StayRow

    hotel = await build_hotel(gql, doubles=2, guests=2)
    day = hotel.business_date
    for n in range(2):
        await book(gql, hotel, day, day + timedelta(days=2), guest=n)
    first = await StayRow.select(StayRow.id).order_by(StayRow.id).first()
    # A status no StayStatus knows (written around the services): the resolver raises.
    await StayRow.update({StayRow.status: "lost"}).where(StayRow.id == first["id"])
    variables = {"p": hotel.property_id, "d": day.isoformat()}
    planned, plain, counts = await _both(
        settings, tmp_path, [({"query": BOARD, "variables": variables}, gql.headers)]
    )
    assert planned == plain and counts == (0, 1)
    assert planned[0][1]["errors"][0]["path"][:3] == ["arrivals", "nodes", 0]


async def test_the_web_desks_other_documents_answer_what_plain_execution_answers(
    gql, client_for, settings, tmp_path
):
    """The desk's board without balances, its calendar and the housekeeping list, for an
    admin, a concierge (no personal fields) and housekeeping: rooms in and out of order,
    stays with and without a room (a null related row)."""
    hotel = await build_hotel(gql, doubles=3, guests=3)
    day = hotel.business_date
    stays = [
        (await book(gql, hotel, day, day + timedelta(days=2 + n), guest=n))["stay"]
        for n in range(3)
    ]
    await gql.ok("checkIn", {"stayId": stays[0]["id"]}, "stay { id }")
    concierge = await client_for("concierge", properties=[hotel.property_id])
    housekeeping = await client_for("housekeeping")
    requests = [
        ({"query": WEB_DOCUMENTS[name], "variables": variables}, headers)
        for name, variables in (
            ("Board", {"p": hotel.property_id, "d": day.isoformat()}),
            ("Calendar", {"p": hotel.property_id}),
            ("Housekeeping", {"p": hotel.property_id}),
        )
        for headers in (gql.headers, concierge.headers, housekeeping.headers)
    ]
    planned, plain, (answered, fallbacks) = await _both(settings, tmp_path, requests)
    assert planned == plain
    assert (answered, fallbacks) == (len(requests), 0)  # rooms too, since session 11
    board = planned[0][1]["data"]
    rooms = [row["room"] for row in board["arrivals"]["nodes"]]
    assert None in rooms and any(room is not None for room in rooms)
    assert all(row["primaryGuest"]["fullName"] for row in board["arrivals"]["nodes"])
