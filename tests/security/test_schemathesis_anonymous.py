"""Schemathesis without credentials: every generated query and mutation of /graphql (the
schema's SDL is handed to schemathesis, since introspection needs credentials) gets an
authentication error and nothing else. The authenticated runs are
tests/graphql/test_schemathesis*.py.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from frontdesk.testing import BUILTIN_PLUGINS
from frontdesk.testing.databases import unthrottled

PUBLIC = {"Mutation.login", "Mutation.refreshSession"}


@pytest.fixture
def enabled_plugins():
    return BUILTIN_PLUGINS


def test_every_operation_without_credentials_gets_401(settings, tmp_path):
    from litestar.testing import TestClient

    from frontdesk.graphql.schema import print_sdl
    from frontdesk.server.app import create_app

    app = create_app(unthrottled(settings))
    sdl = tmp_path / "schema.graphql"
    sdl.write_text(print_sdl(app.state.schema))
    schema = schemathesis.graphql.from_path(str(sdl), app=app)
    schema.location = "/graphql"
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    statuses: dict[str, set[int]] = {}
    with TestClient(app=app) as client:
        for operation in operations:
            if operation.verbose_name not in PUBLIC:
                _exercise(client, operation, statuses)
    assert len(statuses) >= 25 and all(s == {401} for s in statuses.values())


def _exercise(client, operation, statuses: dict[str, set[int]]) -> None:
    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=3,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def exercise(case) -> None:
        response = client.post("/graphql", json=case.body)
        code = response.json()["errors"][0]["extensions"]["code"]
        assert (response.status_code, code) == (401, "UNAUTHENTICATED"), response.text
        statuses.setdefault(operation.verbose_name, set()).add(response.status_code)

    exercise()
