"""An administrator manages only users, API keys and roles whose reach lies within its own:
an admin limited to hotel A cannot reset the password of a user who works at every hotel (or
at hotel B), revoke their keys, grant hotel B or every hotel, or change a role (roles apply at
every hotel). An admin of every property may do all of it. Every user, key and role mutation
is tried by both."""

from __future__ import annotations

from .conftest import PASSWORD

NEW_PASSWORD = "taken-over-by-a-1"


async def _key(gql, name: str, properties: list[str] | None) -> str:
    payload = await gql.ok(
        "createApiKey",
        {
            "name": name,
            "roles": ["front_desk"],
            "propertyIds": properties or [],
            "allProperties": properties is None,
        },
        "apiKey { id }",
    )
    return payload["apiKey"]["id"]


async def _cases(gql, create_user, a: str, b: str) -> dict[str, tuple[str, dict]]:
    users = {
        "global": (await create_user("glob", "front_desk"))["id"],
        "of A": (await create_user("only_a", "front_desk", properties=[a]))["id"],
        "of B": (await create_user("only_b", "front_desk", properties=[b]))["id"],
    }
    keys = {
        "global": await _key(gql, "global key", None),
        "of A": await _key(gql, "key of A", [a]),
        "of B": await _key(gql, "key of B", [b]),
    }
    cases: dict[str, tuple[str, dict]] = {}
    for reach, user_id in users.items():
        cases[f"reset password of user {reach}"] = (
            "updateUser",
            {"userId": user_id, "password": NEW_PASSWORD},
        )
        cases[f"deactivate user {reach}"] = ("updateUser", {"userId": user_id, "active": False})
    for reach, key_id in keys.items():
        cases[f"revoke key {reach}"] = ("revokeApiKey", {"apiKeyId": key_id})
    grants = {"A": ([a], False), "B": ([b], False), "every property": ([], True)}
    for label, (pids, everywhere) in grants.items():
        reach = {"propertyIds": pids, "allProperties": everywhere}
        name = label.replace(" ", "_").lower()
        cases[f"create user at {label}"] = (
            "createUser",
            {
                "username": f"new_{name}",
                "displayName": "New",
                "password": PASSWORD,
                "roles": ["front_desk"],
                **reach,
            },
        )
        cases[f"create key at {label}"] = (
            "createApiKey",
            {"name": f"new {label}", "roles": ["front_desk"], **reach},
        )
    cases["create role"] = ("createRole", {"name": "night_porter", "permissions": ["stays.read"]})
    cases["change role"] = ("updateRole", {"name": "front_desk", "permissions": ["stays.read"]})
    return cases


WITHIN_A = {
    "reset password of user of A",
    "deactivate user of A",
    "revoke key of A",
    "create user at A",
    "create key at A",
}


def _refusal(label: str) -> list[str]:
    if label in WITHIN_A:
        return []
    if label.endswith("at B"):  # hotel B does not exist for an admin of hotel A
        return ["NOT_FOUND"]
    return ["PERMISSION_DENIED"]


async def test_an_admin_manages_only_what_lies_within_its_reach(
    gql, client_for, create_user, hotel_a, hotel_b
):
    scoped = await client_for("admin", properties=[hotel_a.property_id])
    cases = await _cases(gql, create_user, hotel_a.property_id, hotel_b.property_id)
    outcome = {}
    for label, (mutation, input) in cases.items():
        payload = await scoped.mutate(mutation, input, "")
        outcome[label] = [e["code"] for e in payload["errors"]]
    assert outcome == {label: _refusal(label) for label in cases}


async def test_an_admin_of_every_property_manages_everyone(gql, create_user, hotel_a, hotel_b):
    cases = await _cases(gql, create_user, hotel_a.property_id, hotel_b.property_id)
    outcome = {}
    for label, (mutation, input) in cases.items():
        payload = await gql.mutate(mutation, input, "")
        outcome[label] = [e["code"] for e in payload["errors"]]
    assert outcome == {label: [] for label in cases}


async def test_a_scoped_admin_cannot_take_over_an_account_of_every_property(
    client_for, create_user, anonymous_gql, http, hotel_a
):
    scoped = await client_for("admin", properties=[hotel_a.property_id])
    victim = await create_user("victim", "front_desk")
    refused = await scoped.mutate(
        "updateUser", {"userId": victim["id"], "password": NEW_PASSWORD}, "user { id }"
    )
    assert refused == {
        "user": None,
        "errors": [
            {
                "code": "PERMISSION_DENIED",
                "field": "userId",
                "message": refused["errors"][0]["message"],
            }
        ],
    }
    login = """mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) {
      errors { code } } }"""
    tried = await anonymous_gql.execute(login, {"u": "victim", "p": NEW_PASSWORD})
    assert tried["login"]["errors"] == [{"code": "AUTHENTICATION_FAILED"}]
