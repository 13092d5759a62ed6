"""The guest ledger: a property's folios with their balances, open ones first, so the desk
sees what is owed before what is settled."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import book, build_hotel
from support.money import charge, pay, set_up_rates, stay_money

FOLIOS = """query($p: ID!, $status: FolioStatus, $first: Int, $after: String) {
  folios(propertyId: $p, status: $status, first: $first, after: $after) {
    nodes { id name status balance { amount currency } }
    totalCount pageInfo { hasNextPage endCursor } errors { code field } } }"""


async def _ledger(gql):
    """Three stays: the first settled (paid, closed), the others open, one owing 30.00."""
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    folios = []
    for guest in range(3):
        stay = (await book(gql, hotel, day, day + timedelta(days=1), guest=guest))["stay"]
        await gql.ok("checkIn", {"stayId": stay["id"]}, "stay { id }")
        folios.append((await stay_money(gql, stay["id"]))["folios"][0]["id"])
    await charge(gql, {"folioId": folios[0]}, "MINIBAR", "12.00")
    await pay(gql, folios[0], "12.00")
    await gql.ok("settleFolio", {"folioId": folios[0]}, "folio { id }")
    await charge(gql, {"folioId": folios[2]}, "MINIBAR", "30.00")
    return hotel, folios


async def test_open_folios_come_first_each_with_its_balance(gql):
    hotel, folios = await _ledger(gql)
    data = (await gql.execute(FOLIOS, {"p": hotel.property_id}))["folios"]
    assert [(f["id"], f["status"], f["balance"]["amount"]) for f in data["nodes"]] == [
        (folios[1], "OPEN", "0.00"),
        (folios[2], "OPEN", "30.00"),
        (folios[0], "SETTLED", "0.00"),
    ]
    assert data["totalCount"] == 3 and data["errors"] == []


async def test_pages_of_the_ledger_run_from_open_into_settled_folios(gql):
    hotel, folios = await _ledger(gql)
    seen, after = [], None
    while True:
        variables = {"p": hotel.property_id, "first": 2, "after": after}
        page = (await gql.execute(FOLIOS, variables))["folios"]
        seen += [f["id"] for f in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [folios[1], folios[2], folios[0]]


async def test_the_ledger_filters_by_status(gql):
    hotel, folios = await _ledger(gql)
    data = (await gql.execute(FOLIOS, {"p": hotel.property_id, "status": "SETTLED"}))["folios"]
    assert [f["id"] for f in data["nodes"]] == [folios[0]] and data["totalCount"] == 1


async def test_a_cursor_of_another_list_is_an_error_of_the_ledger(gql):
    hotel, _ = await _ledger(gql)
    rooms = await gql.execute(
        "query($p: ID!) { rooms(propertyId: $p, first: 1) { pageInfo { endCursor } } }",
        {"p": hotel.property_id},
    )
    cursor = rooms["rooms"]["pageInfo"]["endCursor"]
    data = (await gql.execute(FOLIOS, {"p": hotel.property_id, "after": cursor}))["folios"]
    assert data["nodes"] == [] and data["errors"] == [{"code": "INVALID_INPUT", "field": "after"}]
