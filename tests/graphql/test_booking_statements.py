"""A booking's statements are few and pinned: each one on PostgreSQL is a round trip inside
the write transaction (docs/performance.md, issue #22: 15 statements with every plugin before,
the floor writes the same rows in 8). A new read or write on the booking path fails here."""

from __future__ import annotations

import re
from datetime import timedelta

from support.hotel import book, build_hotel
from support.money import set_up_rates
from support.statements import StatementRecorder


def _shape(sql: str) -> str:
    """``INSERT core_stay`` / ``SELECT core_stay_night``...: verb and first table named."""
    sql = sql.strip()
    verb = sql.split(None, 1)[0].upper()
    if verb == "WITH":
        return "WITH " + "+".join(re.findall(r'INSERT INTO "?(\w+)"?', sql))
    table = re.search(r'(?:FROM|INTO)\s+"?(\w+)"?', sql)
    return f"{verb} {table.group(1) if table else '?'}"


async def test_a_priced_booking_runs_its_pinned_statements(gql, app):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    await book(gql, hotel, day, day + timedelta(days=2))  # warm: caches, plans
    postgres = app.state.runtime.engine.engine_type == "postgres"
    with StatementRecorder(app.state.runtime.engine) as recorder:
        payload = await book(gql, hotel, day, day + timedelta(days=2), guest=1)
    assert payload["stay"] and not payload["errors"], payload
    billing = (
        ["WITH folios_stay_night_rate+folios_stay_terms+folios_folio"]
        if postgres
        else ["INSERT folios_stay_night_rate", "INSERT folios_stay_terms", "INSERT folios_folio"]
    )
    stay_and_nights = (
        ["WITH core_stay+core_stay_night"]
        if postgres
        else ["INSERT core_stay", "INSERT core_stay_night"]
    )
    expected = [
        "SELECT auth_api_key",  # the caller's key (the rate limit's lease is not counted)
        # The guard reads the property, room type and guest as one row (core.rows.fetch_by_ids)
        # for their owners; on PostgreSQL the booking takes those rows (core.request_rows), on
        # SQLite (no round trips, a write lock the read must follow) it reads them again.
        "SELECT ?",
        *([] if postgres else ["SELECT ?"]),
        "SELECT core_stay_night",  # used slots and room counts, one UNION
        *stay_and_nights,  # every night in one VALUES list
        "SELECT rates_calendar",  # calendar prices, base rate, any calendar: one UNION
        *billing,
        "INSERT auth_audit_record",
    ]
    assert [_shape(sql) for sql in recorder.statements] == expected
    assert len(recorder.statements) == (7 if postgres else 11)
