"""Background work runs once across processes (leases), and the night audit runs by itself
at each property's local time, catching up days a stopped server missed."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta

import pytest

from frontdesk.core import leases
from frontdesk.core.night_audit.schedule import (
    is_due,
    run_due_audits,
    schedule_of,
    set_schedule,
)
from frontdesk.core.properties.service import create_property, get_property


async def test_of_many_processes_asking_at_once_exactly_one_holds_the_lease(runtime):
    taken = await asyncio.gather(*(leases.take("job", f"p{i}", 60) for i in range(10)))
    assert taken.count(True) == 1


async def test_a_holder_renews_its_own_lease_and_others_wait(runtime):
    assert await leases.take("job", "a", 60)
    assert await leases.take("job", "a", 60)
    assert not await leases.take("job", "b", 60)


async def test_an_expired_lease_is_taken_over_and_a_released_one_at_once(runtime):
    assert await leases.take("job", "dead", -1)  # its holder died: the lease has run out
    assert await leases.take("job", "b", 60)
    await leases.release("job", "b")
    assert await leases.take("job", "c", 60)


def test_the_audit_of_a_date_is_due_from_the_next_day_at_the_local_time():
    day = date(2026, 12, 1)
    at = time(3, 0)
    berlin_0259 = datetime(2026, 12, 2, 1, 59, tzinfo=UTC)  # 02:59 in Berlin
    assert not is_due(day, at, "Europe/Berlin", berlin_0259)
    assert is_due(day, at, "Europe/Berlin", berlin_0259 + timedelta(minutes=1))


async def behind_by_two_days(code: str = "SCH") -> int:
    today = datetime.now(UTC).date()
    prop = await create_property(code=code, name="Scheduled", business_date=today - timedelta(2))
    await set_schedule(prop.id, time(0, 0))
    return prop.id


async def test_a_stopped_server_catches_up_every_missed_date_once(runtime):
    property_id = await behind_by_two_days()
    closed = await run_due_audits("process-1")
    today = datetime.now(UTC).date()
    assert [day for _, day in closed] == [str(today - timedelta(2)), str(today - timedelta(1))]
    assert (await get_property(property_id)).business_date == today
    assert await run_due_audits("process-1") == []


async def test_two_processes_ticking_together_close_each_date_once(runtime):
    await behind_by_two_days()
    results = await asyncio.gather(run_due_audits("process-1"), run_due_audits("process-2"))
    closed = [day for result in results for _, day in result]
    assert sorted(closed) == sorted(set(closed)) and len(closed) == 2


async def test_a_property_without_a_schedule_is_left_alone(runtime):
    property_id = await behind_by_two_days()
    await set_schedule(property_id, None)
    assert await schedule_of(property_id) is None
    assert await run_due_audits("process-1") == []


def test_the_schedule_is_set_and_refused_plainly_on_the_command_line(database_url):
    env = {**os.environ, "FRONTDESK_DATABASE_URL": database_url, "FRONTDESK_PLUGINS": ""}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "frontdesk.server.cli", "night-audit", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    unknown = run("NOPE", "--at", "03:00")
    assert unknown.returncode == 2 and "No property with code NOPE" in unknown.stderr
    bad = run("NOPE", "--at", "25:99")
    assert bad.returncode == 2 and "not a time of day" in bad.stderr
    assert "Traceback" not in bad.stderr + unknown.stderr


@pytest.fixture
def enabled_plugins():
    return []
