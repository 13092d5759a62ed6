"""The lean POST of trusted documents (graphql/http/known_post.py) answers exactly what the
normal path (strawberry's view, the shortcuts off) answers: status, body and content type,
errors included, for an admin and for a limited caller (a permission-denied root field and
mutation, personal fields and balances hidden, another property's stays out of scope); and
anything it does not cover goes the normal way."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest
from litestar.testing import AsyncTestClient
from support.hotel import book, build_hotel

from frontdesk.graphql.execution.trusted import manifest, sha256_of
from frontdesk.graphql.http.known_post import KnownDocumentPost
from frontdesk.server.app import create_app

BOARD = """query Board($p: ID!) {
  stays(propertyId: $p, first: 20) { nodes {
    id status arrival confirmationCode nights
    primaryGuest { id firstName dateOfBirth vip }
    room { number } roomType { code name } balance { amount currency }
  } }
}"""
KEYS = "query Keys { apiKeys { id name } }"
CREATE = """mutation Create($input: CreatePropertyInput!) {
  createProperty(input: $input) { property { id } errors { code message field } }
}"""
TWO = "query A { properties(first: 1) { nodes { id } } } query B { apiKeys { id } }"
DOCUMENTS = {"Board": BOARD, "Keys": KEYS, "Create": CREATE, "Two": TWO}


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def manifest_file(tmp_path) -> str:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest(DOCUMENTS.items())))
    return str(path)


async def _both(settings, manifest_file, requests: list[tuple[dict, dict]]) -> list:
    """Each (body, headers) through the lean path and through the normal path."""
    answers = []
    for lean in (True, False):
        changed = dataclasses.replace(
            settings, execution_shortcuts=lean, trusted_document_files=[manifest_file]
        )
        async with AsyncTestClient(app=create_app(changed)) as http:
            before = KnownDocumentPost.answered
            got = []
            for body, headers in requests:
                answer = await http.post("/graphql", json=body, headers=headers)
                content_type = answer.headers["content-type"].split(";")[0]
                body_of = (
                    answer.json if content_type == "application/json" else lambda a=answer: a.text
                )
                retry = answer.headers.get("retry-after")
                names = sorted(answer.headers.keys())  # rate-limit, request id, length…
                got.append((answer.status_code, content_type, body_of(), retry, names))
            answers.append((got, KnownDocumentPost.answered - before))
    return answers


async def test_the_lean_path_answers_what_the_normal_path_answers(
    gql, client_for, settings, manifest_file
):
    hotel = await build_hotel(gql, doubles=3, guests=3)
    other = await build_hotel(gql, code="BB", doubles=1, guests=1)
    day = hotel.business_date
    for offset in range(3):
        await book(gql, hotel, day + timedelta(days=offset), day + timedelta(days=3), guest=offset)
    concierge = await client_for("concierge", properties=[hotel.property_id])
    admin, limited = gql.headers, concierge.headers
    new = {"input": {"code": "ZZ", "name": "Z", "timezone": "UTC", "currency": "EUR"}}
    requests = [
        ({"query": BOARD, "variables": {"p": hotel.property_id}}, admin),
        ({"query": BOARD, "variables": {"p": hotel.property_id}}, limited),
        ({"query": BOARD, "variables": {"p": other.property_id}}, limited),  # out of scope
        ({"query": KEYS}, limited),  # permission denied: a GraphQL error
        ({"query": CREATE, "variables": new}, limited),  # denied as the payload's errors
        ({"query": BOARD, "variables": {"p": "not an id"}}, admin),
        ({"query": BOARD, "variables": {}}, admin),  # a missing variable
        ({"documentId": f"sha256:{sha256_of(KEYS)}"}, admin),
        ({"query": TWO, "operationName": "A"}, admin),
    ]
    (lean, answered), (plain, plain_answered) = await _both(settings, manifest_file, requests)
    assert lean == plain
    assert answered == len(requests) and plain_answered == 0
    board = lean[1][2]["data"]["stays"]["nodes"]
    assert len(board) == 3 and all(row["balance"] is None for row in board)
    assert all(row["primaryGuest"]["dateOfBirth"] is None for row in board)
    assert lean[0][2]["data"]["stays"]["nodes"][0]["balance"] is not None
    assert lean[2][2]["data"]["stays"]["nodes"] == []
    assert lean[3][2]["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert lean[4][2]["data"]["createProperty"]["errors"][0]["code"] == "PERMISSION_DENIED"


async def test_what_the_lean_path_does_not_cover_goes_the_normal_way(gql, settings, manifest_file):
    unknown = "query Other { properties(first: 3) { nodes { id } } }"
    requests = [
        ({"query": unknown}, gql.headers),  # not a trusted document
        ({"query": TWO}, gql.headers),  # two operations, none named: strawberry's 400
        ({"query": TWO, "operationName": "C"}, gql.headers),
        ([{"query": KEYS}], gql.headers),  # a batch
        ({"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "00"}}}, gql.headers),
    ]
    (lean, answered), (plain, _) = await _both(settings, manifest_file, requests)
    assert answered == 0
    assert [answer[0] for answer in lean] == [answer[0] for answer in plain]
    assert lean[0] == plain[0]
    assert lean[4] == plain[4] and lean[4][0] == 400


async def test_an_anonymous_request_is_refused_before_the_lean_path(settings, manifest_file):
    (lean, answered), (plain, _) = await _both(settings, manifest_file, [({"query": KEYS}, {})])
    assert lean == plain and lean[0][0] == 401 and answered == 0


async def test_an_unreachable_database_is_a_503_on_the_lean_path_too(
    gql, settings, manifest_file, monkeypatch
):
    from frontdesk.graphql.properties import queries

    async def away(*_args, **_kwargs):
        raise ConnectionRefusedError("the database is away")

    monkeypatch.setattr(queries, "paginate", away)
    body = {"query": "query A { properties(first: 1) { nodes { id } } }"}
    two = {"query": TWO, "operationName": "A"}  # the same field, in a trusted document
    (lean, answered), (plain, _) = await _both(
        settings, manifest_file, [(two, gql.headers), (body, gql.headers)]
    )
    assert answered == 1
    assert lean == plain
    assert lean[0][0] == 503 and lean[0][2]["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
    assert lean[0][3] is not None  # Retry-After
