"""The demo through the API: a room type quotes a price, and every query of the walkthrough
``frontdesk demo`` prints runs as printed."""

from __future__ import annotations

from decimal import Decimal

from frontdesk.core import runtime
from frontdesk.server.demo import load_demo


async def _berlin(gql) -> dict:
    data = await gql.execute("{ properties { nodes { id code businessDate } } }")
    return next(p for p in data["properties"]["nodes"] if p["code"] == "BERLIN")


async def test_a_demo_room_type_quotes_a_price(gql):
    await load_demo(runtime.current())
    berlin = await _berlin(gql)
    types = await gql.execute(
        "query($p: ID!) { roomTypes(propertyId: $p) { nodes { id code } } }", {"p": berlin["id"]}
    )
    double = next(t for t in types["roomTypes"]["nodes"] if t["code"] == "DBL")
    priced = await gql.execute(
        """query($p: ID!, $t: ID!, $a: Date!, $d: Date!) {
             quote(propertyId: $p, roomTypeId: $t, arrival: $a, departure: $d, adults: 2) {
               quote { total { amount } nights { night } } errors { message } } }""",
        {"p": berlin["id"], "t": double["id"], "a": berlin["businessDate"], "d": _plus(berlin)},
    )
    assert priced["quote"]["errors"] == []
    assert len(priced["quote"]["quote"]["nights"]) == 2
    assert Decimal(priced["quote"]["quote"]["total"]["amount"]) > 0


def _plus(prop: dict) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(prop["businessDate"]) + timedelta(days=2)).isoformat()


async def test_every_query_of_the_walkthrough_runs_as_printed(gql):
    lines = await load_demo(runtime.current())
    queries = [line.strip() for line in lines if line.strip().startswith("{ ")]
    assert len(queries) >= 4
    for query in queries:
        data = await gql.execute(query)
        (answer,) = data.values()
        assert answer is not None, query
        assert not (isinstance(answer, dict) and answer.get("errors")), (query, answer)
