"""Plain data for the roster solver and the rule validator.

Everything here is a frozen dataclass with no database or framework dependency, so the
solver and validator can be tested (and reused from a CLI or a worker) without the core.

Times are naive local hotel time: a shift on ``day`` runs from ``day + start`` to
``day + end`` (the next day when ``end <= start``). Unavailability uses the same clock.
The shared calendar helpers at the bottom keep the solver and the validator agreeing on
what "a day", "a week" and "an overlap" mean.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal, NamedTuple

#: A shift counts as a night shift when it crosses midnight or starts before this time.
NIGHT_STARTS_BEFORE = time(5, 0)


@dataclass(frozen=True)
class StaffMember:
    """Someone who can be rostered.

    ``employment_start`` and ``employment_end`` are inclusive; ``None`` means open-ended.
    ``preferences`` maps ``(day, template_id)`` to a weight: positive means the person
    wants that shift, negative means they would rather not work it.
    """

    id: int
    name: str
    skills: frozenset[str]
    weekly_target_minutes: int
    weekly_max_minutes: int
    employment_start: date | None = None
    employment_end: date | None = None
    preferences: Mapping[tuple[date, int], int] = field(default_factory=dict, hash=False)

    def is_employed_on(self, day: date) -> bool:
        """True when ``day`` lies inside the (inclusive) employment dates."""
        if self.employment_start is not None and day < self.employment_start:
            return False
        return self.employment_end is None or day <= self.employment_end


@dataclass(frozen=True)
class ShiftTemplate:
    """A recurring shift such as "Late 14:00-22:00 at the front desk".

    ``end <= start`` means the shift ends on the following day (``end == start`` is a
    24-hour shift). ``is_night`` is derived when not given: crossing midnight or starting
    before 05:00 makes a night shift.
    """

    id: int
    code: str
    name: str
    department: str
    skill: str
    start: time
    end: time
    is_night: bool | None = None

    def __post_init__(self) -> None:
        if self.is_night is None:
            derived = self.crosses_midnight or self.start < NIGHT_STARTS_BEFORE
            object.__setattr__(self, "is_night", derived)

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    @property
    def duration_minutes(self) -> int:
        start_min = self.start.hour * 60 + self.start.minute
        end_min = self.end.hour * 60 + self.end.minute
        if self.crosses_midnight:
            end_min += 24 * 60
        return end_min - start_min

    def interval(self, day: date) -> tuple[datetime, datetime]:
        """The concrete half-open ``[start, end)`` of this shift when it starts on ``day``."""
        begins = datetime.combine(day, self.start)
        return begins, begins + timedelta(minutes=self.duration_minutes)

    @property
    def label(self) -> str:
        """Human label used in messages, e.g. ``late shift (LATE)``."""
        name = self.name.strip().lower()
        if not name.endswith("shift"):
            name = f"{name} shift"
        return f"{name} ({self.code})"


@dataclass(frozen=True)
class LabourRules:
    """Hard working-time limits; defaults follow a typical EU hotel agreement.

    - ``max_minutes_per_day``: 10 h of shifts starting on one calendar day.
    - ``max_minutes_per_week``: 48 h per ISO week (lowered per person by
      ``StaffMember.weekly_max_minutes``).
    - ``min_rest_minutes``: 11 h between the end of one shift and the start of the next.
    - ``max_consecutive_days``: at most 6 working days in a row.
    - ``min_free_days_per_week``: at least 1 day without a shift start per ISO week.
    """

    max_minutes_per_day: int = 600
    max_minutes_per_week: int = 2880
    min_rest_minutes: int = 660
    max_consecutive_days: int = 6
    min_free_days_per_week: int = 1


@dataclass(frozen=True)
class Unavailability:
    """A half-open period ``[start, end)`` when the person must not work.

    Approved time off and stated unavailability both arrive as this type.
    """

    staff_id: int
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Requirement:
    """How many people a template needs on one day."""

    template_id: int
    day: date
    required: int


@dataclass(frozen=True)
class Assignment:
    """One person working one template on the day the shift starts."""

    staff_id: int
    template_id: int
    day: date


class Shortfall(NamedTuple):
    """A shift that stays under-covered: ``(template_id, day, missing)``."""

    template_id: int
    day: date
    missing: int


@dataclass(frozen=True)
class RosterProblem:
    """Everything the solver needs for the days ``start <= day < end``.

    ``published`` is the roster staff have already seen; the solver prefers to keep it
    ("fewest changes"). Only published assignments inside the range are considered.
    """

    start: date
    end: date
    staff: Sequence[StaffMember]
    templates: Sequence[ShiftTemplate]
    rules: LabourRules = field(default_factory=LabourRules)
    unavailability: Sequence[Unavailability] = ()
    requirements: Sequence[Requirement] = ()
    published: Sequence[Assignment] = ()
    time_limit_seconds: float = 10.0

    @property
    def days(self) -> list[date]:
        return days_between(self.start, self.end)


RosterStatus = Literal["optimal", "feasible", "infeasible"]


@dataclass(frozen=True)
class RosterResult:
    """The solver's answer.

    With ``status == "infeasible"`` the roster is still the best one found for a relaxed
    problem (coverage may fall short); ``uncovered`` and ``conflicts`` say where and why.
    ``gap`` is ``|objective - best_bound| / max(1, |objective|)``.
    """

    status: RosterStatus
    assignments: list[Assignment]
    uncovered: list[Shortfall]
    conflicts: list[str]
    objective: float
    best_bound: float
    gap: float
    wall_seconds: float


# --- calendar helpers shared by the solver and the validator -----------------------------


def days_between(start: date, end: date) -> list[date]:
    """All days in ``[start, end)``."""
    return [start + timedelta(days=n) for n in range((end - start).days)]


def iso_week(day: date) -> tuple[int, int]:
    """The ``(ISO year, ISO week)`` a shift starting on ``day`` counts towards."""
    iso = day.isocalendar()
    return iso.year, iso.week


def overlaps(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    """Half-open interval overlap: touching ends do not overlap."""
    return a[0] < b[1] and b[0] < a[1]


def rest_minutes_between(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> int:
    """Minutes between the earlier shift's end and the later shift's start (<0: overlap)."""
    first, second = (a, b) if a[0] <= b[0] else (b, a)
    return int((second[0] - first[1]).total_seconds() // 60)


def shifts_conflict(
    a: tuple[datetime, datetime], b: tuple[datetime, datetime], min_rest_minutes: int
) -> bool:
    """Two shifts cannot both go to one person: they overlap or leave too little rest."""
    return overlaps(a, b) or rest_minutes_between(a, b) < min_rest_minutes
