"""GraphQL safety in the default (dev) configuration: document limits, body size, page size,
and idempotent retries."""

from __future__ import annotations

from frontdesk.testing.client import GraphQLClient

GUEST_INPUT = {"firstName": "Ida", "lastName": "Retry"}
CREATE_GUEST = """mutation($input: CreateGuestInput!) { createGuest(input: $input) {
  guest { id } errors { code } } }"""


def _codes(body: dict) -> list[str]:
    return [e["message"] for e in body.get("errors") or []]


async def test_a_too_deep_query_is_refused(gql, settings):
    nested = "property { " * settings.max_query_depth + "id" + " }" * settings.max_query_depth
    body = (await gql.raw(f"{{ stays {{ nodes {{ room {{ {nested} }} }} }} }}")).json()
    assert any("exceeds maximum operation depth" in m for m in _codes(body))


async def test_too_many_aliases_are_refused(gql, settings):
    aliases = " ".join(
        f"a{i}: properties {{ nodes {{ id }} }}" for i in range(settings.max_aliases + 1)
    )
    body = (await gql.raw(f"{{ {aliases} }}")).json()
    assert any("aliases found" in m for m in _codes(body))


async def test_a_document_with_too_many_tokens_is_refused(gql, settings):
    fields = " ".join(["id"] * settings.max_tokens)
    body = (await gql.raw(f"{{ properties {{ nodes {{ {fields} }} }} }}")).json()
    assert any("more than" in m and "tokens" in m for m in _codes(body))


async def test_an_oversized_body_is_refused_with_413(gql, settings):
    response = await gql.raw(
        "{ properties { nodes { id } } }", {"pad": "x" * (settings.max_body_bytes + 1)}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BODY_TOO_LARGE"


async def test_pages_never_exceed_the_maximum(gql, settings, hotel_a):
    data = await gql.execute("{ guests(first: 100000) { nodes { id } pageInfo { hasNextPage } } }")
    assert len(data["guests"]["nodes"]) <= settings.max_page_size


async def test_a_retry_with_the_same_key_replays_the_first_response(gql, hotel_a):
    variables = {"input": {**GUEST_INPUT, "propertyId": hotel_a.property_id}}
    headers = {"Idempotency-Key": "guest-ida-1"}
    first = await gql.raw(CREATE_GUEST, variables, headers=headers)
    again = await gql.raw(CREATE_GUEST, variables, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    found = await gql.execute('{ guests(search: "Retry") { nodes { id } } }')
    assert len(found["guests"]["nodes"]) == 1


async def test_the_same_key_with_another_body_is_refused(gql, hotel_a):
    headers = {"Idempotency-Key": "guest-ida-2"}
    await gql.raw(
        CREATE_GUEST, {"input": {**GUEST_INPUT, "propertyId": hotel_a.property_id}}, headers=headers
    )
    other = await gql.raw(
        CREATE_GUEST,
        {"input": {"firstName": "Other", "lastName": "Body", "propertyId": hotel_a.property_id}},
        headers=headers,
    )
    assert other.status_code == 422
    assert other.json()["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    found = await gql.execute('{ guests(search: "Body") { nodes { id } } }')
    assert found["guests"]["nodes"] == []


async def test_idempotency_keys_belong_to_their_caller(gql, http, client_for, hotel_a):
    clerk: GraphQLClient = await client_for("front_desk")
    variables = {"input": {**GUEST_INPUT, "propertyId": hotel_a.property_id}}
    headers = {"Idempotency-Key": "shared-key"}
    await gql.raw(CREATE_GUEST, variables, headers=headers)
    second = await clerk.raw(CREATE_GUEST, variables, headers=headers)
    assert "idempotent-replayed" not in second.headers
    found = await gql.execute('{ guests(search: "Retry") { nodes { id } } }')
    assert len(found["guests"]["nodes"]) == 2


async def test_an_idempotent_booking_answers_with_its_related_objects_and_replays_them(
    gql, hotel_a
):
    """The answer of an idempotent request is rendered inside its transaction (it is stored
    with the work): fields resolved side by side share that transaction's connection."""
    day = hotel_a.business_date
    query = """mutation($input: BookStayInput!) { bookStay(input: $input) {
      stay { id roomType { code name } primaryGuest { lastName } property { code }
             nights folios { id } balance { amount } } errors { code } } }"""
    variables = {
        "input": {
            "propertyId": hotel_a.property_id,
            "roomTypeId": hotel_a.room_types["DBL"],
            "guestId": hotel_a.guests[0],
            "arrival": day.isoformat(),
            "departure": day.replace(day=day.day + 2).isoformat(),
        }
    }
    headers = {"Idempotency-Key": "book-related-1"}
    first = await gql.raw(query, variables, headers=headers)
    stay = first.json()["data"]["bookStay"]["stay"]
    assert stay["roomType"]["code"] == "DBL" and stay["property"]["code"] == "A"
    assert stay["primaryGuest"]["lastName"]
    again = await gql.raw(query, variables, headers=headers)
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
