"""Money set-up and read-outs through the public GraphQL API (rates, taxes, folios)."""

from __future__ import annotations

from decimal import Decimal

from .hotel import Hotel

#: How a Money field is selected: ``f"net {M}"``.
M = "{ amount currency }"

FOLIO_FIELDS = f"""id number name status currency balance {M}
  entries {{ id seq kind category description quantity unitPrice {M} taxRate net {M} tax {M}
            gross {M} amount {M} method reference night businessDate refundedEntryId
            correctedEntryId }}
  invoice {{ id number net {M} tax {M} gross {M} paid {M} recipient
            taxBreakdown {{ rate net {M} tax {M} gross {M} }} }}"""


def eur(amount: str, currency: str = "EUR") -> dict:
    """The Money an API answer carries: ``eur("10.05") == {"amount": "10.05", ...}``."""
    return {"amount": amount, "currency": currency}


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
        f"entry {{ id kind category net {M} tax {M} gross {M} amount {M} }}",
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
        f"entry {{ id kind amount {M} method }}",
    )


async def night_audit(gql, hotel: Hotel) -> dict:
    payload = await gql.ok("runNightAudit", {"propertyId": hotel.property_id}, REPORT)
    return payload["report"]


REPORT = f"""report {{ businessDate status currency roomsSold roomsAvailable occupancyPercent
  roomRevenue {M} adr {M} revpar {M} noShows revenueByCategory {{ category net {M} gross {M} }}
  paymentsByMethod {{ method amount {M} }} }}"""


def amounts(folio_data: dict) -> Decimal:
    return sum((Decimal(e["amount"]["amount"]) for e in folio_data["entries"]), Decimal(0))
