"""The night audit's report: occupancy, revenue by category, payments by method, read from
the run's stored JSON."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import strawberry

from ..common.money import Money, money
from ..folios.types import PaymentMethod
from ..rates.types import ChargeCategory


@strawberry.type
class CategoryRevenue:
    category: ChargeCategory
    net: Money
    gross: Money


@strawberry.type
class MethodAmount:
    method: PaymentMethod
    amount: Money


@strawberry.type
class NightAuditReport:
    business_date: date
    status: str
    currency: str
    rooms_sold: int
    rooms_available: int
    occupancy_percent: Decimal
    room_revenue: Money
    adr: Money = strawberry.field(description="Net room revenue per room sold.")
    revpar: Money = strawberry.field(description="Net room revenue per available room.")
    no_shows: int
    revenue_by_category: list[CategoryRevenue]
    payments_by_method: list[MethodAmount]
    completed_at: datetime | None


def report_from_run(run) -> NightAuditReport:
    data = json.loads(run.report or "{}")
    currency = data.get("currency", "")
    return NightAuditReport(
        business_date=run.business_date,
        status=run.status,
        currency=currency,
        rooms_sold=data.get("rooms_sold", 0),
        rooms_available=data.get("rooms_available", 0),
        occupancy_percent=Decimal(data.get("occupancy_percent", "0")),
        room_revenue=money(data.get("room_revenue", "0"), currency),
        adr=money(data.get("adr", "0"), currency),
        revpar=money(data.get("revpar", "0"), currency),
        no_shows=data.get("no_shows", 0),
        revenue_by_category=[
            CategoryRevenue(
                category=ChargeCategory(r["category"]),
                net=money(r["net"], currency),
                gross=money(r["gross"], currency),
            )
            for r in data.get("revenue_by_category", [])
        ],
        payments_by_method=[
            MethodAmount(method=PaymentMethod(p["method"]), amount=money(p["amount"], currency))
            for p in data.get("payments_by_method", [])
        ],
        completed_at=run.completed_at,
    )
