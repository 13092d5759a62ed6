"""Schemathesis drives every concierge query and mutation with generated input: whatever it
sends, the server answers without a server error (bad input is a UserError or an empty
result, never a 500 or a GraphQL error from a resolver)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from frontdesk.server.app import create_app
from frontdesk.testing.databases import TEST_ADMIN_KEY, unthrottled


@pytest.fixture(params=["sqlite"])
def backend(request):
    return request.param


@pytest.fixture
def concierge_api(settings):
    app = create_app(unthrottled(settings), check_migrations=False)
    return schemathesis.graphql.from_asgi(
        "/graphql", app, headers={"Authorization": f"Bearer {TEST_ADMIN_KEY}"}
    )


schema = schemathesis.from_pytest_fixture("concierge_api").include(name_regex="[cC]oncierge")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_server_error_on_concierge_operations(case):
    response = case.call_asgi(headers={"Authorization": f"Bearer {TEST_ADMIN_KEY}"})
    assert response.status_code < 500, response.text
    body = response.json()
    assert not body.get("errors"), body
