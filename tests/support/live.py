"""A graphql-transport-ws client over a real WebSocket (the ``websockets`` package), and a
GraphQL client over real HTTP, for tests against ``frontdesk serve`` subprocesses."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import websockets

from frontdesk.testing.client import GraphQLClient

PROTOCOL = "graphql-transport-ws"
#: The issue's promise: a change reaches the other clerk's screen within 2 s.
DELIVERY_SECONDS = 2.0


def ws_url(base_url: str) -> str:
    return base_url.replace("http://", "ws://", 1) + "/graphql"


@asynccontextmanager
async def http_client(base_url: str, token: str) -> AsyncIterator[GraphQLClient]:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        yield GraphQLClient(http, headers={"Authorization": f"Bearer {token}"})


async def live_subscribers(base_url: str, subscription: str | None = None) -> int:
    """The server's open live subscriptions (``frontdesk_live_subscribers`` on /metrics), of
    one subscription field or all."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        return _subscribers((await http.get("/metrics")).text, subscription)


def live_subscribers_sync(base_url: str, subscription: str | None = None) -> int:
    """``live_subscribers`` for synchronous tests (Playwright's sync API runs a loop)."""
    return _subscribers(httpx.get(f"{base_url}/metrics", timeout=30).text, subscription)


def until_the_server_listens(base_url: str, subscription: str | None = None) -> None:
    """For browser tests: a screen sends its subscription when it says it is live, and the
    server sets it up a moment later; wait until the server counts one of ``subscription``
    (the screen's own field: the board's subscription, still closing after the desk left
    it, must not pass for the audit's)."""
    for _ in range(200):
        if live_subscribers_sync(base_url, subscription) > 0:
            return
        time.sleep(0.05)
    raise AssertionError("the server never listened for the screen's subscription")


def _subscribers(metrics_text: str, subscription: str | None = None) -> int:
    counts = re.findall(
        r'^frontdesk_live_subscribers\{subscription="([^"]+)"\} (\S+)$', metrics_text, re.M
    )
    return sum(int(float(n)) for field, n in counts if subscription in (None, field))


class Subscriber:
    """One graphql-transport-ws connection; ``subscribe`` returns the operation id."""

    def __init__(self, socket: Any, base_url: str) -> None:
        self.socket = socket
        self.base_url = base_url
        self.next_id = 0

    async def subscribe(
        self, query: str, variables: dict[str, Any] | None = None, *, refused: bool = False
    ) -> str:
        """Send the subscription and, unless it is meant to be ``refused``, wait until the
        server listens for it: the protocol acknowledges no subscription, and a change made
        by another client before the server has set it up would rightly never reach it."""
        before = 0 if refused else await live_subscribers(self.base_url)
        self.next_id += 1
        op_id = str(self.next_id)
        payload = {"query": query, "variables": variables or {}}
        await self.socket.send(json.dumps({"id": op_id, "type": "subscribe", "payload": payload}))
        if not refused:
            for _ in range(200):
                if await live_subscribers(self.base_url) > before:
                    break
                await asyncio.sleep(0.05)
            else:
                raise AssertionError("the server never started listening for the subscription")
        return op_id

    async def receive(self, timeout: float = DELIVERY_SECONDS) -> dict[str, Any]:
        """The next protocol message other than ping/pong."""
        while True:
            message = json.loads(await asyncio.wait_for(self.socket.recv(), timeout))
            if message["type"] == "ping":
                await self.socket.send(json.dumps({"type": "pong"}))
                continue
            if message["type"] != "pong":
                return message


@asynccontextmanager
async def subscriber(base_url: str, token: str | None) -> AsyncIterator[Subscriber]:
    """Connected and acknowledged (``connection_init`` with the bearer credential)."""
    async with websockets.connect(ws_url(base_url), subprotocols=[PROTOCOL]) as socket:
        init: dict[str, Any] = {"type": "connection_init"}
        if token is not None:
            init["payload"] = {"Authorization": f"Bearer {token}"}
        await socket.send(json.dumps(init))
        ack = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert ack["type"] == "connection_ack", ack
        yield Subscriber(socket, base_url)
