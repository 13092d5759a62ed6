"""Schemathesis drives every money query and mutation with generated arguments against a
demo hotel that has rates, folios and a city-ledger account, on each engine, and finds no
server error: no 5xx and no GraphQL error array."""

from __future__ import annotations

from datetime import date, timedelta

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes
from support.schemathesis_run import admin_headers, exercise_operation

from frontdesk.core import bootstrap
from frontdesk.graphql.folios import contribution as folios
from frontdesk.graphql.night_audit import contribution as night_audit
from frontdesk.graphql.rates import contribution as rates
from frontdesk.graphql.schema import strawberry_camel
from frontdesk.testing.databases import run_sync, unthrottled

# The money area: rates, folios (with the city ledger and invoices) and the night audit.
MONEY_AREAS = (
    rates.CONTRIBUTION,
    folios.CONTRIBUTION,
    folios.LEDGER_AND_DOCUMENTS,
    night_audit.CONTRIBUTION,
)
MONEY_OPERATIONS = {
    f"{root}.{item.graphql_name or strawberry_camel(item.python_name)}"
    for part in MONEY_AREAS
    for root, classes in (("Query", part.queries), ("Mutation", part.mutations))
    for cls in classes
    for item in cls.__strawberry_definition__.fields
}

EXAMPLES_PER_OPERATION = 15


def _register_scalars() -> None:
    days = st.dates(min_value=date(2026, 10, 1), max_value=date(2027, 3, 1))
    schemathesis.graphql.scalar("Date", days.map(lambda d: nodes.String(d.isoformat())))
    schemathesis.graphql.scalar(
        "Decimal",
        st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False).map(
            lambda d: nodes.String(str(d))
        ),
    )


def _seed(settings_) -> None:
    """A hotel with rates, an in-house stay with a charge and payment, an account."""

    async def load():
        from frontdesk.core.folios import city_ledger
        from frontdesk.core.folios import service as folios
        from frontdesk.core.guests.service import create_guest
        from frontdesk.core.properties.service import (
            create_property,
            create_room,
            create_room_type,
        )
        from frontdesk.core.rates import service as rates
        from frontdesk.core.stays import service as stays

        rt = bootstrap.start(settings_)
        from frontdesk.core import db

        await db.start_pool(rt.engine)
        day = date(2026, 11, 23)
        prop = await create_property(code="FUZZ", name="Fuzz", business_date=day)
        room_type = await create_room_type(
            property_id=prop.id, code="DBL", name="Double", max_occupancy=2
        )
        await create_room(property_id=prop.id, room_type_id=room_type.id, number="1")
        await rates.set_base_rate(room_type_id=room_type.id, amount="90.00")
        plan = await rates.create_rate_plan(property_id=prop.id, code="BAR", name="Bar")
        guest, _ = await create_guest(property_id=prop.id, first_name="F", last_name="Z")
        stay = await stays.book_stay(
            property_id=prop.id,
            room_type_id=room_type.id,
            arrival=day,
            departure=day + timedelta(days=2),
            guest_id=guest.id,
            rate_plan_id=plan.id,
        )
        await stays.check_in(stay_id=stay.id)
        await folios.post_charge(
            stay_id=stay.id, category="spa", description="x", quantity=1, unit_price="10.00"
        )
        await city_ledger.create_account(
            property_id=prop.id, code="AC", name="Ac", credit_limit="500"
        )
        await db.close_pool(rt.engine)

    run_sync(load())


def test_no_money_operation_answers_with_a_server_error(settings):
    from frontdesk.server.app import create_app

    _register_scalars()
    _seed(settings)
    app = create_app(unthrottled(settings))
    headers = admin_headers(app)
    schema = schemathesis.graphql.from_asgi("/graphql", app, headers=headers)
    wanted = MONEY_OPERATIONS
    operations = [
        op
        for op in (result.ok() for result in schema.get_all_operations())
        if op.verbose_name in wanted
    ]
    assert {op.verbose_name for op in operations} == wanted
    calls: dict[str, int] = {}
    for operation in operations:
        examples = 5 if settings.database_url.startswith("postgres") else EXAMPLES_PER_OPERATION
        exercise_operation(operation, headers, calls, examples)()
    assert set(calls) == wanted
