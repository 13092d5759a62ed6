"""GraphiQL (dev mode) is served from the package: the page names only this server's assets,
each asset and its licence is served, production serves neither, and a request without
credentials is told how to log in (in dev mode only). tests/browser/ runs it in Chromium."""

from __future__ import annotations

import dataclasses
import re

import pytest
from litestar.testing import AsyncTestClient

from frontdesk.graphql.http.graphiql import ASSETS_DIR
from frontdesk.server.app import create_app

HTML = {"Accept": "text/html"}


@pytest.fixture
def backend() -> str:
    return "sqlite"  # nothing here touches the database


def _references(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', page)


async def test_the_graphiql_page_loads_only_local_assets(http):
    page = (await http.get("/graphql", headers=HTML)).text
    references = _references(page)
    assert any(ref.endswith("graphiql.min.js") for ref in references)
    assert all(ref.startswith(("/graphiql-assets/", "data:")) for ref in references), references
    assert "unpkg" not in page and "https://" not in page


async def test_every_asset_of_the_page_is_served(http):
    page = (await http.get("/graphql", headers=HTML)).text
    for ref in _references(page):
        if ref.startswith("data:"):
            continue
        answer = await http.get(ref)
        assert answer.status_code == 200, ref
        assert answer.content == (ASSETS_DIR / ref.rsplit("/", 1)[1]).read_bytes()


async def test_the_vendored_versions_and_licences_are_recorded(http):
    versions = (await http.get("/graphiql-assets/VERSIONS")).text
    assert re.search(r"^graphiql \d+\.\d+\.\d+$", versions, re.M)
    for name in ("graphiql", "react", "react-dom"):
        licence = await http.get(f"/graphiql-assets/LICENSE.{name}")
        assert licence.status_code == 200 and "MIT License" in licence.text


async def test_the_page_offers_a_login_form_with_the_demo_logins(http):
    page = (await http.get("/graphql", headers=HTML)).text
    assert 'id="login"' in page and "login(input:" in page
    assert "frontdesk-demo" in page and "Authorization" in page


async def test_production_serves_neither_graphiql_nor_its_assets(settings):
    app = create_app(dataclasses.replace(settings, dev_mode=False))
    async with AsyncTestClient(app=app) as client:
        page = await client.get("/graphql", headers=HTML)
        asset = await client.get("/graphiql-assets/graphiql.min.js")
    assert "graphiql" not in page.text.lower()
    assert asset.status_code == 404


async def test_dev_mode_tells_an_anonymous_caller_how_to_log_in(anonymous_gql):
    answer = await anonymous_gql.raw("{ properties { nodes { id } } }")
    assert answer.status_code == 401
    message = answer.json()["errors"][0]["message"]
    assert message.startswith("Authentication required. Log in with the login mutation")
    assert "frontdesk-demo" in message and "Authorization: Bearer" in message


async def test_production_does_not_advertise_the_demo_logins(settings):
    app = create_app(dataclasses.replace(settings, dev_mode=False))
    async with AsyncTestClient(app=app) as client:
        answer = await client.post("/graphql", json={"query": "{ me { name } }"})
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["message"] == "Authentication required."
