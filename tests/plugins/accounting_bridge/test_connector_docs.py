"""The example connector in the accounting bridge's README runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from receiver import Receiver

from frontdesk.plugins.accounting_bridge.connectors import ConnectorConfig, OutboxDelivery

DOCS = Path(__file__).resolve().parents[3] / "plugins" / "accounting_bridge" / "README.md"


@pytest.fixture
def enabled_plugins():
    return ["accounting_bridge"]


def _example() -> dict:
    section = DOCS.read_text().split("### Connectors", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102 - our own docs
    return namespace


async def test_the_documented_connector_delivers_with_its_idempotency_key():
    receiver = Receiver()
    receiver.start()
    try:
        connector = _example()["ErpConnector"]()
        message = OutboxDelivery(7, "frontdesk-1-erp-entry-7", 1, "entry", b'{"a": 1}', 1)
        config = ConnectorConfig("erp", receiver.url, "", "entry", {"token": "t0k"})
        outcome = await connector.deliver(message, config)
        assert outcome.kind == "delivered"
        [request] = receiver.requests
        assert request.headers["Idempotency-Key"] == "frontdesk-1-erp-entry-7"
        assert request.headers["Authorization"] == "Bearer t0k"
        receiver.mode = "fail"
        assert (await connector.deliver(message, config)).kind == "retry"
    finally:
        receiver.stop()
