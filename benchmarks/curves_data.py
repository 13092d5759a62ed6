"""Data for the growth curves (docs/performance.md, "Growth curves"): properties added to a
group one by one with a board of a given size, so one database serves every point of a
curve (properties and history grow in place; the rows curve is one property per size)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from .bulk import BulkWriter
from .config import Sizes
from .datagen import create_guests, create_properties, fill_property
from .rows import Group, _Stays


@dataclass(frozen=True)
class CurveSizes:
    """The points of each curve; ``DEFAULT`` keeps ``make bench`` under 25 minutes, ``FULL``
    is the issue's (board rows 150 -> 1,500, properties 3 -> 30, history 10k -> 1M)."""

    board_rows: tuple[int, ...] = (150, 500, 1500)
    properties: tuple[int, ...] = (3, 10, 30)
    history: tuple[int, ...] = (10_000, 100_000)
    processes: tuple[int, ...] = (1, 2)
    #: Days of future bookings on every curve property (the scenarios' group has 60).
    future_days: int = 14
    #: Boards per point at 150 rows; fewer at larger boards (same rows read per point).
    board_requests: int = 60
    board_clients: int = 4
    availability_requests: int = 40
    rounds: int = 2


DEFAULT = CurveSizes()
FULL = CurveSizes(
    board_rows=(150, 300, 750, 1500),
    history=(10_000, 100_000, 1_000_000),
    board_requests=100,
    availability_requests=60,
)
SMOKE = CurveSizes(
    board_rows=(10, 30),
    properties=(2, 3),
    history=(100, 300),
    future_days=5,
    board_requests=6,
    board_clients=2,
    availability_requests=4,
    rounds=1,
)


def board_sizes(sizes: Sizes, rows: int) -> Sizes:
    """The scenarios' sizes with a board of ``rows`` rows in the same proportions (40
    arrivals, 40 departures, 70 stay-overs of 150) and rooms enough to hold it."""
    base = sizes.arrivals + sizes.departures + sizes.stayovers
    arrivals = max(1, round(rows * sizes.arrivals / base))
    departures = max(1, round(rows * sizes.departures / base))
    return replace(
        sizes,
        arrivals=arrivals,
        departures=departures,
        stayovers=rows - arrivals - departures,
        rooms_per_property=max(sizes.rooms_per_property, round(rows * 1.2)),
    )


async def add_properties(
    url: str, group: Group, sizes: Sizes, rows: int, count: int, seed: int
) -> list[int]:
    """``count`` more properties with a board of ``rows`` rows each; their ids."""
    board = board_sizes(sizes, rows)
    added = Group(property_ids=[])
    rnd = random.Random(seed)
    async with BulkWriter(url) as writer:
        await create_properties(
            writer, added, count, board.rooms_per_property, offset=len(group.property_ids)
        )
        await create_guests(writer, added, 200)
        batch = _Stays(writer)
        for pid in added.property_ids:
            await fill_property(writer, batch, added, pid, board, rnd)
    group.property_ids += added.property_ids
    group.room_types.update(added.room_types)
    group.rooms.update(added.rooms)
    group.guests.update(added.guests)
    for key, value in added.counts.items():
        group.counts[key] = group.counts.get(key, 0) + value
    return added.property_ids
