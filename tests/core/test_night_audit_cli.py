"""``frontdesk night-audit``: closes the business date from the command line."""

from __future__ import annotations

import subprocess
import sys
from datetime import date


def _run(args, database_url):
    import os

    env = {**os.environ, "FRONTDESK_DATABASE_URL": database_url, "FRONTDESK_PLUGINS": ""}
    return subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", *args],
        capture_output=True,
        text=True,
        env=env,
    )


async def test_night_audit_command_closes_the_day_and_prints_the_report(runtime, database_url):
    from support.money_services import book_in_house, priced_hotel

    from frontdesk.core.properties.service import get_property

    hotel = await priced_hotel(code="CLI")
    await book_in_house(hotel, 0)
    done = _run(["night-audit", "cli"], database_url)
    assert done.returncode == 0, done.stderr
    assert "Closed 2026-11-23: 1/4 rooms sold (25.00 %)" in done.stdout
    assert (await get_property(hotel.property_id)).business_date == date(2026, 11, 24)


async def test_an_unknown_property_is_a_plain_error(runtime, database_url):
    done = _run(["night-audit", "NOPE"], database_url)
    assert done.returncode == 2
    assert "No property with code NOPE." in done.stderr
    assert "Traceback" not in done.stderr
