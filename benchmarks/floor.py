"""The floors of scenarios 1 and 2: a plain Litestar app that runs the same SQL the server
needs (a join per board list; two aggregates for availability) and answers the same JSON,
with no GraphQL, no ORM objects and no plugins. Its speed is what the server is compared to."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

from litestar import Litestar, get

from frontdesk.core import bootstrap, db
from frontdesk.core.settings import Settings
from frontdesk.core.stays.tables import Stay

from .queries import (
    AVAILABILITY_SOLD_SQL,
    AVAILABILITY_TYPES_SQL,
    BOARD_LISTS,
    board_row,
    board_sql,
)


def create_floor_app(database_url: str) -> Litestar:
    rt = bootstrap.start(Settings(database_url=database_url, plugins=[]))

    @get("/health", sync_to_thread=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @get("/floor/board")
    async def board(property: int, day: date, first: int = 250, balance: bool = False) -> dict:
        data: dict[str, Any] = {}
        for name, (_args, condition, repeat) in BOARD_LISTS.items():
            sql = board_sql(condition, balance=balance)
            rows = await Stay.raw(sql, property, *([day] * repeat), first)
            data[name] = {"nodes": [board_row(r, balance=balance) for r in rows]}
        return {"data": data}

    @get("/floor/availability")
    async def availability(property: int, arrival: date, departure: date) -> dict:
        types = await Stay.raw(AVAILABILITY_TYPES_SQL, property)
        sold_rows = await Stay.raw(AVAILABILITY_SOLD_SQL, property, arrival, departure)
        sold = {(r["room_type"], str(r["night"])): r["sold"] for r in sold_rows}
        nights = [arrival + timedelta(days=i) for i in range((departure - arrival).days)]
        result = []
        for t in types:
            per_night = []
            for night in nights:
                count = sold.get((t["id"], str(night)), 0)
                per_night.append(
                    {
                        "night": str(night),
                        "bookable": t["rooms"],
                        "sold": count,
                        "free": max(0, t["rooms"] - count),
                    }
                )
            result.append(
                {
                    "roomType": {"id": str(t["id"]), "code": t["code"], "name": t["name"]},
                    "freeCount": min((n["free"] for n in per_night), default=0),
                    "nights": per_night,
                }
            )
        return {"data": {"availability": {"roomTypes": result, "errors": []}}}

    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        await db.start_pool(rt.engine)
        try:
            yield
        finally:
            await db.close_pool(rt.engine)

    return Litestar(route_handlers=[health, board, availability], lifespan=[lifespan])
