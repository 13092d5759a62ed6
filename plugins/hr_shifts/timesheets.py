"""Timesheets: clocking in and out, manager approval, overtime and the payroll export.

* An entry runs from clock-in to clock-out, minus its break; it may belong to a rostered
  shift of the person or be unplanned. A person has at most one open entry.
* An entry belongs to the hotel-local day (and ISO week) its clock-in falls on.
* Overtime is counted per ISO week against the contract's weekly target: the week's approved
  entries are taken in clock-in order and every minute beyond the target is overtime. An
  entry's split therefore never changes once its week is approved up to it, and payroll for
  any set of periods adds up to the same totals.
* Approving a period approves every closed entry of the person in it, in one transaction,
  and calls ``frontdesk_shifts_hours_approved`` (the accounting bridge books labour cost).
  Wage amounts are minutes x hourly wage, rounded to cents; there is no overtime premium.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from frontdesk.api import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    emit_event,
    run_write,
    validation,
)

from . import common, model
from .tables import Assignment, StaffMember, TimeEntry

MAX_ENTRY = timedelta(hours=24)
MAX_PAYROLL_DAYS = 93


def worked_minutes(entry: TimeEntry) -> int:
    if entry.clock_out is None:
        return 0
    gross = int((entry.clock_out - entry.clock_in).total_seconds() // 60)
    return max(0, gross - entry.break_minutes)


def _aware(moment: datetime | None, field: str) -> datetime:
    if moment is None:
        return datetime.now(UTC)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidInput(f"{field} needs a time zone offset.", field=field)
    common.check_day(moment.date(), field)
    return moment.astimezone(UTC)


async def clock_in(
    *, staff_id: int, assignment_id: int | None = None, at: datetime | None = None
) -> TimeEntry:
    moment = _aware(at, "at")

    async def change() -> TimeEntry:
        person = await common.get_staff(staff_id)
        if assignment_id is not None:
            shift = await common.get_assignment(assignment_id)
            roster = await common.get_roster(shift.roster)
            if shift.staff != staff_id or roster.status != "published":
                raise InvalidInput(
                    "assignmentId is not a published shift of this person.", field="assignmentId"
                )
        open_entry = await TimeEntry.exists().where(
            (TimeEntry.staff == person.id) & (TimeEntry.status == "open")
        )
        if open_entry:
            raise Conflict(f"{person.name} is already clocked in.", field="staffId")
        entry = TimeEntry(staff=staff_id, assignment=assignment_id, clock_in=moment)
        await entry.save()
        return entry

    return await run_write(change, conflict_message="The clock-in could not be saved.")


async def clock_out(
    *, entry_id: int, at: datetime | None = None, break_minutes: int = 0
) -> TimeEntry:
    moment = _aware(at, "at")
    validation.integer(break_minutes, "breakMinutes", minimum=0, maximum=24 * 60)

    async def change() -> TimeEntry:
        entry = await TimeEntry.objects().where(TimeEntry.id == entry_id).first()
        if entry is None:
            raise NotFound(f"Time entry {entry_id} does not exist.", field="entryId")
        if entry.status != "open":
            raise InvalidTransition(f"Time entry {entry_id} is already closed.", field="entryId")
        if moment <= entry.clock_in:
            raise InvalidInput("Clock-out must be after clock-in.", field="at")
        if moment - entry.clock_in > MAX_ENTRY:
            raise InvalidInput("An entry may last at most 24 hours.", field="at")
        if break_minutes * 60 >= (moment - entry.clock_in).total_seconds():
            raise InvalidInput("The break must be shorter than the entry.", field="breakMinutes")
        entry.clock_out = moment
        entry.break_minutes = break_minutes
        entry.status = "closed"
        await entry.save()
        return entry

    return await run_write(change, conflict_message="The clock-out could not be saved.")


@dataclass(frozen=True)
class Split:
    minutes: int
    regular: int
    overtime: int


def split_overtime(entries: list[TimeEntry], target: int, timezone: str) -> dict[int, Split]:
    """Regular and overtime minutes of each entry (see module docstring)."""
    by_week: dict[tuple[int, int], list[TimeEntry]] = defaultdict(list)
    for entry in entries:
        by_week[model.iso_week(common.to_local(entry.clock_in, timezone).date())].append(entry)
    result: dict[int, Split] = {}
    for week_entries in by_week.values():
        running = 0
        for entry in sorted(week_entries, key=lambda e: (e.clock_in, e.id)):
            minutes = worked_minutes(entry)
            regular = max(0, min(minutes, target - running))
            running += minutes
            result[entry.id] = Split(minutes, regular, minutes - regular)
    return result


async def _approved_weeks(person: StaffMember, start: date, end: date, tz: str) -> list[TimeEntry]:
    """Approved entries of every ISO week touching [start, end] (their order decides overtime)."""
    monday = start - timedelta(days=start.weekday())
    sunday_after = end + timedelta(days=7 - end.weekday())
    lower = common.to_aware(datetime.combine(monday, datetime.min.time()), tz)
    upper = common.to_aware(datetime.combine(sunday_after, datetime.min.time()), tz)
    return await TimeEntry.objects().where(
        (TimeEntry.staff == person.id)
        & (TimeEntry.status == "approved")
        & (TimeEntry.clock_in >= lower)
        & (TimeEntry.clock_in < upper)
    )


def _in_period(entry: TimeEntry, start: date, end: date, tz: str) -> bool:
    return start <= common.to_local(entry.clock_in, tz).date() <= end


def amount_for(minutes: int, wage: Decimal | None) -> Decimal | None:
    if wage is None:
        return None
    return (Decimal(minutes) * Decimal(str(wage)) / 60).quantize(Decimal("0.01"), ROUND_HALF_UP)


async def approve_hours(
    *, staff_id: int, period_start: date, period_end: date, actor: str | None
) -> list[TimeEntry]:
    """Approve every closed entry of the person in the period (dates inclusive)."""
    _period(period_start, period_end)

    async def change() -> list[TimeEntry]:
        person = await common.get_staff(staff_id)
        prop = await common.get_property(person.property)
        tz = prop.timezone
        candidates = (
            await TimeEntry.objects()
            .where((TimeEntry.staff == staff_id) & (TimeEntry.status == "closed"))
            .order_by(TimeEntry.clock_in)
        )
        chosen = [e for e in candidates if _in_period(e, period_start, period_end, tz)]
        if not chosen:
            raise InvalidInput("No closed time entries in this period.", field="periodStart")
        ids = [e.id for e in chosen]
        await TimeEntry.update(
            {
                TimeEntry.status: "approved",
                TimeEntry.approved_by: actor,
                TimeEntry.approved_at: datetime.now(UTC),
            }
        ).where(TimeEntry.id.is_in(ids))
        approved = await _approved_weeks(person, period_start, period_end, tz)
        splits = split_overtime(approved, person.weekly_target_minutes, tz)
        entries = [e for e in approved if e.id in ids]
        minutes = sum(splits[e.id].minutes for e in entries)
        overtime = sum(splits[e.id].overtime for e in entries)
        await emit_event(
            "frontdesk_shifts_hours_approved",
            "shifts.hours_approved",
            property_id=person.property,
            subject_id=person.id,
            actor=actor,
            data={"minutes": minutes, "overtime_minutes": overtime, "entries": ids},
            staff=person,
            entries=entries,
            period_start=period_start,
            period_end=period_end,
            minutes=minutes,
            overtime_minutes=overtime,
            amount=amount_for(minutes, person.hourly_wage),
            currency=prop.currency,
        )
        return entries

    return await run_write(change, conflict_message="The hours could not be approved.")


def _period(start: date, end: date) -> None:
    common.check_day(start, "periodStart")
    common.check_day(end, "periodEnd")
    if end < start:
        raise InvalidInput("periodEnd must not be before periodStart.", field="periodEnd")
    if (end - start).days >= MAX_PAYROLL_DAYS:
        raise InvalidInput(
            f"a period may cover at most {MAX_PAYROLL_DAYS} days.", field="periodEnd"
        )


@dataclass(frozen=True)
class PayrollLine:
    staff: StaffMember
    minutes: int
    regular_minutes: int
    overtime_minutes: int
    amount: Decimal | None
    currency: str


async def payroll(property_id: int, start: date, end: date) -> list[PayrollLine]:
    """Approved hours per staff member for [start, end] (inclusive), split into overtime."""
    _period(start, end)
    prop = await common.get_property(property_id)
    people = (
        await StaffMember.objects()
        .where(StaffMember.property == property_id)
        .order_by(StaffMember.id)
    )
    lines = []
    for person in people:
        approved = await _approved_weeks(person, start, end, prop.timezone)
        splits = split_overtime(approved, person.weekly_target_minutes, prop.timezone)
        mine = [splits[e.id] for e in approved if _in_period(e, start, end, prop.timezone)]
        if not mine:
            continue
        minutes = sum(s.minutes for s in mine)
        lines.append(
            PayrollLine(
                person,
                minutes,
                sum(s.regular for s in mine),
                sum(s.overtime for s in mine),
                amount_for(minutes, person.hourly_wage),
                prop.currency,
            )
        )
    return lines


def _hours(minutes: int) -> str:
    return str((Decimal(minutes) / 60).quantize(Decimal("0.01"), ROUND_HALF_UP))


def payroll_csv(lines: list[PayrollLine], start: date, end: date) -> str:
    """One row per person: hours as decimals (7.50 = 7 h 30 min), amounts in the currency."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "staff_id",
            "name",
            "period_start",
            "period_end",
            "approved_hours",
            "regular_hours",
            "overtime_hours",
            "hourly_wage",
            "gross_amount",
            "currency",
        ]
    )
    for line in lines:
        wage = line.staff.hourly_wage
        writer.writerow(
            [
                line.staff.id,
                line.staff.name,
                start.isoformat(),
                end.isoformat(),
                _hours(line.minutes),
                _hours(line.regular_minutes),
                _hours(line.overtime_minutes),
                "" if wage is None else f"{Decimal(str(wage)):.2f}",
                "" if line.amount is None else f"{line.amount:.2f}",
                line.currency,
            ]
        )
    return out.getvalue()


async def shift_of(entry: TimeEntry) -> Assignment | None:
    if entry.assignment is None:
        return None
    return await Assignment.objects().where(Assignment.id == entry.assignment).first()
