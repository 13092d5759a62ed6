"""The real server in a subprocess (``frontdesk serve``), for tests of what only a real process
shows: the delivery worker started by the server's lifespan, and a SIGKILL mid-delivery."""

from __future__ import annotations

import asyncio
import inspect
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import httpx

T = TypeVar("T")

# Delivery settings that make a worker's whole life fit in seconds: it polls every 50 ms,
# retries within 0.3 s, a receiver gets 0.5 s to answer and a killed worker's claim lapses
# after 2 s. Attempts are unbounded so a long failing phase never parks a message.
FAST_DELIVERY = {
    "FRONTDESK_ACCOUNTING_BRIDGE_POLL_SECONDS": "0.05",
    "FRONTDESK_ACCOUNTING_BRIDGE_WEBHOOK_ALLOW_PRIVATE_TARGETS": "1",
    "FRONTDESK_ACCOUNTING_BRIDGE_RETRY_BASE_SECONDS": "2",
    "FRONTDESK_ACCOUNTING_BRIDGE_RETRY_CAP_SECONDS": "0.3",
    "FRONTDESK_ACCOUNTING_BRIDGE_WEBHOOK_TIMEOUT_SECONDS": "0.5",
    "FRONTDESK_ACCOUNTING_BRIDGE_LEASE_SECONDS": "2",
    "FRONTDESK_ACCOUNTING_BRIDGE_MAX_ATTEMPTS": "100000",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def eventually(
    probe: Callable[[], Awaitable[T] | T], what: str, *, timeout: float = 20.0
) -> T:
    """Poll ``probe`` (plain or async) until it returns something truthy; fail after
    ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.05)


class LiveServer:
    """``frontdesk serve`` on a free loopback port against ``database_url``; its output goes
    to a log file that failures quote."""

    def __init__(self, database_url: str, plugins: str, workdir: Path, env: dict[str, str]):
        self.database_url = database_url
        self.plugins = plugins
        self.workdir = workdir
        self.env = env
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.starts = 0

    def log(self) -> str:
        path = self.workdir / f"server-{self.starts}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    async def start(self) -> None:
        self.starts += 1
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            **self.env,
            "FRONTDESK_DATABASE_URL": self.database_url,
            "FRONTDESK_PLUGINS": self.plugins,
        }
        with open(self.workdir / f"server-{self.starts}.log", "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "frontdesk.server.cli", "serve", "--port", str(port)],
                cwd=self.workdir,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

        async def healthy() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited:\n{self.log()}")
            try:
                async with httpx.AsyncClient() as client:
                    return (await client.get(f"{self.url}/health")).status_code == 200
            except httpx.TransportError:
                return False

        await eventually(healthy, "the server to answer /health", timeout=30)

    def kill(self) -> None:
        """SIGKILL: no lifespan shutdown, no cleanup, as when the machine loses power."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=10) == -signal.SIGKILL

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
