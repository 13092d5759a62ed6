"""Piccolo tables of the hr_shifts plugin (names prefixed hr_shifts_).

Times of day and the start/end of unavailability are naive *hotel local time*, the clock the
solver works in (see ``model``); clock-in/out stamps are aware timestamps like the rest of
the system. Composite keys live in UNIQUE_INDEXES, created by a hand-written migration.
"""

from __future__ import annotations

from piccolo.columns import (
    Array,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    OnDelete,
    Text,
    Time,
    Timestamp,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from frontdesk.api.migrations import MoneyColumn
from frontdesk.api.tables import Property

TIME_OFF_KINDS = ("time_off", "unavailable")
REQUEST_STATUSES = ("requested", "approved", "denied")
ROSTER_STATUSES = ("draft", "published", "superseded")
DEMAND_METRICS = ("arrivals", "departures", "in_house")
DEMAND_KINDS = ("per", "above")
ENTRY_STATUSES = ("open", "closed", "approved")


class StaffMember(Table, tablename="hr_shifts_staff"):
    property = ForeignKey(references=Property, index=True)
    user_id = Integer(null=True, default=None, index=True)
    name = Varchar(length=200)
    departments = Array(base_column=Varchar(length=50))
    skills = Array(base_column=Varchar(length=50))
    weekly_target_minutes = Integer(default=2400)
    weekly_max_minutes = Integer(default=2880)
    hourly_wage = MoneyColumn(digits=(10, 2), null=True, default=None)
    employment_start = Date(null=True, default=None)
    employment_end = Date(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class ShiftTemplate(Table, tablename="hr_shifts_template"):
    property = ForeignKey(references=Property, index=True)
    code = Varchar(length=20)
    name = Varchar(length=100)
    department = Varchar(length=50)
    skill = Varchar(length=50)
    start_time = Time()
    end_time = Time()
    min_staff = Integer(default=1)
    active = Boolean(default=True)


class LabourRuleSet(Table, tablename="hr_shifts_rules"):
    """One row per property once a manager changes the defaults (``model.LabourRules``)."""

    property = ForeignKey(references=Property, unique=True)
    max_minutes_per_day = Integer(default=600)
    max_minutes_per_week = Integer(default=2880)
    min_rest_minutes = Integer(default=660)
    max_consecutive_days = Integer(default=6)
    min_free_days_per_week = Integer(default=1)


class DemandRule(Table, tablename="hr_shifts_demand_rule"):
    """Extra staff for a template scaled by the day's forecast (see ``coverage``)."""

    template = ForeignKey(references=ShiftTemplate, index=True)
    metric = Varchar(length=20)
    kind = Varchar(length=10)
    threshold = Integer()
    staff = Integer(default=1)


class TimeOff(Table, tablename="hr_shifts_time_off"):
    staff = ForeignKey(references=StaffMember, index=True)
    kind = Varchar(length=20, default="time_off")
    starts_at = Timestamp()
    ends_at = Timestamp()
    reason = Text(default="")
    status = Varchar(length=20, default="requested")
    decided_by = Varchar(length=200, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Preference(Table, tablename="hr_shifts_preference"):
    """A wish for (positive weight) or against (negative) a template on a weekday or date."""

    staff = ForeignKey(references=StaffMember, index=True)
    template = ForeignKey(references=ShiftTemplate)
    weekday = Integer(null=True, default=None)
    day = Date(null=True, default=None)
    weight = Integer(default=1)


class Roster(Table, tablename="hr_shifts_roster"):
    property = ForeignKey(references=Property, index=True)
    starts_on = Date()
    ends_on = Date()
    status = Varchar(length=20, default="draft")
    solver_status = Varchar(length=20, null=True, default=None)
    solver_gap = Numeric(digits=(12, 6), null=True, default=None)
    solver_seconds = Numeric(digits=(12, 3), null=True, default=None)
    conflicts = Text(default="[]")
    created_by = Varchar(length=200, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    published_at = Timestamptz(null=True, default=None)
    published_by = Varchar(length=200, null=True, default=None)


class Assignment(Table, tablename="hr_shifts_assignment"):
    roster = ForeignKey(references=Roster, index=True)
    staff = ForeignKey(references=StaffMember, index=True)
    template = ForeignKey(references=ShiftTemplate)
    day = Date()
    source = Varchar(length=20, default="solver")


class SwapRequest(Table, tablename="hr_shifts_swap"):
    assignment = ForeignKey(references=Assignment, index=True)
    from_staff = ForeignKey(references=StaffMember)
    to_staff = ForeignKey(references=StaffMember)
    note = Text(default="")
    status = Varchar(length=20, default="requested")
    decided_by = Varchar(length=200, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class TimeEntry(Table, tablename="hr_shifts_time_entry"):
    staff = ForeignKey(references=StaffMember, index=True)
    assignment = ForeignKey(
        references=Assignment, null=True, default=None, on_delete=OnDelete.set_null
    )
    clock_in = Timestamptz()
    clock_out = Timestamptz(null=True, default=None)
    break_minutes = Integer(default=0)
    status = Varchar(length=20, default="open")
    approved_by = Varchar(length=200, null=True, default=None)
    approved_at = Timestamptz(null=True, default=None)


class CalendarFeed(Table, tablename="hr_shifts_calendar_feed"):
    """A staff member's subscribable calendar URL: the token is shown once and stored only
    as its SHA-256; revoking it makes the URL answer 404."""

    staff = ForeignKey(references=StaffMember, index=True, on_delete=OnDelete.cascade)
    token_hash = Varchar(length=64, unique=True)
    hint = Varchar(length=8)
    created_by = Varchar(length=200, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None)


TABLES: list = [
    StaffMember,
    ShiftTemplate,
    LabourRuleSet,
    DemandRule,
    TimeOff,
    Preference,
    Roster,
    Assignment,
    SwapRequest,
    TimeEntry,
    CalendarFeed,
]

UNIQUE_INDEXES = [
    ("hr_shifts_template_property_code", "hr_shifts_template", ("property", "code")),
    (
        "hr_shifts_assignment_roster_staff_template_day",
        "hr_shifts_assignment",
        ("roster", "staff", "template", "day"),
    ),
]
INDEXES = [
    ("hr_shifts_roster_property_dates", "hr_shifts_roster", ("property", "starts_on")),
    ("hr_shifts_time_entry_staff_in", "hr_shifts_time_entry", ("staff", "clock_in")),
]
