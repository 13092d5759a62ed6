"""Sizes of a run and the targets of issue #8, in one place so docs and code agree."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

#: The business date of every synthetic property: fixed so runs are comparable.
TODAY = date(2026, 6, 15)

SCENARIOS = (
    "board",
    "availability",
    "booking",
    "night_audit",
    "plugin_overhead",
    "sql_statements",
    "roster",
    "startup_memory",
    "desk_browser",
)

#: Room types of a synthetic property: code, name, max occupancy, share of the rooms.
ROOM_TYPES = (("STD", "Standard", 2, 0.6), ("DBL", "Double", 3, 0.3), ("STE", "Suite", 4, 0.1))


@dataclass(frozen=True)
class Sizes:
    """How big the synthetic group and each scenario are (see docs/performance.md)."""

    properties: int = 3
    rooms_per_property: int = 300
    history_stays: int = 100_000
    small_history_stays: int = 10_000
    history_days: int = 730
    arrivals: int = 40
    departures: int = 40
    stayovers: int = 70
    future_days: int = 60
    future_occupancy: float = 0.5
    board_clients: int = 8
    board_requests: int = 200
    board_rounds: int = 2
    availability_nights: int = 30
    availability_requests: int = 60
    availability_rounds: int = 3
    booking_clients: int = 16
    bookings: int = 160
    booking_rounds: int = 3
    audit_stays_per_property: int = 300  # the issue: 900 -> 9,000 in-house stays
    audit_properties: tuple[int, int] = (3, 30)
    lifecycle_cycles: int = 25
    roster_staff_per_department: int = 10
    roster_days: int = 28
    roster_time_limit: float = 9.0
    #: Cold starts of the server whose median is the start-up figure (one start is noisy).
    startup_runs: int = 3
    #: The web desk in Chromium (issue #19): board loads and live bookings measured.
    browser_loads: int = 20
    browser_bookings: int = 10
    #: The plugins of the loaded side of the plugin-overhead scenario: "all" (every installed
    #: plugin) or a comma list, e.g. session 6's "concierge,accounting_bridge,hr_shifts".
    overhead_plugins: str = "all"
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


FULL = Sizes()

SMOKE = Sizes(
    properties=1,
    rooms_per_property=20,
    history_stays=200,
    small_history_stays=100,
    history_days=60,
    arrivals=3,
    departures=3,
    stayovers=5,
    future_days=10,
    board_clients=2,
    board_requests=10,
    board_rounds=1,
    availability_nights=7,
    availability_requests=5,
    availability_rounds=1,
    booking_clients=4,
    bookings=8,
    booking_rounds=1,
    audit_stays_per_property=4,
    audit_properties=(1, 2),
    lifecycle_cycles=2,
    roster_staff_per_department=10,
    roster_days=7,
    roster_time_limit=2.0,
    startup_runs=1,
    browser_loads=2,
    browser_bookings=1,
)


def scaled(base: Sizes, **changes: Any) -> Sizes:
    return replace(base, **{k: v for k, v in changes.items() if v is not None})


@dataclass(frozen=True)
class Target:
    """What a scenario's headline ratio (or value) must not exceed."""

    limit: float
    text: str

    def met(self, value: float | None) -> bool | None:
        return None if value is None else value <= self.limit


TARGETS = {
    "board": Target(2.0, "throughput floor/server <= 2.0"),
    "availability": Target(1.5, "p50 server/floor <= 1.5"),
    "availability_history": Target(1.2, "p50 100k/10k history <= 1.2"),
    "booking": Target(3.0, "time per booking server/floor <= 3.0"),
    "night_audit": Target(1.1, "time per stay at 10x/1x <= 1.1"),
    "plugin_overhead": Target(1.2, "p50 all plugins/core <= 1.2"),
    "sql_statements": Target(1.0, "statements at many rows/few rows <= 1.0"),
    "roster": Target(10.0, "seconds to a feasible roster < 10"),
    "startup": Target(2.0, "seconds to first answer < 2"),
    "memory": Target(250.0, "RSS MB after board < 250"),
    "browser_board": Target(1.0, "p95 seconds from 'Today' to the board's rows < 1"),
    "browser_booking": Target(2.0, "p95 seconds from 'Book' to the row on another board < 2"),
}
