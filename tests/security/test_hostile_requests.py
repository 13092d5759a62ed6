"""Hostile requests in production mode, through HTTP: a fragment bomb, documents above the
cost limit, huge amounts, LIKE wildcards, bytes that are not UTF-8, lone surrogates, unknown
fragments and field suggestions. Each is answered as the client's mistake, never INTERNAL."""

from __future__ import annotations

import json
from datetime import date

import pytest
from support.hotel import book, build_hotel
from support.money import STAY_MONEY, set_up_rates

from frontdesk.core.settings import Settings

HUGE = ["1e999999999", "1" + "0" * 40]


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    return Settings(
        database_url=database_url,
        plugins=enabled_plugins,
        dev_mode=False,
        connection_pool=False,
        rate_limit_per_minute=100_000,
    )


def _bomb(levels: int) -> str:
    fragments = " ".join(
        f"fragment C{i} on Query {{ ...C{i + 1} ...C{i + 1} }}" for i in range(levels)
    )
    return f"query {{ ...C0 }} {fragments} fragment C{levels} on Query {{ me {{ name }} }}"


def _messages(body: dict) -> list[str]:
    return [e["message"] for e in body.get("errors") or []]


async def test_a_fragment_bomb_is_refused_for_its_cost_without_being_walked(gql):
    response = await gql.raw(_bomb(20))  # 2^20 fields once expanded, 1.3 KB of text
    assert response.status_code == 200
    body = response.json()
    assert body.get("data") is None
    assert any("costs more than" in m for m in _messages(body))


async def test_pages_times_fields_above_the_cost_limit_are_refused(gql, settings):
    row = "id arrival departure status confirmationCode adults children"
    per_alias = 1 + settings.max_page_size * (1 + 7)
    count = settings.max_query_cost // per_alias + 1
    assert count <= settings.max_aliases
    aliases = " ".join(f"a{i}: stays(first: 250) {{ nodes {{ {row} }} }}" for i in range(count))
    body = (await gql.raw(f"{{ {aliases} }}")).json()
    assert any("costs more than" in m for m in _messages(body))


async def test_an_unknown_fragment_is_reported_by_name(gql):
    body = (await gql.raw("{ me { ...Missing } }")).json()
    assert _messages(body) == ["Unknown fragment 'Missing'."]


async def test_field_suggestions_are_not_given_in_production(gql):
    body = (await gql.raw("{ stayz }")).json()
    assert _messages(body) and not any("Did you mean" in m for m in _messages(body))


@pytest.mark.parametrize(
    "raw",
    [
        b'{"query": "{ me { name \xc3\x28 } }"}',
        b'{"query": "query($n: String!) { me { name } }", "variables": {"n": "\xff\xfe"}}',
        '{"query": "{ me { name } }", "variables": {"n": "Müller"}}'.encode("latin-1"),
    ],
    ids=["query", "variables", "latin-1"],
)
async def test_a_body_that_is_not_utf8_gets_400(http, admin_key, raw):
    response = await http.post(
        "/graphql",
        content=raw,
        headers={"Authorization": f"Bearer {admin_key}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "INVALID_BODY"
    assert "UTF-8" in error["message"]


async def test_a_lone_surrogate_is_invalid_input_on_its_field(http, admin_key, gql):
    hotel = await build_hotel(gql, code="S", doubles=1, suites=0, guests=0)
    query = """mutation($input: CreateGuestInput!) { createGuest(input: $input) {
      guest { id } errors { code field } } }"""
    variables = {"input": {"propertyId": hotel.property_id, "firstName": "SURROGATE"}}
    variables["input"]["lastName"] = "Doe"
    # json.dumps would refuse to write a lone surrogate: splice the escape into the text.
    body = json.dumps({"query": query, "variables": variables}).replace("SURROGATE", "\\ud800x")
    response = await http.post(
        "/graphql",
        content=body.encode(),
        headers={"Authorization": f"Bearer {admin_key}", "Content-Type": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["data"]["createGuest"] == {
        "guest": None,
        "errors": [{"code": "INVALID_INPUT", "field": "firstName"}],
    }


@pytest.mark.parametrize("text", ["\\", "%", "_", "a\\"])
async def test_like_wildcards_in_a_new_guests_name_match_only_themselves(gql, text):
    hotel = await build_hotel(gql, code="L", doubles=1, suites=0, guests=2)
    payload = await gql.mutate(
        "createGuest",
        {"propertyId": hotel.property_id, "firstName": text, "lastName": "x"},
        "guest { id }",
    )
    assert payload["errors"] == [] and payload["guest"]["id"]


async def test_a_search_for_a_wildcard_finds_only_guests_holding_it(gql):
    hotel = await build_hotel(gql, code="W", doubles=1, suites=0, guests=3)
    await gql.ok(
        "createGuest",
        {"propertyId": hotel.property_id, "firstName": "Per%cent", "lastName": "Under_score"},
        "guest { id }",
    )
    found = {}
    for search in ("%", "_", "r%c", "Under_"):
        data = await gql.execute(
            "query($s: String) { guests(search: $s) { nodes { firstName } } }", {"s": search}
        )
        found[search] = [g["firstName"] for g in data["guests"]["nodes"]]
    assert found == {
        "%": ["Per%cent"],
        "_": ["Per%cent"],
        "r%c": ["Per%cent"],
        "Under_": ["Per%cent"],
    }


async def _money_inputs(gql) -> dict[str, tuple[dict, str]]:
    hotel = await build_hotel(gql, code="M", doubles=1, suites=0, guests=1)
    await set_up_rates(gql, hotel)
    stay = (await book(gql, hotel, date(2026, 11, 23), date(2026, 11, 25)))["stay"]
    folio = (await gql.execute(STAY_MONEY, {"id": stay["id"]}))["stay"]["folios"][0]
    payment = await gql.ok(
        "recordPayment",
        {"folioId": folio["id"], "amount": "10.00", "currency": "EUR", "method": "CASH"},
        "entry { id }",
    )
    return {
        "setBaseRate": ({"roomTypeId": hotel.room_types["DBL"]}, "amount"),
        "postCharge": (
            {"stayId": stay["id"], "category": "FOOD_BEVERAGE", "description": "x"},
            "unitPrice",
        ),
        "postCredit": ({"stayId": stay["id"], "description": "x"}, "amount"),
        "recordPayment": (
            {"folioId": folio["id"], "currency": "EUR", "method": "CASH"},
            "amount",
        ),
        "refundPayment": (
            {"paymentId": payment["entry"]["id"], "currency": "EUR"},
            "amount",
        ),
        "createCityLedgerAccount": (
            {"propertyId": hotel.property_id, "code": "ACME", "name": "Acme"},
            "creditLimit",
        ),
    }


async def test_huge_amounts_are_invalid_input_on_every_money_field(gql):
    inputs = await _money_inputs(gql)
    refused = {}
    for name, (fields, amount_field) in inputs.items():
        for value in HUGE:
            payload = await gql.mutate(name, {**fields, amount_field: value}, "")
            refused[(name, value)] = [(e["code"], e["field"]) for e in payload["errors"]]
    assert refused == {
        (name, value): [("INVALID_INPUT", amount_field)]
        for name, (_fields, amount_field) in inputs.items()
        for value in HUGE
    }
