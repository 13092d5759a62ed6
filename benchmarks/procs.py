"""Server subprocesses: start on a free loopback port, wait for /health, read RSS, stop."""

from __future__ import annotations

import compileall
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parent.parent


def compile_bytecode() -> None:
    """Write the bytecode of Frontdesk's modules, as installing a wheel does, so start-up is
    measured as deployed even where PYTHONDONTWRITEBYTECODE is set (compiling the ~250
    modules from source added about 0.1 s to every start)."""
    for folder in ("core", "graphql", "plugins", "benchmarks"):
        compileall.compile_dir(REPO_ROOT / folder, quiet=1, workers=1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    kind: str
    port: int
    process: subprocess.Popen
    started: float
    ready_seconds: float = 0.0
    log: Path = field(default_factory=Path)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_mb(self) -> float | None:
        """Resident memory of the server process (Linux /proc), in MB."""
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(
    kind: str, database_url: str, *, plugins: str = "all", timeout: float = 60.0
) -> Server:
    """Spawn the server and return once GET /health answers 200 (ready_seconds measured
    from just before the spawn)."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix=f"bench-{kind}-", suffix=".log")[1])
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.server",
        "--kind",
        kind,
        "--database",
        database_url,
        "--plugins",
        plugins,
        "--port",
        str(port),
    ]
    began = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            cmd, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(kind=kind, port=port, process=process, started=began, log=log)
    deadline = began + timeout
    with httpx.Client(timeout=1.0) as client:
        while time.perf_counter() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{kind} server exited: {log.read_text()[-2000:]}")
            try:
                if client.get(f"{server.base_url}/health").status_code == 200:
                    server.ready_seconds = time.perf_counter() - began
                    return server
            except httpx.TransportError:
                pass
            time.sleep(0.01)
    server.stop()
    raise RuntimeError(f"{kind} server did not answer /health within {timeout} s")
