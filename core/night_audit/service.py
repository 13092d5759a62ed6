"""The night audit: closes a property's business date.

It runs in steps, each its own transaction: start (a run row, unique per property and date),
one step per stay (room charge, inclusions and city tax for in-house stays; no-show and its
fee for arrivals that never came), and completion (the report, then the business date
advances). Every automatic posting carries a unique ``source_key``, so a run killed halfway
is completed by running it again without posting anything twice, and running it again for a
closed date returns that date's report and posts nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

from .. import events
from ..errors import Conflict, InvalidInput, NotFound
from ..folios.ledger import now
from ..folios.night_postings import post_night
from ..folios.tables import NightAuditRun
from ..properties.service import get_property
from ..properties.tables import Property
from ..rates.service import money_settings
from ..stays import service as stays
from ..stays.tables import Stay
from ..transactions import run_write
from .report import build_report

Progress = Callable[[int, int], None]


async def get_run(property_id: int, business_date: date) -> NightAuditRun | None:
    return (
        await NightAuditRun.objects()
        .where(
            (NightAuditRun.property == property_id) & (NightAuditRun.business_date == business_date)
        )
        .first()
    )


async def _start(property_id: int, actor: str | None) -> tuple[Property, NightAuditRun]:
    async def change() -> tuple[Property, NightAuditRun]:
        prop = await get_property(property_id)
        day = prop.business_date
        earlier_open = await NightAuditRun.exists().where(
            (NightAuditRun.property == prop.id)
            & (NightAuditRun.status == "started")
            & (NightAuditRun.business_date < day)
        )
        if earlier_open:
            raise Conflict("The audit of an earlier day is still open.", field="propertyId")
        run = await get_run(prop.id, day)
        if run is None:
            run = NightAuditRun(
                property=prop.id, business_date=day, status="started", started_by=actor
            )
            await run.save()
            await events.emit(
                "frontdesk_night_audit_started",
                "night_audit.started",
                property_id=prop.id,
                subject_id=run.id,
                actor=actor,
                data={"business_date": day.isoformat()},
                property=prop,
                business_date=day,
            )
        return prop, run

    return await run_write(change, conflict_message="Another night audit is running.")


async def _due_stays(prop: Property, day: date) -> list[Stay]:
    in_house = await Stay.objects().where(
        (Stay.property == prop.id)
        & (Stay.status == "checked_in")
        & (Stay.arrival <= day)
        & (Stay.departure > day)
    )
    arrivals = await Stay.objects().where(
        (Stay.property == prop.id) & (Stay.status == "booked") & (Stay.arrival <= day)
    )
    return sorted([*in_house, *arrivals], key=lambda s: s.id)


async def _close_stay(stay_id: int, day: date, no_show_policy: str, actor: str | None) -> None:
    async def change() -> None:
        stay = await stays.get_stay(stay_id)
        if stay.status == "checked_in" and stay.arrival <= day < stay.departure:
            await post_night(stay, day, actor)
        elif stay.status == "booked" and stay.arrival <= day and no_show_policy == "mark":
            await stays.mark_no_show(stay_id=stay.id, actor=actor)

    await run_write(change, conflict_message="A stay changed during the night audit; rerun it.")


async def _complete(property_id: int, day: date, actor: str | None) -> NightAuditRun:
    async def change() -> NightAuditRun:
        prop = await get_property(property_id)
        run = await get_run(prop.id, day)
        if run.status == "completed":
            return run
        report = await build_report(prop, day)
        run.status, run.completed_at, run.report = "completed", now(), json.dumps(report)
        await run.save()
        await events.emit(
            "frontdesk_night_audit_completed",
            "night_audit.completed",
            property_id=prop.id,
            subject_id=run.id,
            actor=actor,
            data={"business_date": day.isoformat()},
            property=prop,
            business_date=day,
            report=report,
        )
        await Property.update({Property.business_date: day + timedelta(days=1)}).where(
            (Property.id == prop.id) & (Property.business_date == day)
        )
        return run

    return await run_write(change, conflict_message="Another night audit is running.")


async def run_night_audit(
    *,
    property_id: int,
    business_date: date | None = None,
    actor: str | None = None,
    progress: Progress | None = None,
) -> NightAuditRun:
    """Close the property's business date (or return the run of ``business_date`` when that
    date is closed already). ``progress(done, total)`` is called after every stay."""
    prop = await get_property(property_id)
    if business_date is not None and business_date != prop.business_date:
        if business_date > prop.business_date:
            raise InvalidInput("That business date has not been reached yet.", field="businessDate")
        run = await get_run(prop.id, business_date)
        if run is None or run.status != "completed":
            raise NotFound("No night audit closed that date.", field="businessDate")
        return run
    prop, run = await _start(property_id, actor)
    day = run.business_date
    policy = (await money_settings(prop.id)).no_show_policy
    due = await _due_stays(prop, day)
    for done, stay in enumerate(due, start=1):
        await _close_stay(stay.id, day, policy, actor)
        if progress is not None:
            progress(done, len(due))
    return await _complete(prop.id, day, actor)


def report_of(run: NightAuditRun) -> dict:
    return json.loads(run.report or "{}")
