"""Real browsers and real servers for the tests that look at what a person sees.

* ``browser``: Debian's Chromium (``/usr/bin/chromium``, installed by ``make test``'s tools
  step) driven by Playwright, headless, with the network to other hosts closed: the product
  must work offline, so any request that leaves loopback is recorded and refused.
* ``live_server``: a factory that migrates a fresh SQLite (or given) database, optionally
  loads the demo, and starts ``frontdesk serve`` in a subprocess on a free loopback port.

Playwright's sync API is used from plain (non-async) tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    """A ``frontdesk serve`` subprocess; ``base_url`` ends without a slash."""

    process: subprocess.Popen
    port: int
    database_url: str
    log: Path
    demo_output: str = ""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """SIGKILL: a crash, for the tests of what survives one."""
        self.process.kill()
        self.process.wait()


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"frontdesk {' '.join(args)} failed:\n{result.stderr}")
    return result


_demo_files: dict[str, tuple[Path, str]] = {}


def _copy_of_demo(plugins: str, database_url: str) -> str:
    """Fill the SQLite file of ``database_url`` with the demo for ``plugins``: migrated and
    loaded by the CLI once per test process, then copied (a module's server used to spend
    6-10 s on ``frontdesk migrate`` and ``frontdesk demo`` of its own). Returns the demo's
    output."""
    if plugins not in _demo_files:
        folder = Path(tempfile.mkdtemp(prefix="frontdesk-demo-"))
        template = folder / "demo.db"
        env = {**os.environ, "FRONTDESK_DATABASE_URL": f"sqlite:///{template}"}
        env["FRONTDESK_PLUGINS"] = plugins
        _cli(["migrate"], env)
        _demo_files[plugins] = (template, _cli(["demo"], env).stdout)
    template, output = _demo_files[plugins]
    target = Path(database_url.removeprefix("sqlite:///"))
    shutil.copyfile(template, target)
    for suffix in ("-wal", "-shm"):
        if Path(f"{template}{suffix}").exists():
            shutil.copyfile(f"{template}{suffix}", f"{target}{suffix}")
    return output


def start_live_server(
    workdir: Path,
    *,
    database_url: str | None = None,
    demo: bool = False,
    plugins: str | None = None,
    env: dict[str, str] | None = None,
    migrate: bool = True,
    timeout: float = 60.0,
) -> LiveServer:
    """Migrate (and load the demo into) the database, then serve it; returns once
    ``/health`` answers. ``plugins``: FRONTDESK_PLUGINS (None: every built-in plugin, not
    a third-party one installed beside them)."""
    from frontdesk.testing import BUILTIN_PLUGINS  # here: conftest imports this module early

    own_file = database_url is None  # a database the caller gave may hold rows of its own
    database_url = database_url or f"sqlite:///{workdir / 'live.db'}"
    full_env = {**os.environ, "FRONTDESK_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    full_env["FRONTDESK_PLUGINS"] = ",".join(BUILTIN_PLUGINS) if plugins is None else plugins
    full_env.update(env or {})
    if demo and migrate and own_file and not env:
        demo_output = _copy_of_demo(full_env["FRONTDESK_PLUGINS"], database_url)
    else:
        if migrate:
            _cli(["migrate"], full_env)
        demo_output = _cli(["demo"], full_env).stdout if demo else ""
    port = free_port()
    log = workdir / f"server-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "frontdesk.server.cli", "serve", "--port", str(port)],
            env=full_env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(process, port, database_url, log, demo_output)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()}")
        try:
            if httpx.get(f"{server.base_url}/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"server did not answer /health in {timeout} s:\n{log.read_text()}")


@pytest.fixture
def live_server(tmp_path) -> Iterator:
    """A factory: ``live_server(demo=True, plugins="concierge")`` -> LiveServer; every server
    it started is stopped after the test."""
    started: list[LiveServer] = []

    def start(**kwargs) -> LiveServer:
        folder = tmp_path / f"live{len(started)}"
        folder.mkdir()
        server = start_live_server(folder, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@dataclass
class OfflineLog:
    """What the pages of one browser context sent: requests to other hosts (all refused), and
    the GraphQL documents POSTed to /graphql as text rather than named by ``documentId``."""

    refused: list[str] = field(default_factory=list)
    graphql_texts: list[str] = field(default_factory=list)

    def record_graphql(self, request) -> None:
        if request.method != "POST" or urlparse(request.url).path != "/graphql":
            return
        try:
            body = request.post_data_json
        except ValueError:
            return
        for item in body if isinstance(body, list) else [body]:
            if isinstance(item, dict) and item.get("query"):
                self.graphql_texts.append(item["query"])


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium per test module (Playwright's sync API)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (make tools)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def offline_context(chromium, **options):
    """A browser context (1366x768, the desk screen, unless ``options`` say otherwise) whose
    requests to any host but loopback are refused; returns it and its ``OfflineLog``."""
    context = chromium.new_context(**{"viewport": {"width": 1366, "height": 768}, **options})
    log = OfflineLog()

    def guard(route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK_HOSTS:
            route.continue_()
        else:
            log.refused.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.on("request", log.record_graphql)
    return context, log


@pytest.fixture
def offline_page(chromium):
    """A fresh page of an ``offline_context``; its log is ``page.offline_log``."""
    context, log = offline_context(chromium)
    page = context.new_page()
    page.offline_log = log  # type: ignore[attr-defined]
    yield page
    context.close()
