"""Structured logs: with FRONTDESK_LOG_FORMAT=json every line is a JSON object carrying the
request id, which the response echoes in X-Request-Id and unexpected errors name."""

from __future__ import annotations

import json
import time

import httpx


def test_json_logs_carry_the_request_id_the_response_echoes(live_server):
    server = live_server(env={"FRONTDESK_LOG_FORMAT": "json"})
    response = httpx.get(f"{server.base_url}/health", headers={"X-Request-Id": "desk-42-abcdef"})
    assert response.headers["x-request-id"] == "desk-42-abcdef"
    time.sleep(0.5)  # let the access line reach the log
    log = server.log.read_text().splitlines()
    lines = [json.loads(line) for line in log if line.startswith("{")]
    assert [line for line in log if not line.startswith("{")] == [
        f"Frontdesk serving http://127.0.0.1:{server.port}/graphql"  # the command's own word
    ]
    assert any(
        entry["requestId"] == "desk-42-abcdef" and "/health" in entry["message"] for entry in lines
    )
    assert {"time", "level", "logger", "message", "requestId"} <= set(lines[0])


def test_an_unusable_client_request_id_is_replaced(live_server):
    server = live_server()
    response = httpx.get(f"{server.base_url}/health", headers={"X-Request-Id": "bad id <script>"})
    assert response.headers["x-request-id"] != "bad id <script>"
    assert len(response.headers["x-request-id"]) == 32
