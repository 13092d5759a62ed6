"""GET /metrics: Prometheus text with requests by route and status, GraphQL operations by
root field and outcome, latency histograms, the database pool and the outbox."""

from __future__ import annotations

import pytest


@pytest.fixture
def enabled_plugins():
    return None  # every plugin: the accounting bridge reports its outbox


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
