"""The public booking API a hotel's website calls: availability, a quote with taxes, and a
booking that an Idempotency-Key makes safe to retry; only what a website may see."""

from __future__ import annotations

import asyncio

import pytest

from frontdesk.core.stays.tables import Stay

SITE = "https://hotel.example"
API = "/plugins/channels/direct/HQ"
STAY = {"arrival": "2026-12-04", "departure": "2026-12-07", "adults": 2}
GUEST = {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.org"}


DESK_QUOTE = """query($p: ID!, $t: ID!, $a: Date!, $d: Date!, $n: Int!, $c: Int!) {
  quote(propertyId: $p, roomTypeId: $t, arrival: $a, departure: $d, adults: $n, children: $c) {
    errors { code message }
    quote { total { amount currency } roomTotal { amount currency } pricesIncludeTax
            taxes { kind name rate amount { amount currency } included } } } }"""


@pytest.fixture
async def website(gql, hotel):
    """HQ sells doubles at 100.00 a night, prices include 7 % VAT, city tax is 2.00 per
    person and night for at most 7 nights (children under 12 exempt), as the demo's Lisbon
    hotel has it, and its site may book."""
    await gql.ok(
        "setBaseRate",
        {"roomTypeId": hotel.room_types["DBL"], "amount": "100.00"},
        "errors { code }",
    )
    await gql.ok(
        "setTaxRate",
        {"propertyId": hotel.property_id, "category": "ROOM", "rate": "7", "name": "VAT"},
        "errors { code }",
    )
    await gql.ok(
        "setCityTaxRule",
        {
            "propertyId": hotel.property_id,
            "kind": "PER_PERSON_NIGHT",
            "amount": "2.00",
            "maxNights": 7,
            "childExemptionAge": 12,
            "businessExempt": True,
        },
        "errors { code }",
    )
    await gql.ok(
        "channelsConfigureDirectBooking",
        {"propertyId": hotel.property_id, "enabled": True, "allowedOrigins": [SITE]},
        "directBooking { enabled allowedOrigins }",
    )
    return hotel


def booking(**extra) -> dict:
    return {**STAY, "roomType": "DBL", "guest": GUEST, **extra}


async def test_a_property_without_direct_booking_answers_404(http, hotel):
    response = await http.get(f"{API}/availability", params=STAY)
    assert response.status_code == 404


async def test_availability_offers_free_room_types_with_prices_and_nothing_private(http, website):
    response = await http.get(f"{API}/availability", params=STAY)
    assert response.status_code == 200
    found = response.json()
    [offer] = found["offers"]  # the suite has no rate: not offered
    assert offer["roomType"]["code"] == "DBL"
    assert offer["available"] == 2
    assert offer["total"] == {"amount": "312.00", "currency": "EUR"}  # 300 + city tax 12
    text = response.text
    for private in ("Guest0", "guest0@example.org", "101", "notes"):
        assert private not in text


async def test_a_quote_lists_vat_inside_the_prices_and_city_tax_on_top(http, website):
    response = await http.get(f"{API}/quote", params={**STAY, "roomType": "DBL"})
    quote = response.json()
    assert [n["price"]["amount"] for n in quote["nights"]] == ["100.00"] * 3
    assert quote["roomTotal"] == {"amount": "300.00", "currency": "EUR"}
    assert quote["taxes"] == [
        {
            "kind": "vat",
            "name": "VAT",
            "rate": "7",
            "amount": {"amount": "19.62", "currency": "EUR"},  # 3 x 6.54
            "included": True,
        },
        {
            "kind": "city_tax",
            "name": "City tax",
            "rate": None,
            "amount": {"amount": "12.00", "currency": "EUR"},  # 2 adults x 3 nights x 2.00
            "included": False,
        },
    ]
    assert quote["total"] == {"amount": "312.00", "currency": "EUR"}


async def _desk_quote(gql, hotel, adults: int, children: int) -> dict:
    data = await gql.execute(
        DESK_QUOTE,
        {
            "p": hotel.property_id,
            "t": hotel.room_types["DBL"],
            "a": STAY["arrival"],
            "d": STAY["departure"],
            "n": adults,
            "c": children,
        },
    )
    assert data["quote"]["errors"] == []
    return data["quote"]["quote"]


def _lines(taxes: list[dict]) -> list[tuple]:
    return [(t["kind"].lower(), t["name"], t["amount"]["amount"], t["included"]) for t in taxes]


@pytest.mark.parametrize("inclusive", [True, False], ids=["vat-included", "vat-added"])
async def test_the_public_quote_is_the_desks_quote_to_the_cent(gql, http, website, inclusive):
    await gql.ok(
        "setMoneySettings",
        {"propertyId": website.property_id, "pricesIncludeTax": inclusive},
        "errors { code }",
    )
    for adults, children in ((2, 0), (1, 1)):
        params = {**STAY, "roomType": "DBL", "adults": adults, "children": children}
        public = (await http.get(f"{API}/quote", params=params)).json()
        desk = await _desk_quote(gql, website, adults, children)
        assert public["total"] == desk["total"]
        assert public["roomTotal"] == desk["roomTotal"]
        assert _lines(public["taxes"]) == _lines(desk["taxes"])
        assert [t["kind"] for t in public["taxes"]] == ["vat", "city_tax"]
    # one adult and a child under 12: city tax for the adult only
    assert public["taxes"][1]["amount"]["amount"] == "6.00"
    expected = "306.00" if inclusive else "327.00"  # VAT added: 300 + 21.00 + 6.00
    assert public["total"]["amount"] == expected


async def test_the_confirmation_shows_what_the_booked_stay_was_sold_at(gql, http, website):
    answer = await http.post(
        f"{API}/bookings", json=booking(), headers={"Idempotency-Key": "sold-at"}
    )
    confirmation = answer.json()
    [stay] = await Stay.objects().where(Stay.source == "web")
    sold = await gql.execute(
        """query($id: ID!) { stay(id: $id) { sale { total { amount currency }
           taxes { kind name amount { amount currency } included } } } }""",
        {"id": str(stay.id)},
    )
    sale = sold["stay"]["sale"]
    assert confirmation["total"] == sale["total"] == {"amount": "312.00", "currency": "EUR"}
    assert _lines(confirmation["taxes"]) == _lines(sale["taxes"])


async def test_a_booking_needs_an_idempotency_key(http, website):
    response = await http.post(f"{API}/bookings", json=booking())
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "Idempotency-Key"


async def test_a_retried_booking_returns_the_first_answer_and_one_stay(http, website):
    headers = {"Idempotency-Key": "attempt-1"}
    first = await http.post(f"{API}/bookings", json=booking(), headers=headers)
    again = await http.post(f"{API}/bookings", json=booking(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert first.json()["total"] == {"amount": "312.00", "currency": "EUR"}
    stays = await Stay.objects().where(Stay.source == "web")
    assert [s.confirmation_code for s in stays] == [first.json()["confirmationCode"]]


async def test_simultaneous_retries_of_one_key_make_one_stay(http, website):
    headers = {"Idempotency-Key": "double-click"}
    answers = await asyncio.gather(
        *[http.post(f"{API}/bookings", json=booking(), headers=headers) for _ in range(5)]
    )
    codes = {a.json()["confirmationCode"] for a in answers if a.status_code == 201}
    assert len(codes) == 1
    assert await Stay.count().where(Stay.source == "web") == 1


async def test_a_key_reused_for_another_booking_is_refused(http, website):
    headers = {"Idempotency-Key": "k"}
    await http.post(f"{API}/bookings", json=booking(), headers=headers)
    other = await http.post(f"{API}/bookings", json=booking(adults=1), headers=headers)
    assert other.status_code == 422


async def test_bookings_are_rate_limited_per_client_address(http, website):
    answers = []
    for n in range(1, 8):  # one night each, all free: only the limit refuses
        dates = {"arrival": f"2027-01-0{n}", "departure": f"2027-01-0{n + 1}"}
        response = await http.post(
            f"{API}/bookings", json=booking(**dates), headers={"Idempotency-Key": f"k{n}"}
        )
        answers.append(response.status_code)
    assert answers == [201] * 5 + [429] * 2  # channels.bookings_per_minute: 5


async def test_the_hotels_site_gets_cors_and_other_sites_do_not(http, website):
    allowed = await http.get(f"{API}/availability", params=STAY, headers={"Origin": SITE})
    assert allowed.headers["access-control-allow-origin"] == SITE
    other = await http.get(
        f"{API}/availability", params=STAY, headers={"Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in other.headers


async def test_a_preflight_is_answered_for_the_hotels_site_only(settings, website):
    """Without server-wide CORS (production's default), the plugin answers preflights."""
    from dataclasses import replace

    from litestar.testing import AsyncTestClient

    from frontdesk.server.app import create_app

    app = create_app(replace(settings, dev_mode=False))
    async with AsyncTestClient(app=app) as client:
        asked = {"Access-Control-Request-Method": "POST"}
        allowed = await client.options(f"{API}/bookings", headers={"Origin": SITE, **asked})
        other = await client.options(
            f"{API}/bookings", headers={"Origin": "https://evil.example", **asked}
        )
    assert allowed.status_code == 204
    assert allowed.headers["access-control-allow-origin"] == SITE
    assert "Idempotency-Key" in allowed.headers["access-control-allow-headers"]
    assert other.status_code == 403
