"""Running as several processes and stopping gracefully: `frontdesk serve --workers N` on
PostgreSQL, and SIGTERM finishes the requests in flight before the process exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
from support.browser import free_port
from support.fake_plugins import install_fake_plugin

from frontdesk.testing import databases

SLOW = """
import asyncio

from litestar import get

from frontdesk.core.plugins import hookimpl


@get("/slow")
async def slow() -> dict:
    await asyncio.sleep(2)
    return {"done": True}


@hookimpl
def frontdesk_http_routes(settings):
    return [slow]
"""


def serve(database_url: str, *args: str, env: dict | None = None) -> subprocess.Popen:
    full_env = {
        **os.environ,
        "FRONTDESK_DATABASE_URL": database_url,
        "FRONTDESK_PLUGINS": "",  # the database fixture migrates core alone
        **(env or {}),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "frontdesk.server.cli", "serve", *args],
        env=full_env,
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


@pytest.mark.skipif(not databases.POSTGRES_URL, reason="needs PostgreSQL")
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_serve_with_two_workers_answers_from_two_processes(database_url):
    port = free_port()
    process = serve(database_url, "--port", str(port), "--workers", "2")
    try:
        wait_for_health(port, process)
        answering, attempts = set(), 0
        for _ in range(300):
            attempts += 1
            with httpx.Client() as client:  # a new connection each time
                answering.add(client.get(f"http://127.0.0.1:{port}/health").json()["process"])
            if len(answering) == 2:
                break
        assert len(answering) == 2
        exposition = httpx.get(f"http://127.0.0.1:{port}/metrics").text
        health = [
            line
            for line in exposition.splitlines()
            if line.startswith('frontdesk_http_requests_total{route="/health",status="200"}')
        ]
        assert float(health[0].split()[-1]) >= attempts  # counted across both processes
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_several_workers_on_sqlite_are_refused_plainly(tmp_path):
    process = serve(f"sqlite:///{tmp_path / 'x.db'}", "--workers", "2")
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "needs PostgreSQL" in output and "Traceback" not in output


def test_sigterm_finishes_the_request_in_flight_then_exits(tmp_path, database_url):
    install_fake_plugin(tmp_path, "fd_slow", SLOW)
    path = os.pathsep.join(p for p in (str(tmp_path), os.environ.get("PYTHONPATH")) if p)
    plugin_env = {"PYTHONPATH": path, "FRONTDESK_PLUGINS": "fd_slow"}
    subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", "migrate"],
        env={**os.environ, "FRONTDESK_DATABASE_URL": database_url, **plugin_env},
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = serve(database_url, "--port", str(port), env=plugin_env)
    wait_for_health(port, process)
    answer: dict = {}

    def call() -> None:
        answer["response"] = httpx.get(f"http://127.0.0.1:{port}/plugins/fd_slow/slow", timeout=30)

    caller = threading.Thread(target=call)
    caller.start()
    time.sleep(0.5)  # the request is in flight
    process.send_signal(signal.SIGTERM)
    caller.join(timeout=30)
    assert answer["response"].status_code == 200
    assert answer["response"].json() == {"done": True}
    # uvicorn re-raises SIGTERM once it has shut down, as process managers expect
    assert process.wait(timeout=30) in (0, -signal.SIGTERM)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
