"""Two server processes over one PostgreSQL database agree on which plugins are on for which
property, and pick a change up without a restart (issue #23): one made through the other
process's API, and one made by ``frontdesk plugins`` from the command line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest
from support.browser import free_port

from frontdesk.core.plugin_state.state import TTL_SECONDS
from frontdesk.testing import databases

HEADERS = {"Authorization": f"Bearer {databases.TEST_ADMIN_KEY}"}
CREATE = """mutation($p: ID!) { createConciergeRequest(input: {propertyId: $p,
  type: INFORMATION, description: "a map"}) { request { id } errors { code field } } }"""


@pytest.fixture
def enabled_plugins():
    return ["concierge"]


def _serve(database_url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "FRONTDESK_DATABASE_URL": database_url, "FRONTDESK_PLUGINS": "concierge"}
    return subprocess.Popen(
        [sys.executable, "-m", "frontdesk.server.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for_health(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError("server did not start")


def _gql(port: int, query: str, variables: dict) -> dict:
    answer = httpx.post(
        f"http://127.0.0.1:{port}/graphql",
        json={"query": query, "variables": variables},
        headers=HEADERS,
        timeout=10,
    ).json()
    assert not answer.get("errors"), answer
    return answer["data"]


def _refusal(port: int, property_id: str) -> list[str]:
    payload = _gql(port, CREATE, {"p": property_id})["createConciergeRequest"]
    return [e["code"] for e in payload["errors"]]


def _until(port: int, property_id: str, codes: list[str]) -> float:
    """Seconds until ``port`` answers a new request for the property with ``codes``."""
    began = time.monotonic()
    while time.monotonic() - began < 10:
        if _refusal(port, property_id) == codes:
            return time.monotonic() - began
        time.sleep(0.05)
    raise AssertionError(f"process on {port} did not see the change")


@pytest.mark.skipif(not databases.POSTGRES_URL, reason="needs PostgreSQL")
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_two_processes_agree_on_the_enabled_plugins_after_a_change(database_url):
    ports = [free_port(), free_port()]
    processes = [_serve(database_url, port) for port in ports]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for_health(port, process)
        first, second = ports
        made = _gql(
            first,
            """mutation { createProperty(input: {code: "BER", name: "Berlin",
              businessDate: "2026-11-23"}) { property { id } errors { code } } }""",
            {},
        )
        berlin = made["createProperty"]["property"]["id"]
        assert _refusal(second, berlin) == []  # on by default, in both processes

        off = _gql(
            first,
            """mutation($p: ID!) { pluginDisable(input: {plugin: "concierge", propertyId: $p})
              { states { enabled } errors { code } } }""",
            {"p": berlin},
        )["pluginDisable"]
        assert off == {"states": [{"enabled": False}], "errors": []}
        assert _refusal(first, berlin) == ["PLUGIN_DISABLED"]  # at once where it was made
        delay = _until(second, berlin, ["PLUGIN_DISABLED"])  # the other, within the delay
        print(f"the other process saw the change after {delay:.2f} s")
        assert delay <= TTL_SECONDS + 1.5

        cli = subprocess.run(
            [sys.executable, "-m", "frontdesk.server.cli", "plugins", "enable", "concierge"],
            env={
                **os.environ,
                "FRONTDESK_DATABASE_URL": database_url,
                "FRONTDESK_PLUGINS": "concierge",
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert cli.returncode == 0, cli.stderr
        assert "concierge enabled for BER" in cli.stdout
        for port in ports:
            assert _until(port, berlin, []) <= TTL_SECONDS + 1.5
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
