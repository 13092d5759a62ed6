"""Plugins serve HTTP routes under /plugins/<name>/ (authenticated and rate-limited like
/graphql) and add `frontdesk <name> ...` commands. Broken plugins: test_plugin_validation.py."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient
from support.fake_plugins import install_fake_plugin

PROBE = """
from litestar import Request, get

from frontdesk.core.plugins import hookimpl
from frontdesk.api.http import principal_of, require_principal


@get("/hello", sync_to_thread=False)
def hello(request: Request) -> dict:
    principal = principal_of(request)
    return {"caller": principal.actor if principal else None}


@get("/staff-only", guards=[require_principal], sync_to_thread=False)
def staff_only() -> dict:
    return {"ok": True}


@hookimpl
def frontdesk_http_routes(settings):
    return [hello, staff_only]


@hookimpl
def frontdesk_home_page():
    return "/plugins/fd_probe/hello"


@hookimpl
def frontdesk_cli_commands(parser):
    sub = parser.add_subparsers(dest="probe_command", required=True)
    greet = sub.add_parser("greet", help="say hello")
    greet.add_argument("name")
    greet.set_defaults(func=lambda args: print(f"hello {args.name}") or 0)
"""


@pytest.fixture
def plugin_folder(tmp_path_factory, monkeypatch) -> Path:
    folder = tmp_path_factory.mktemp("site")
    install_fake_plugin(folder, "fd_probe", PROBE)
    monkeypatch.syspath_prepend(str(folder))
    return folder


@pytest.fixture
def enabled_plugins(plugin_folder) -> list[str]:
    return ["fd_probe"]


async def test_a_plugin_route_answers_under_its_own_prefix(http):
    response = await http.get("/plugins/fd_probe/hello")
    assert response.status_code == 200
    assert response.json() == {"caller": None}


async def test_a_plugin_route_knows_the_authenticated_caller(http, admin_key):
    response = await http.get(
        "/plugins/fd_probe/hello", headers={"Authorization": f"Bearer {admin_key}"}
    )
    assert response.status_code == 200
    assert response.json()["caller"] is not None


async def test_a_bad_credential_on_a_plugin_route_is_refused_like_the_api(http):
    response = await http.get(
        "/plugins/fd_probe/hello", headers={"Authorization": "Bearer not-a-key"}
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_staff_only_route_refuses_anonymous_callers(http, admin_key):
    assert (await http.get("/plugins/fd_probe/staff-only")).status_code == 401
    signed_in = await http.get(
        "/plugins/fd_probe/staff-only", headers={"Authorization": f"Bearer {admin_key}"}
    )
    assert signed_in.json() == {"ok": True}


async def test_plugin_routes_carry_the_rate_limit_headers(http):
    response = await http.get("/plugins/fd_probe/hello")
    assert any(name.lower().startswith("ratelimit") for name in response.headers)


async def test_a_plugin_route_spends_the_same_rate_limit_budget_as_the_api(settings, admin_key):
    from frontdesk.server.app import create_app

    app = create_app(dataclasses.replace(settings, rate_limit_per_minute=3))
    auth = {"Authorization": f"Bearer {admin_key}"}
    async with AsyncTestClient(app=app) as client:
        answers = [
            (await client.post("/graphql", json={"query": "{ __typename }"}, headers=auth)),
            (await client.post("/graphql", json={"query": "{ __typename }"}, headers=auth)),
            (await client.get("/plugins/fd_probe/hello", headers=auth)),
            (await client.get("/plugins/fd_probe/hello", headers=auth)),
        ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[-1].json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_the_home_page_a_plugin_names_is_where_root_redirects(http):
    response = await http.get("/", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "/plugins/fd_probe/hello"


def run_cli(folder: Path, *args: str, plugins: str | None = None) -> subprocess.CompletedProcess:
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path}
    env.pop("FRONTDESK_PLUGINS", None)
    if plugins is not None:
        env["FRONTDESK_PLUGINS"] = plugins
    return subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_plugin_adds_commands_under_its_name(plugin_folder):
    result = run_cli(plugin_folder, "fd_probe", "greet", "Anna")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "hello Anna"


def test_a_disabled_plugin_adds_no_commands(plugin_folder):
    result = run_cli(plugin_folder, "fd_probe", "greet", "Anna", plugins="concierge")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
