"""Specifications for webhook retry policy and for one signed delivery attempt.

Deliveries go to a real HTTP server on 127.0.0.1 started by the test, which
verifies the signature the way a receiver would.
"""

from __future__ import annotations

import asyncio
import random
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from frontdesk.core.outbox.policy import Outcome, classify_response, next_attempt_delay
from frontdesk.core.outbox.sender import send_webhook
from frontdesk.core.outbox.signing import (
    WebhookVerificationError,
    generate_secret,
    verify,
)

SECRET = generate_secret()
PAYLOAD = b'{"type": "journal_entry.created", "data": {"id": 42, "note": "M\xc3\xbcller"}}'


# --- backoff ----------------------------------------------------------------------------------


def test_backoff_ceiling_doubles_with_each_attempt():
    delays = [next_attempt_delay(attempt, rng=lambda: 1.0) for attempt in range(1, 6)]
    assert delays == [2.0, 4.0, 8.0, 16.0, 32.0]


def test_backoff_is_capped_even_for_huge_attempt_numbers():
    assert next_attempt_delay(12, cap=3600, rng=lambda: 1.0) == 3600
    assert next_attempt_delay(10_000, cap=3600, rng=lambda: 1.0) == 3600


def test_backoff_uses_full_jitter_below_the_ceiling():
    rng = random.Random(1234)
    delays = [next_attempt_delay(8, rng=rng.random) for _ in range(50)]
    assert all(0 <= delay < 2.0**8 for delay in delays)
    assert len(set(delays)) == len(delays)
    assert min(delays) < 2.0**8 / 4 and max(delays) > 2.0**8 * 3 / 4


def test_backoff_rejects_a_negative_attempt():
    with pytest.raises(ValueError):
        next_attempt_delay(-1)


# --- classification ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status_code", "error", "kind"),
    [
        (200, None, "delivered"),
        (204, None, "delivered"),
        (410, None, "disable"),
        (429, None, "retry"),
        (500, None, "retry"),
        (503, None, "retry"),
        (400, None, "retry"),
        (404, None, "retry"),
        (301, None, "retry"),
        (None, "timeout: ReadTimeout", "retry"),
        (None, "ConnectError: connection refused", "retry"),
    ],
)
def test_classification_table(status_code, error, kind):
    assert classify_response(status_code, {}, error).kind == kind


def test_unexpected_client_errors_are_retried_but_flagged():
    outcome = classify_response(404, {}, None)
    assert outcome.kind == "retry"
    assert "unexpected status" in outcome.error


def test_network_errors_keep_their_message():
    outcome = classify_response(None, {}, "ConnectError: connection refused")
    assert outcome == Outcome("retry", None, "ConnectError: connection refused")


def test_retry_after_in_seconds_is_honoured():
    assert classify_response(429, {"Retry-After": "120"}, None).retry_after_seconds == 120


def test_retry_after_as_http_date_is_honoured():
    now = datetime(2024, 3, 1, 12, 0, 0, tzinfo=UTC)
    headers = {"retry-after": "Fri, 01 Mar 2024 12:05:00 GMT"}
    assert classify_response(503, headers, None, now=now).retry_after_seconds == 300


def test_unparseable_retry_after_is_ignored():
    assert classify_response(503, {"Retry-After": "soon"}, None).retry_after_seconds is None


# --- delivery against a local receiver --------------------------------------------------------


@dataclass
class Receiver:
    """A loopback HTTP receiver that records and verifies what it gets."""

    url: str
    status: int = 200
    extra_headers: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[dict[str, str], bytes, bool]] = field(default_factory=list)


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            headers = dict(self.headers.items())
            try:
                verify(SECRET, headers, body)
                verified = True
            except WebhookVerificationError:
                verified = False
            state.requests.append((headers, body, verified))
            self.send_response(state.status)
            for name, value in state.extra_headers.items():
                self.send_header(name, value)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/accounting"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _deliver(url: str, transport: httpx.AsyncBaseTransport | None = None) -> Outcome:
    async def go() -> Outcome:
        async with httpx.AsyncClient(transport=transport) as client:
            return await send_webhook(client, url, SECRET, "msg_2YrE4n0", PAYLOAD, timeout=5.0)

    return asyncio.run(go())


def test_send_webhook_delivers_a_payload_the_receiver_can_verify(receiver):
    assert _deliver(receiver.url) == Outcome("delivered")
    [(headers, body, verified)] = receiver.requests
    assert body == PAYLOAD
    assert verified
    assert headers["webhook-id"] == "msg_2YrE4n0"


def test_send_webhook_reports_410_as_disable(receiver):
    receiver.status = 410
    assert _deliver(receiver.url).kind == "disable"


def test_send_webhook_passes_on_the_receivers_retry_after(receiver):
    receiver.status = 503
    receiver.extra_headers = {"Retry-After": "30"}
    assert _deliver(receiver.url) == Outcome("retry", 30.0, "HTTP 503")


def test_send_webhook_does_not_follow_redirects(receiver):
    receiver.status = 307
    receiver.extra_headers = {"Location": receiver.url + "/elsewhere"}
    assert _deliver(receiver.url).kind == "retry"
    assert len(receiver.requests) == 1


def test_send_webhook_turns_a_refused_connection_into_a_retry():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more.
    outcome = _deliver(f"http://127.0.0.1:{port}/hooks")
    assert outcome.kind == "retry"
    assert "ConnectError" in outcome.error


def test_send_webhook_turns_a_timeout_into_a_retry():
    def time_out(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("receiver too slow", request=request)

    outcome = _deliver("http://receiver.invalid/hooks", httpx.MockTransport(time_out))
    assert outcome.kind == "retry"
    assert outcome.error.startswith("timeout")


def test_send_webhook_disables_an_endpoint_with_an_unusable_url():
    assert _deliver("ftp://127.0.0.1/hooks").kind == "disable"
