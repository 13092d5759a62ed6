"""The night audit on a schedule: each property may name a local time at which the server
closes its business date by itself (``frontdesk night-audit CODE --at 03:00``).

The audit of business date D is due from D+1 at that local time; a server that was down for
days catches up one date after another. With several server processes each ticks, but a
property's audit runs under a lease (core/leases.py), so one process does it; a process that
dies mid-audit leaves a resumable run that the next holder completes."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from piccolo.querystring import QueryString

from .. import leases, runtime
from ..db import write_transaction
from ..errors import DomainError, InvalidInput
from ..properties.service import get_property
from .service import run_night_audit

log = logging.getLogger("frontdesk.scheduler")
LEASE_SECONDS = 30 * 60
ACTOR = "scheduler:night-audit"

_SCHEDULES = """
SELECT s.property_id, s.local_time, p.timezone, p.business_date
FROM core_night_audit_schedule s JOIN core_property p ON p.id = s.property_id
"""


def parse_local_time(value: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not a time of day like 03:00.", field="at") from None


async def set_schedule(property_id: int, at: time | None) -> None:
    """Run the property's audit every day at local time ``at`` (None: only by hand)."""
    await get_property(property_id)  # NotFound for an unknown property
    engine = runtime.current().engine
    async with write_transaction():
        await engine.run_querystring(
            QueryString("DELETE FROM core_night_audit_schedule WHERE property_id = {}", property_id)
        )
        if at is not None:
            await engine.run_querystring(
                QueryString(
                    "INSERT INTO core_night_audit_schedule (property_id, local_time) "
                    "VALUES ({}, {})",
                    property_id,
                    at.strftime("%H:%M"),
                )
            )


async def schedule_of(property_id: int) -> time | None:
    rows = await runtime.current().engine.run_querystring(
        QueryString(
            "SELECT local_time FROM core_night_audit_schedule WHERE property_id = {}", property_id
        )
    )
    return time.fromisoformat(rows[0]["local_time"]) if rows else None


def _as_date(value):
    return datetime.fromisoformat(value).date() if isinstance(value, str) else value


def is_due(business_date, local_time: time, timezone: str, now: datetime) -> bool:
    due_at = datetime.combine(business_date + timedelta(days=1), local_time, ZoneInfo(timezone))
    return now >= due_at


async def due_properties(now: datetime) -> list[int]:
    rows = await runtime.current().engine.run_querystring(QueryString(_SCHEDULES))
    return [
        row["property_id"]
        for row in rows
        if is_due(
            _as_date(row["business_date"]),
            time.fromisoformat(row["local_time"]),
            row["timezone"],
            now,
        )
    ]


async def run_due_audits(holder: str, now: datetime | None = None) -> list[tuple[int, str]]:
    """Close every business date that is due, each property under its lease; returns the
    (property id, closed date) pairs this process closed."""
    closed: list[tuple[int, str]] = []
    for property_id in await due_properties(now or datetime.now(UTC)):
        name = f"night-audit:{property_id}"
        if not await leases.take(name, holder, LEASE_SECONDS):
            continue
        try:
            while property_id in await due_properties(now or datetime.now(UTC)):
                run = await run_night_audit(property_id=property_id, actor=ACTOR)
                closed.append((property_id, str(run.business_date)))
        except DomainError as error:
            log.warning("scheduled night audit of property %s: %s", property_id, error.message)
        finally:
            await leases.release(name, holder)
    return closed


async def scheduler_loop(interval_seconds: float, holder: str | None = None) -> None:
    """The server's background task: look for due audits every ``interval_seconds``."""
    holder = holder or leases.process_holder()
    while True:
        await asyncio.sleep(interval_seconds)
        try:
            for property_id, day in await run_due_audits(holder):
                log.info("night audit closed %s for property %s", day, property_id)
        except Exception:  # noqa: BLE001 - a failed tick must not end the loop
            log.exception("scheduled night audits failed; trying again next tick")
