"""A real HTTP receiver on 127.0.0.1 that tests script to fail and recover."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    status: int


@dataclass
class Receiver:
    """``mode``: ok (204), fail (500), slow (sleeps ``delay`` then 500), gone (410),
    busy (503 with Retry-After), hold (keeps the request open until ``release`` is set, then
    204: a delivery in flight, e.g. while the sender is killed).

    ``arrivals`` lists the ``webhook-id`` of every request as it arrives, ``requests`` each
    request once it was answered."""

    mode: str = "ok"
    delay: float = 2.0
    retry_after: str = "600"
    requests: list[Received] = field(default_factory=list)
    arrivals: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    port: int = 0
    _server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                receiver.arrivals.append(self.headers.get("webhook-id", ""))
                mode = receiver.mode
                status = {"ok": 204, "fail": 500, "slow": 500, "gone": 410, "busy": 503}.get(
                    mode, 204
                )
                if mode == "slow":
                    time.sleep(receiver.delay)
                if mode == "hold":
                    receiver.release.wait(timeout=60)
                receiver.requests.append(Received(dict(self.headers.items()), body, status))
                try:
                    self.send_response(status)
                    if mode == "busy":
                        self.send_header("Retry-After", receiver.retry_after)
                    self.send_header("content-length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the sender is gone (killed mid-delivery): it never sees the answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/frontdesk"

    def accepted(self) -> list[Received]:
        return [r for r in self.requests if 200 <= r.status < 300]
