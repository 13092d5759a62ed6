"""Schemathesis over every query and mutation of /graphql (in-process ASGI): the run shared
by tests/graphql/test_schemathesis_*.py, one file per plugin set and database so that the
runs land on different test workers (tests/conftest.py starts them first)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from frontdesk.core import bootstrap
from frontdesk.core.settings import Settings
from frontdesk.testing.databases import run_sync, unthrottled

EXAMPLES_PER_OPERATION = 10
# PostgreSQL runs without a pool in tests (a connection per statement): fewer examples there.
EXAMPLES_ON_POSTGRES = 3


def _register_scalars() -> None:
    days = st.dates(min_value=date(2026, 10, 1), max_value=date(2027, 3, 1))
    schemathesis.graphql.scalar("Date", days.map(lambda d: nodes.String(d.isoformat())))
    schemathesis.graphql.scalar(
        "Time", st.times().map(lambda t: nodes.String(t.replace(microsecond=0).isoformat()))
    )
    schemathesis.graphql.scalar(
        "DateTime",
        st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)).map(
            lambda d: nodes.String(d.replace(tzinfo=UTC).isoformat())
        ),
    )
    schemathesis.graphql.scalar(
        "Decimal",
        st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False).map(
            lambda d: nodes.String(str(d))
        ),
    )
    schemathesis.graphql.scalar("JSON", st.just(nodes.String("{}")))


def _seed(settings_) -> None:
    async def load():
        from frontdesk.server.demo import load_demo

        rt = bootstrap.start(settings_)
        await load_demo(rt)

    run_sync(load())


def admin_headers(app) -> dict[str, str]:
    """Run the app's start-up once (it seeds roles), then mint an admin API key."""
    from litestar.testing import TestClient

    with TestClient(app=app):
        pass
    return _mint_admin_key()


def _mint_admin_key() -> dict[str, str]:
    try:
        from frontdesk.core.auth.apikeys import create_api_key
    except ImportError:  # access control not installed in this build
        return {}

    async def mint():
        from frontdesk.core import runtime

        created = await create_api_key(
            runtime.current().plugin_manager,
            name="schemathesis",
            roles=["admin"],
            all_properties=True,
        )
        return created.key

    return {"Authorization": f"Bearer {run_sync(mint())}"}


def exercise_operation(operation, headers: dict[str, str], calls: dict[str, int], examples: int):
    """A hypothesis test for one operation: every generated call must be answered as data."""
    name = operation.verbose_name

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def exercise(case) -> None:
        response = case.call_asgi(headers=headers)
        case.validate_response(response)
        calls[name] = calls.get(name, 0) + 1
        if "revokeApiKey" in name and not _still_valid(headers):
            # A generated id named the run's own key (its id is small): revoking it is
            # the right answer, and the run goes on with a new key.
            headers.update(_mint_admin_key())

    return exercise


def _still_valid(headers: dict[str, str]) -> bool:
    from frontdesk.core.auth.apikeys import principal_for_api_key

    key = headers["Authorization"].removeprefix("Bearer ")
    return run_sync(principal_for_api_key(key)) is not None


def run_every_operation(settings: Settings) -> None:
    """Every operation answers generated calls as data: no 5xx, no GraphQL error array."""
    from frontdesk.server.app import create_app

    _register_scalars()
    _seed(settings)
    app = create_app(unthrottled(settings))
    headers = admin_headers(app)
    schema = schemathesis.graphql.from_asgi("/graphql", app, headers=headers)
    calls: dict[str, int] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25

    examples = (
        EXAMPLES_ON_POSTGRES
        if settings.database_url.startswith("postgres")
        else EXAMPLES_PER_OPERATION
    )
    for operation in operations:
        exercise_operation(operation, headers, calls, examples)()

    assert all(count >= 1 for count in calls.values())
    print(
        f"\nschemathesis: {len(calls)} operations, {sum(calls.values())} calls, "
        f"min {min(calls.values())} per operation"
    )
