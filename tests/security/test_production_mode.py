"""Production mode: no introspection, unexpected errors masked with a request id (stack in the
log only), and rate limiting per caller with the RateLimit headers."""

from __future__ import annotations

import logging

import pytest

from frontdesk.core.errors import DomainError  # noqa: F401  (a DomainError is not masked)
from frontdesk.core.plugins import hookimpl
from frontdesk.core.settings import Settings
from frontdesk.testing.client import GraphQLClient

LIMIT = 6


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    return Settings(
        database_url=database_url,
        plugins=enabled_plugins,
        dev_mode=False,
        rate_limit_per_minute=LIMIT,
    )


async def test_introspection_is_off(gql):
    body = (await gql.raw("{ __schema { queryType { name } } }")).json()
    assert body.get("data") is None
    assert "introspection has been disabled" in body["errors"][0]["message"].lower()


async def test_graphiql_is_not_served(http):
    response = await http.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" not in response.text.lower()


async def test_an_unexpected_error_is_masked_and_logged_with_its_stack(gql, app, caplog):
    class Buggy:
        @hookimpl
        def frontdesk_guest_created(self, guest):
            raise RuntimeError("secret internals: db password is hunter2")

    app.state.runtime.plugin_manager.register(Buggy(), name="buggy")
    prop = await gql.ok("createProperty", {"code": "PRD", "name": "Prod"}, "property { id }")
    with caplog.at_level(logging.ERROR, logger="frontdesk.server"):
        response = await gql.raw(
            'mutation($p: ID!) { createGuest(input: {propertyId: $p, firstName: "A", '
            'lastName: "B"}) { guest { id } errors { code } } }',
            {"p": prop["property"]["id"]},
        )
    error = response.json()["errors"][0]
    request_id = error["extensions"]["requestId"]
    assert error["message"] == f"Unexpected error (request id {request_id})."
    assert "hunter2" not in response.text and "Traceback" not in response.text
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged and logged[0].exc_info is not None


async def test_several_failing_fields_are_each_masked_and_logged_under_one_request_id(
    gql, app, caplog
):
    class Buggy:
        @hookimpl
        def frontdesk_guest_data_export(self, guest):
            raise RuntimeError(f"secret internals of {guest.last_name}")

    app.state.runtime.plugin_manager.register(Buggy(), name="buggy")
    prop = await gql.ok("createProperty", {"code": "PRD", "name": "Prod"}, "property { id }")
    guests = {}
    for name in ("Alpha", "Beta"):
        created = await gql.ok(
            "createGuest",
            {"propertyId": prop["property"]["id"], "firstName": "A", "lastName": name},
            "guest { id }",
        )
        guests[name] = created["guest"]["id"]
    with caplog.at_level(logging.ERROR, logger="frontdesk.server"):
        response = await gql.raw(
            "query($a: ID!, $b: ID!) { a: exportGuestData(guestId: $a) "
            "b: exportGuestData(guestId: $b) }",
            {"a": guests["Alpha"], "b": guests["Beta"]},
        )
    errors = sorted(response.json()["errors"], key=lambda e: e["path"])
    request_id = errors[0]["extensions"]["requestId"]
    masked = f"Unexpected error (request id {request_id})."
    internal = {"code": "INTERNAL", "requestId": request_id}
    assert [(e["path"], e["message"], e["extensions"]) for e in errors] == [
        (["a"], masked, internal),
        (["b"], masked, internal),
    ]
    assert "secret internals" not in response.text and "Traceback" not in response.text
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert sorted(str(r.exc_info[1]) for r in logged) == [
        "secret internals of Alpha",
        "secret internals of Beta",
    ]


async def test_responses_carry_ratelimit_headers_and_the_limit_is_enforced(gql):
    remaining = []
    for _ in range(LIMIT):
        response = await gql.raw("{ me { name } }")
        assert response.status_code == 200
        assert response.headers["ratelimit-limit"] == str(LIMIT)
        remaining.append(int(response.headers["ratelimit-remaining"]))
        assert int(response.headers["ratelimit-reset"]) > 0
    assert remaining == list(range(LIMIT - 1, -1, -1))
    refused = await gql.raw("{ me { name } }")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.headers["ratelimit-remaining"] == "0"
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_each_caller_has_its_own_allowance(gql, http, client_for):
    other: GraphQLClient = await client_for("front_desk")  # uses one of the admin's requests
    for _ in range(LIMIT - 1):
        await gql.raw("{ me { name } }")
    assert (await gql.raw("{ me { name } }")).status_code == 429
    assert (await other.raw("{ me { name } }")).status_code == 200


async def test_anonymous_callers_are_limited_per_address_with_the_same_headers(anonymous_gql):
    refused = await anonymous_gql.raw("{ me { name } }")
    assert refused.status_code == 401
    assert refused.headers["ratelimit-limit"] == str(LIMIT)
    assert refused.headers["ratelimit-remaining"] == str(LIMIT - 1)


def test_the_allowance_refills_at_the_limit_per_minute():
    from frontdesk.graphql.security.ratelimit import RateLimiter

    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])
    for _ in range(3):
        decision = limiter.take("user:ana")
    assert (decision.remaining, decision.reset_seconds) == (57, 3)
    now[0] = 2.0
    decision = limiter.take("user:ana")
    assert (decision.remaining, decision.reset_seconds) == (58, 2)
    assert limiter.take("user:ben").remaining == 59
