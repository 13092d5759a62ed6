"""The summary of one closed business date, built from what the database holds (so a
resumed run reports exactly what a clean one would)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from ..folios.tables import CityLedgerEntry, FolioEntry
from ..money import ZERO, fmt, round_money
from ..properties.tables import Property, Room
from ..stays import inventory
from ..stays.tables import Stay


async def rooms_available(property_id: int, night: date) -> int:
    rooms = await Room.objects().where((Room.property == property_id) & Room.active.eq(True))
    return sum(1 for r in rooms if not inventory.is_out_of_order(r, night))


def _ratio(numerator: Decimal, denominator: int, currency: str) -> Decimal:
    return round_money(numerator / denominator, currency) if denominator else ZERO


async def _rooms_sold(prop: Property, business_date: date) -> tuple[set[int], set[int], Decimal]:
    """The stays occupying a room that night (priced or not: a complimentary or unpriced room
    is occupied too, and a day use left before the audit but was charged for the night), the
    stays charged more than zero for it, and the net room revenue."""
    room_nights = await FolioEntry.objects().where(
        (FolioEntry.property == prop.id)
        & (FolioEntry.night == business_date)
        & (FolioEntry.category == "room")
    )
    posted = {e.stay for e in room_nights if e.kind == "charge"}
    charged = {e.stay for e in room_nights if e.kind == "charge" and Decimal(e.gross) != ZERO}
    in_house = await Stay.select(Stay.id).where(
        (Stay.property == prop.id)
        & (Stay.status == "checked_in")
        & (Stay.arrival <= business_date)
        & (Stay.departure > business_date)
    )
    sold = posted | {row["id"] for row in in_house}
    return sold, charged, sum((Decimal(e.net) for e in room_nights), ZERO)


async def _revenue_and_payments(
    prop: Property, business_date: date
) -> tuple[dict[str, list[Decimal]], dict[str, Decimal]]:
    """Net and gross revenue per category, and payments per method (folios and the city
    ledger), posted on ``business_date``."""
    entries = await FolioEntry.objects().where(
        (FolioEntry.property == prop.id) & (FolioEntry.business_date == business_date)
    )
    revenue: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    payments: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for e in entries:
        if e.category and e.kind in ("charge", "correction"):
            revenue[e.category][0] += Decimal(e.net)
            revenue[e.category][1] += Decimal(e.gross)
        elif e.method and e.kind in ("payment", "refund", "correction"):
            payments[e.method] -= Decimal(e.amount)
    ledger = await CityLedgerEntry.objects().where(
        (CityLedgerEntry.property == prop.id)
        & (CityLedgerEntry.business_date == business_date)
        & (CityLedgerEntry.kind == "payment")
    )
    for e in ledger:
        payments[e.method] -= Decimal(e.amount)
    return revenue, payments


async def build_report(prop: Property, business_date: date) -> dict[str, Any]:
    """Rooms sold (occupied, charged or not), occupancy, ADR (net room revenue per room
    charged more than zero: complimentary rooms are occupied but not in the average), RevPAR
    (per available room), revenue by category and payments by method of ``business_date``;
    amounts as decimal strings."""
    cur = prop.currency
    revenue, payments = await _revenue_and_payments(prop, business_date)
    sold, charged, room_revenue = await _rooms_sold(prop, business_date)
    available = await rooms_available(prop.id, business_date)
    no_shows = await Stay.count().where(
        (Stay.property == prop.id) & (Stay.arrival == business_date) & (Stay.status == "no_show")
    )
    occupancy = (Decimal(len(sold)) * 100 / available) if available else ZERO
    return {
        "business_date": business_date.isoformat(),
        "currency": cur,
        "rooms_sold": len(sold),
        "rooms_available": available,
        "occupancy_percent": str(occupancy.quantize(Decimal("0.01"))),
        "room_revenue": fmt(room_revenue, cur),
        "adr": fmt(_ratio(room_revenue, len(charged), cur), cur),
        "revpar": fmt(_ratio(room_revenue, available, cur), cur),
        "no_shows": no_shows,
        "revenue_by_category": [
            {"category": c, "net": fmt(v[0], cur), "gross": fmt(v[1], cur)}
            for c, v in sorted(revenue.items())
        ],
        "payments_by_method": [
            {"method": m, "amount": fmt(v, cur)} for m, v in sorted(payments.items())
        ],
    }
