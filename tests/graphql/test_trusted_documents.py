"""Trusted documents (graphql/execution/trusted.py): registered documents can be named by
sha256 in Apollo's and GraphQL-over-HTTP's conventions, an unknown hash is answered the way
APQ clients expect, and with FRONTDESK_TRUSTED_DOCUMENTS_ONLY only known documents run."""

from __future__ import annotations

import dataclasses
import json

import pytest
from litestar.testing import AsyncTestClient

from frontdesk.benchmarks.queries import PROPERTIES_QUERY
from frontdesk.graphql.execution.trusted import manifest, sha256_of
from frontdesk.server.app import create_app
from frontdesk.testing.databases import TEST_ADMIN_KEY

AUTH = {"Authorization": f"Bearer {TEST_ADMIN_KEY}"}
UNKNOWN = "query Unknown { properties(first: 2) { nodes { id name } } }"
LOGIN = (
    "mutation SignIn($u: String!, $p: String!) "
    "{ login(input: {username: $u, password: $p}) { errors { code } } }"
)


@pytest.fixture
def backend() -> str:
    return "sqlite"  # the registry sits in front of the database


def _client(settings, **changes) -> AsyncTestClient:
    return AsyncTestClient(app=create_app(dataclasses.replace(settings, **changes)))


def _apq(text: str) -> dict:
    return {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256_of(text)}}}


async def test_a_known_document_is_answered_by_its_hash_in_both_conventions(settings):
    async with _client(settings) as client:
        by_text = await client.post("/graphql", json={"query": PROPERTIES_QUERY}, headers=AUTH)
        apollo = await client.post("/graphql", json=_apq(PROPERTIES_QUERY), headers=AUTH)
        document_id = {"documentId": f"sha256:{sha256_of(PROPERTIES_QUERY)}"}
        over_http = await client.post("/graphql", json=document_id, headers=AUTH)
    assert by_text.status_code == 200
    assert by_text.json() == {"data": {"properties": {"nodes": []}}}  # an empty database
    assert apollo.json() == by_text.json()
    assert over_http.json() == by_text.json()


async def test_an_unknown_hash_is_not_found_and_the_text_with_its_hash_then_runs(settings):
    async with _client(settings) as client:
        first = await client.post("/graphql", json=_apq(UNKNOWN), headers=AUTH)
        retry = await client.post(
            "/graphql", json={"query": UNKNOWN, **_apq(UNKNOWN)}, headers=AUTH
        )
        wrong = await client.post(
            "/graphql", json={"query": UNKNOWN, **_apq(PROPERTIES_QUERY)}, headers=AUTH
        )
    assert first.status_code == 400
    assert first.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert first.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert retry.status_code == 200 and "errors" not in retry.json()
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"


async def test_only_trusted_documents_run_when_the_setting_says_so(settings):
    async with _client(settings, trusted_documents_only=True) as client:
        known = await client.post("/graphql", json={"query": PROPERTIES_QUERY}, headers=AUTH)
        unknown = await client.post("/graphql", json={"query": UNKNOWN}, headers=AUTH)
        batch = await client.post("/graphql", json=[{"query": UNKNOWN}], headers=AUTH)
    assert known.status_code == 200 and "errors" not in known.json()
    assert unknown.status_code == 400
    assert unknown.json()["data"] is None
    assert unknown.json()["errors"][0]["extensions"]["code"] == "DOCUMENT_NOT_TRUSTED"
    assert batch.status_code == 400


async def test_a_manifest_file_registers_its_documents_and_a_wrong_id_fails_start(
    settings, tmp_path
):
    good = tmp_path / "desk.json"
    good.write_text(json.dumps(manifest([("Unknown", UNKNOWN)])))
    async with _client(
        settings, trusted_documents_only=True, trusted_document_files=[str(good)]
    ) as client:
        answer = await client.post("/graphql", json=_apq(UNKNOWN), headers=AUTH)
    assert answer.status_code == 200
    assert answer.json() == {"data": {"properties": {"nodes": []}}}
    bad = tmp_path / "bad.json"
    broken = manifest([("Unknown", UNKNOWN)])
    broken["operations"][0]["id"] = sha256_of("something else")
    bad.write_text(json.dumps(broken))
    with pytest.raises(ValueError, match="not the sha256"):
        create_app(dataclasses.replace(settings, trusted_document_files=[str(bad)]))


async def test_a_document_that_does_not_validate_is_left_out_not_registered(settings, tmp_path):
    path = tmp_path / "stale.json"
    path.write_text(json.dumps(manifest([("Stale", "{ noSuchField }")])))
    app = create_app(dataclasses.replace(settings, trusted_document_files=[str(path)]))
    known = app.state["schema"].trusted_documents
    assert known.by_text("{ noSuchField }") is None
    assert known.refused and "does not validate" in known.refused[-1][1]


async def test_an_anonymous_login_by_hash_is_public_like_its_text(settings, tmp_path):
    path = tmp_path / "login.json"
    path.write_text(json.dumps(manifest([("SignIn", LOGIN)])))
    async with _client(settings, trusted_document_files=[str(path)]) as client:
        variables = {"u": "nobody", "p": "wrong password"}
        answer = await client.post("/graphql", json={**_apq(LOGIN), "variables": variables})
    assert answer.status_code == 200
    assert answer.json()["data"]["login"]["errors"][0]["code"]
