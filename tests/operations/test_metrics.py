"""GET /metrics: Prometheus text with requests by route and status, GraphQL operations by
root field and outcome, latency histograms, the database pool and the outbox."""

from __future__ import annotations

import asyncio
import functools
from datetime import timedelta

import pytest

from frontdesk.core.outbox import queue
from frontdesk.core.outbox.claims import utcnow
from frontdesk.core.outbox.tables import OutboxMessage
from frontdesk.core.settings import Settings
from frontdesk.core.transactions import run_write


@pytest.fixture
def enabled_plugins():
    return None  # every plugin: the accounting bridge reports its outbox


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    """The deliverers idle: the messages a test queues stay where the test put them."""
    idle = ("webhooks", "guest_mail", "accounting_bridge")
    return Settings(
        database_url=database_url,
        plugins=enabled_plugins,
        dev_mode=True,
        connection_pool=False,
        extra={f"{plugin}.poll_seconds": 3600.0 for plugin in idle},
    )


def sample(text: str, prefix: str) -> float:
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    assert lines, f"no {prefix} in /metrics"
    return float(lines[0].rsplit(" ", 1)[1])


async def test_metrics_count_operations_by_root_field_and_outcome(gql, anonymous_gql, http):
    await gql.execute("{ properties(first: 1) { nodes { id } } }")
    await gql.mutate(
        "createGuest", {"propertyId": "999", "firstName": "A", "lastName": "B"}, "guest { id }"
    )
    await anonymous_gql.raw("{ properties(first: 1) { nodes { id } } }")
    response = await http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert (
        sample(
            text, 'frontdesk_graphql_operations_total{operation="query:properties",outcome="ok"}'
        )
        == 1
    )
    assert (
        sample(
            text,
            'frontdesk_graphql_operations_total{operation="mutation:createGuest",outcome="user_error"}',
        )
        == 1
    )
    assert sample(text, 'frontdesk_http_requests_total{route="/graphql",status="401"}') == 1
    assert (
        sample(text, 'frontdesk_graphql_operation_seconds_count{operation="query:properties"}') == 1
    )
    assert 'frontdesk_http_request_seconds_bucket{le="0.005",route="/graphql"}' in text


async def test_metrics_report_the_outbox_and_plugin_failures(http):
    text = (await http.get("/metrics")).text
    assert sample(text, "frontdesk_accounting_bridge_outbox_depth") == 0
    assert sample(text, "frontdesk_accounting_bridge_outbox_oldest_seconds") == 0
    assert "# TYPE frontdesk_plugin_failures gauge" in text
    assert "# TYPE frontdesk_db_pool_connections gauge" in text


async def _queue(channel: str, age_seconds: float = 0, *, given_up: bool = False) -> None:
    """One message of ``channel`` created ``age_seconds`` ago (given up: its last attempt
    failed and no other is planned)."""

    async def change() -> None:
        message = await queue.enqueue(
            channel=channel, target="1", property_id=None, event_type="test", payload="{}"
        )
        values = {OutboxMessage.created_at: utcnow() - timedelta(seconds=age_seconds)}
        if given_up:
            values |= {OutboxMessage.status: "failed", OutboxMessage.next_attempt_at: None}
        await OutboxMessage.update(values).where(OutboxMessage.id == message.id)

    await run_write(change, conflict_message="busy")


async def test_metrics_report_the_shared_outbox_per_channel(http):
    async def in_app(fn, *args, **kwargs):  # the app's loop owns its connections
        call = functools.partial(fn, *args, **kwargs)
        return await asyncio.to_thread(http.blocking_portal.call, call)

    empty = (await http.get("/metrics")).text
    for channel in ("webhook", "email"):
        assert sample(empty, f'frontdesk_outbox_depth{{channel="{channel}"}}') == 0
        assert sample(empty, f'frontdesk_outbox_oldest_seconds{{channel="{channel}"}}') == 0
    for age in (7200, 60, 0):
        await in_app(_queue, "webhook", age)
    await in_app(_queue, "webhook", 99999, given_up=True)  # not waiting: never the oldest
    await in_app(_queue, "email", 600)
    await in_app(_queue, "accounting", 300)  # the accounting bridge's journal channel

    text = (await http.get("/metrics")).text
    assert sample(text, 'frontdesk_outbox_depth{channel="webhook"}') == 3
    assert sample(text, 'frontdesk_outbox_depth{channel="email"}') == 1
    assert 7200 <= sample(text, 'frontdesk_outbox_oldest_seconds{channel="webhook"}') < 99999
    assert 600 <= sample(text, 'frontdesk_outbox_oldest_seconds{channel="email"}') < 7200
    assert sample(text, 'frontdesk_outbox_given_up{channel="webhook"}') == 1
    assert sample(text, 'frontdesk_outbox_given_up{channel="email"}') == 0
    assert text.count("# TYPE frontdesk_outbox_depth gauge") == 1
    assert sample(text, 'frontdesk_outbox_depth{channel="accounting"}') == 1
    assert sample(text, "frontdesk_accounting_bridge_outbox_depth") == 1
    assert 300 <= sample(text, "frontdesk_accounting_bridge_outbox_oldest_seconds") < 600
