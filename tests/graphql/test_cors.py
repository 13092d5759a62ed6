"""CORS: FRONTDESK_CORS_ORIGINS names the browser origins that may call the API; dev mode
adds every localhost origin; production without the setting answers no origin at all."""

from __future__ import annotations

import dataclasses

import pytest
from litestar.testing import AsyncTestClient

from frontdesk.core.settings import Settings
from frontdesk.server.app import create_app

FRONTEND = "https://desk.hotel.example"
QUERY = {"query": "{ properties { nodes { id } } }"}


@pytest.fixture
def backend() -> str:
    return "sqlite"  # CORS happens before any database work


def _client(settings: Settings, **changes) -> AsyncTestClient:
    return AsyncTestClient(app=create_app(dataclasses.replace(settings, **changes)))


async def _preflight(client: AsyncTestClient, origin: str):
    return await client.options(
        "/graphql",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


async def test_a_listed_origin_passes_the_preflight(settings):
    async with _client(settings, dev_mode=False, cors_origins=[FRONTEND]) as client:
        answer = await _preflight(client, FRONTEND)
    assert answer.status_code == 204
    assert answer.headers["access-control-allow-origin"] == FRONTEND
    allowed = answer.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed
    assert "POST" in answer.headers["access-control-allow-methods"]


async def test_a_listed_origin_reads_the_answer_and_the_rate_limit_headers(settings, admin_key):
    async with _client(settings, dev_mode=False, cors_origins=[FRONTEND]) as client:
        answer = await client.post(
            "/graphql",
            json=QUERY,
            headers={"Origin": FRONTEND, "Authorization": f"Bearer {admin_key}"},
        )
    assert answer.status_code == 200 and answer.json() == {"data": {"properties": {"nodes": []}}}
    assert answer.headers["access-control-allow-origin"] == FRONTEND
    assert "ratelimit-remaining" in answer.headers["access-control-expose-headers"].lower()


async def test_an_unauthenticated_answer_is_readable_by_a_listed_origin(settings):
    async with _client(settings, dev_mode=False, cors_origins=[FRONTEND]) as client:
        answer = await client.post("/graphql", json=QUERY, headers={"Origin": FRONTEND})
    assert answer.status_code == 401
    assert answer.headers["access-control-allow-origin"] == FRONTEND


async def test_an_unlisted_origin_is_refused(settings):
    async with _client(settings, dev_mode=False, cors_origins=[FRONTEND]) as client:
        preflight = await _preflight(client, "https://evil.example")
        actual = await client.post(
            "/graphql", json=QUERY, headers={"Origin": "https://evil.example"}
        )
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in actual.headers


async def test_production_without_the_setting_allows_no_origin(settings):
    async with _client(settings, dev_mode=False, cors_origins=[]) as client:
        preflight = await _preflight(client, "http://localhost:5173")
        actual = await client.post(
            "/graphql", json=QUERY, headers={"Origin": "http://localhost:5173"}
        )
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in actual.headers


@pytest.mark.parametrize(
    "origin", ["http://localhost:5173", "http://127.0.0.1:3000", "http://[::1]:8080"]
)
async def test_dev_mode_allows_localhost_origins(settings, origin):
    async with _client(settings, dev_mode=True, cors_origins=[]) as client:
        preflight = await _preflight(client, origin)
        actual = await client.post("/graphql", json=QUERY, headers={"Origin": origin})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == origin
    assert actual.headers["access-control-allow-origin"] == origin


@pytest.mark.parametrize("origin", ["http://localhost.evil.example", "https://example.org"])
async def test_dev_mode_refuses_other_origins(settings, origin):
    async with _client(settings, dev_mode=True, cors_origins=[]) as client:
        preflight = await _preflight(client, origin)
    assert "access-control-allow-origin" not in preflight.headers


def test_the_setting_is_a_comma_list():
    env = {"FRONTDESK_CORS_ORIGINS": " https://a.example, https://b.example:8443 ,"}
    assert Settings.from_env(env).cors_origins == ["https://a.example", "https://b.example:8443"]
    assert Settings.from_env({}).cors_origins == []
