"""Nothing is open without credentials except login and /health; keys and sessions can be
revoked and expire; failed logins are throttled."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from security.conftest import PASSWORD

from frontdesk.testing.client import GraphQLClient

LOGIN = """mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) {
  session { accessToken refreshToken } user { username } errors { code field } } }"""


@pytest.fixture
def _user(create_user):
    return lambda name="ana": create_user(name, "front_desk")


async def test_a_query_without_credentials_gets_401(anonymous_gql):
    response = await anonymous_gql.raw("{ properties { nodes { id } } }")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_mutation_without_credentials_gets_401(anonymous_gql):
    response = await anonymous_gql.raw(
        'mutation { createProperty(input: {code: "X", name: "X"}) { errors { code } } }'
    )
    assert response.status_code == 401


async def test_garbage_without_credentials_gets_401_not_a_parse_error(anonymous_gql):
    response = await anonymous_gql.raw("{{{ not graphql")
    assert response.status_code == 401


async def test_health_is_open(http):
    assert (await http.get("/health")).status_code == 200


async def test_login_is_open_and_its_token_authenticates(anonymous_gql, http, _user):
    ana = await _user()
    payload = (await anonymous_gql.execute(LOGIN, {"u": "ana", "p": PASSWORD}))["login"]
    assert payload["errors"] == [] and payload["user"]["username"] == "ana"
    token = payload["session"]["accessToken"]
    me = await GraphQLClient(http, {"Authorization": f"Bearer {token}"}).execute(
        "{ me { kind name permissions userId } }"
    )
    assert me["me"]["kind"] == "user" and me["me"]["name"] == "ana"
    assert me["me"]["userId"] == ana["id"]  # what a staff member's userId links to
    assert "stays.write" in me["me"]["permissions"]
    assert "users.admin" not in me["me"]["permissions"]


async def test_an_api_key_is_no_user(gql):
    me = (await gql.execute("{ me { kind userId } }"))["me"]
    assert me == {"kind": "apikey", "userId": None}


async def test_wrong_password_is_refused_without_telling_which_part_was_wrong(anonymous_gql, _user):
    await _user()
    wrong = (await anonymous_gql.execute(LOGIN, {"u": "ana", "p": "nope"}))["login"]
    unknown = (await anonymous_gql.execute(LOGIN, {"u": "bob", "p": "nope"}))["login"]
    assert wrong["session"] is None
    assert (
        wrong["errors"]
        == unknown["errors"]
        == [{"code": "AUTHENTICATION_FAILED", "field": "password"}]
    )


async def test_failed_logins_are_throttled_per_username(anonymous_gql, _user, settings):
    await _user()
    limit = settings.login_failures_per_user
    for _ in range(limit):
        await anonymous_gql.execute(LOGIN, {"u": "ana", "p": "wrong"})
    blocked = (await anonymous_gql.execute(LOGIN, {"u": "ana", "p": PASSWORD}))["login"]
    assert blocked["session"] is None
    assert blocked["errors"][0]["code"] == "THROTTLED"


async def test_failed_logins_are_throttled_per_client_address(anonymous_gql, _user, app):
    await _user("eve")
    limit = app.state.runtime.settings.login_failures_per_address
    for i in range(limit):
        await anonymous_gql.execute(LOGIN, {"u": f"nobody{i}", "p": "wrong"})
    blocked = (await anonymous_gql.execute(LOGIN, {"u": "eve", "p": PASSWORD}))["login"]
    assert blocked["errors"][0]["code"] == "THROTTLED"


async def test_logout_ends_the_session(anonymous_gql, http, _user):
    await _user()
    token = (await anonymous_gql.execute(LOGIN, {"u": "ana", "p": PASSWORD}))["login"]["session"][
        "accessToken"
    ]
    client = GraphQLClient(http, {"Authorization": f"Bearer {token}"})
    assert (await client.execute("mutation { logout { ok errors { code } } }"))["logout"]["ok"]
    assert (await client.raw("{ me { name } }")).status_code == 401


async def test_refresh_rotates_the_tokens_and_the_old_refresh_token_dies(anonymous_gql, _user):
    await _user()
    session = (await anonymous_gql.execute(LOGIN, {"u": "ana", "p": PASSWORD}))["login"]["session"]
    refresh = """mutation($t: String!) { refreshSession(input: {refreshToken: $t}) {
      session { accessToken } errors { code } } }"""
    first = await anonymous_gql.execute(refresh, {"t": session["refreshToken"]})
    assert first["refreshSession"]["session"]["accessToken"] != session["accessToken"]
    again = await anonymous_gql.execute(refresh, {"t": session["refreshToken"]})
    assert again["refreshSession"]["errors"] == [{"code": "AUTHENTICATION_FAILED"}]


async def test_reusing_a_rotated_refresh_token_ends_every_session_of_its_family(
    anonymous_gql, http, _user
):
    await _user()
    stolen = (await anonymous_gql.execute(LOGIN, {"u": "ana", "p": PASSWORD}))["login"]["session"]
    other = (await anonymous_gql.execute(LOGIN, {"u": "ana", "p": PASSWORD}))["login"]["session"]
    refresh = """mutation($t: String!) { refreshSession(input: {refreshToken: $t}) {
      session { accessToken refreshToken } errors { code } } }"""
    rotated = (await anonymous_gql.execute(refresh, {"t": stolen["refreshToken"]}))[
        "refreshSession"
    ]["session"]
    rotated_client = GraphQLClient(http, {"Authorization": f"Bearer {rotated['accessToken']}"})
    assert (await rotated_client.raw("{ me { name } }")).status_code == 200
    reused = await anonymous_gql.execute(refresh, {"t": stolen["refreshToken"]})
    assert reused["refreshSession"]["errors"] == [{"code": "AUTHENTICATION_FAILED"}]
    assert (await rotated_client.raw("{ me { name } }")).status_code == 401
    after = await anonymous_gql.execute(refresh, {"t": rotated["refreshToken"]})
    assert after["refreshSession"]["errors"] == [{"code": "AUTHENTICATION_FAILED"}]
    other_client = GraphQLClient(http, {"Authorization": f"Bearer {other['accessToken']}"})
    assert (await other_client.raw("{ me { name } }")).status_code == 200


async def test_changing_the_password_ends_other_sessions(anonymous_gql, http, _user):
    await _user()
    tokens = [
        (await anonymous_gql.execute(LOGIN, {"u": "ana", "p": PASSWORD}))["login"]["session"][
            "accessToken"
        ]
        for _ in range(2)
    ]
    first, second = (GraphQLClient(http, {"Authorization": f"Bearer {t}"}) for t in tokens)
    changed = await first.mutate(
        "changePassword",
        {"currentPassword": PASSWORD, "newPassword": "a new long passphrase"},
        "ok",
    )
    assert changed == {"ok": True, "errors": []}
    assert (await first.raw("{ me { name } }")).status_code == 200
    assert (await second.raw("{ me { name } }")).status_code == 401


async def test_a_revoked_api_key_is_refused(gql, client_for):
    client = await client_for("front_desk")
    assert (await client.raw("{ me { name } }")).status_code == 200
    keys = (await gql.execute("{ apiKeys { id name } }"))["apiKeys"]
    key_id = next(k["id"] for k in keys if k["name"] == "front_desk key")
    revoked = await gql.ok("revokeApiKey", {"apiKeyId": key_id}, "apiKey { revokedAt }")
    assert revoked["apiKey"]["revokedAt"] is not None
    assert (await client.raw("{ me { name } }")).status_code == 401


async def test_an_expired_api_key_is_refused(client_for):
    soon = (datetime.now(UTC) + timedelta(seconds=1.5)).isoformat()
    client = await client_for("front_desk", expires_at=soon)
    assert (await client.raw("{ me { name } }")).status_code == 200
    await asyncio.sleep(1.6)
    assert (await client.raw("{ me { name } }")).status_code == 401


async def test_api_key_is_shown_once_and_only_its_hash_is_stored(gql, settings):
    payload = await gql.ok(
        "createApiKey",
        {"name": "pos", "roles": ["accounting"], "allProperties": True},
        "key apiKey { id prefix }",
    )
    key = payload["key"]
    assert key.startswith("fdk_") and len(key) > 40
    assert key.startswith(payload["apiKey"]["prefix"]) and len(payload["apiKey"]["prefix"]) < 16
    listed = await gql.execute("{ apiKeys { prefix lastUsedAt } }")
    assert all("key" not in k for k in listed["apiKeys"])
    assert key.encode() not in _database_bytes(settings.database_url)


def _database_bytes(url: str) -> bytes:
    """The raw database file (SQLite), to prove the clear key was never written."""
    if not url.startswith("sqlite"):
        pytest.skip("raw file check needs SQLite")
    from pathlib import Path

    path = Path(url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


async def test_api_key_records_when_it_was_last_used(gql, client_for):
    client = await client_for("concierge")
    await client.execute("{ me { name } }")
    keys = (await gql.execute("{ apiKeys { name lastUsedAt } }"))["apiKeys"]
    assert next(k for k in keys if k["name"] == "concierge key")["lastUsedAt"] is not None


async def test_an_api_key_needs_a_known_role_or_permission(gql):
    bad_role = await gql.mutate("createApiKey", {"name": "x", "roles": ["chef"]}, "key")
    bad_permission = await gql.mutate(
        "createApiKey", {"name": "x", "permissions": ["stays.eat"]}, "key"
    )
    assert bad_role == {
        "key": None,
        "errors": [{"code": "INVALID_INPUT", "message": "Unknown roles: chef.", "field": "roles"}],
    }
    assert bad_permission["errors"][0]["field"] == "permissions"
