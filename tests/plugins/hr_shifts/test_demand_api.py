"""Specifications for demand: the forecast comes from core stays and staffing follows it."""

from __future__ import annotations

from datetime import date, time, timedelta

from support.hotel import book

DAY = date(2026, 12, 10)


async def _book_arrivals(shifts, count: int, arrival: date = DAY) -> list[str]:
    ids = []
    for _ in range(count):
        payload = await book(shifts.gql, shifts.hotel, arrival, arrival + timedelta(days=2))
        assert payload["errors"] == []
        ids.append(payload["stay"]["id"])
    return ids


async def _late_with_rule(shifts) -> None:
    template = await shifts.add_template("LATE", time(15), time(23), min_staff=1)
    await shifts.gql.ok(
        "shiftsAddDemandRule",
        {"templateId": template, "metric": "ARRIVALS", "kind": "PER", "threshold": 20, "staff": 1},
        "demandRule { id metric kind threshold staff }",
    )


async def test_the_forecast_counts_arrivals_departures_and_in_house_guests(busy_shifts):
    await _book_arrivals(busy_shifts, 3)
    data = await busy_shifts.gql.execute(
        'query($p: ID!) { shiftsForecast(propertyId: $p, start: "2026-12-09", '
        'end: "2026-12-13") { day arrivals departures inHouse } }',
        {"p": busy_shifts.hotel.property_id},
    )
    assert data["shiftsForecast"] == [
        {"day": "2026-12-09", "arrivals": 0, "departures": 0, "inHouse": 0},
        {"day": "2026-12-10", "arrivals": 3, "departures": 0, "inHouse": 3},
        {"day": "2026-12-11", "arrivals": 0, "departures": 0, "inHouse": 3},
        {"day": "2026-12-12", "arrivals": 0, "departures": 3, "inHouse": 0},
    ]


async def test_thirty_arrivals_raise_the_agents_required_on_the_late_shift(busy_shifts):
    await _late_with_rule(busy_shifts)
    before = await busy_shifts.coverage(DAY, DAY + timedelta(days=1))

    await _book_arrivals(busy_shifts, 30)
    after = await busy_shifts.coverage(DAY, DAY + timedelta(days=1))

    assert [(c["required"], c["scaled"]) for c in before] == [(1, 0)]
    assert [(c["required"], c["scaled"], c["gap"]) for c in after] == [(3, 2, 3)]
    assert after[0]["reasons"] == ["+2 for 30 arrivals (1 per 20)"]


async def test_cancelled_bookings_drop_out_of_the_demand(busy_shifts):
    await _late_with_rule(busy_shifts)
    stays = await _book_arrivals(busy_shifts, 21)
    for stay_id in stays[:2]:
        await busy_shifts.gql.ok("cancelStay", {"stayId": stay_id}, "stay { status }")

    lines = await busy_shifts.coverage(DAY, DAY + timedelta(days=1))

    assert lines[0]["required"] == 1 + 1, "19 arrivals need one extra agent, not two"


async def test_a_porter_is_required_only_when_arrivals_exceed_the_threshold(busy_shifts):
    porter = await busy_shifts.add_template(
        "PORTER", time(12), time(20), min_staff=0, skill="porter"
    )
    await busy_shifts.gql.ok(
        "shiftsAddDemandRule",
        {"templateId": porter, "metric": "ARRIVALS", "kind": "ABOVE", "threshold": 20},
        "demandRule { id }",
    )
    await _book_arrivals(busy_shifts, 21)
    await _book_arrivals(busy_shifts, 5, arrival=DAY + timedelta(days=2))

    lines = await busy_shifts.coverage(DAY, DAY + timedelta(days=3))

    assert [(c["day"], c["required"]) for c in lines] == [
        ("2026-12-10", 1),
        ("2026-12-11", 0),
        ("2026-12-12", 0),
    ]


async def test_a_draft_roster_shows_the_gap_once_bookings_arrive(busy_shifts):
    await _late_with_rule(busy_shifts)
    for name in ("Ana", "Ben", "Cleo"):
        await busy_shifts.add_staff(name)
    draft = await busy_shifts.gql.ok(
        "shiftsGenerateRoster",
        {
            "propertyId": busy_shifts.hotel.property_id,
            "startsOn": DAY.isoformat(),
            "endsOn": (DAY + timedelta(days=1)).isoformat(),
            "staffIds": [busy_shifts.staff["Ana"]],
        },
        "roster { id violations { code } }",
    )
    assert draft["roster"]["violations"] == []

    await _book_arrivals(busy_shifts, 30)
    after = await busy_shifts.roster(draft["roster"]["id"])
    regenerated = await busy_shifts.generate(DAY, DAY + timedelta(days=1))

    assert [v["message"] for v in after["violations"]] == [
        "late shift (LATE) on 2026-12-10 has 1 of 3 front_desk staff"
    ]
    assert len(regenerated["assignments"]) == 3
    assert regenerated["violations"] == []
