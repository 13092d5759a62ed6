"""Money set-up and read-outs through the public GraphQL API (rates, taxes, folios)."""

from __future__ import annotations

from decimal import Decimal

from .hotel import Hotel

FOLIO_FIELDS = """id number name status currency balance { amount currency }
  entries { id seq kind category description quantity unitPrice taxRate net tax gross amount
            method reference night businessDate refundedEntryId correctedEntryId }
  invoice { id number net tax gross paid recipient taxBreakdown { rate net tax gross } }"""

STAY_MONEY = f"""query($id: ID!) {{ stay(id: $id) {{ id status balance {{ amount currency }}
  folios {{ {FOLIO_FIELDS} }} }} }}"""


async def set_up_rates(
    gql,
    hotel: Hotel,
    *,
    double: str = "100.00",
    suite: str = "200.00",
    room_vat: str = "7",
    food_vat: str = "19",
) -> None:
    """Base rates per room type and German-style VAT (7 % rooms, 19 % food and the rest)."""
    for code, amount in (("DBL", double), ("STE", suite)):
        if code in hotel.room_types:
            await gql.ok(
                "setBaseRate",
                {"roomTypeId": hotel.room_types[code], "amount": amount},
                "baseRate { amount { amount } }",
            )
    for category, rate in (
        ("ROOM", room_vat),
        ("FOOD_BEVERAGE", food_vat),
        ("MINIBAR", food_vat),
        ("SPA", food_vat),
        ("FEE", "0"),
        ("CITY_TAX", "0"),
        ("OTHER", food_vat),
    ):
        await gql.ok(
            "setTaxRate",
            {
                "propertyId": hotel.property_id,
                "category": category,
                "rate": rate,
                "name": f"VAT {rate} %",
            },
            "taxRate { id }",
        )


async def rate_plan(gql, hotel: Hotel, code: str, **fields) -> str:
    payload = await gql.ok(
        "createRatePlan",
        {"propertyId": hotel.property_id, "code": code, "name": code, **fields},
        "ratePlan { id }",
    )
    return payload["ratePlan"]["id"]


async def stay_money(gql, stay_id: str) -> dict:
    return (await gql.execute(STAY_MONEY, {"id": stay_id}))["stay"]


async def folio(gql, folio_id: str) -> dict:
    query = f"query($id: ID!) {{ folio(id: $id) {{ {FOLIO_FIELDS} }} }}"
    return (await gql.execute(query, {"id": folio_id}))["folio"]


async def charge(
    gql,
    target: dict,
    category: str,
    unit_price: str,
    *,
    quantity: int = 1,
    description: str = "Item",
) -> dict:
    """Post a charge to ``{"stayId": ...}`` or ``{"folioId": ...}``; returns the payload."""
    return await gql.mutate(
        "postCharge",
        {
            **target,
            "category": category,
            "unitPrice": unit_price,
            "quantity": quantity,
            "description": description,
        },
        "entry { id kind category net tax gross amount }",
    )


async def pay(
    gql,
    folio_id: str,
    amount: str,
    method: str = "CARD",
    currency: str = "EUR",
    reference: str | None = None,
) -> dict:
    return await gql.mutate(
        "recordPayment",
        {
            "folioId": folio_id,
            "amount": amount,
            "currency": currency,
            "method": method,
            "reference": reference,
        },
        "entry { id kind amount method }",
    )


async def night_audit(gql, hotel: Hotel) -> dict:
    payload = await gql.ok("runNightAudit", {"propertyId": hotel.property_id}, REPORT)
    return payload["report"]


REPORT = """report { businessDate status currency roomsSold roomsAvailable occupancyPercent
  roomRevenue adr revpar noShows revenueByCategory { category net gross }
  paymentsByMethod { method amount } }"""


def amounts(folio_data: dict) -> Decimal:
    return sum((Decimal(e["amount"]) for e in folio_data["entries"]), Decimal(0))
