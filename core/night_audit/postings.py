"""What one in-house night costs, posted to the stay's folios: room charge (less the rate
plan's inclusions, posted under their own categories) and city tax. The night audit posts it
for every in-house night; check-out posts it for a day use (a guest leaving on the business
date they arrived, whose night no audit will ever post). Keys make each posting happen once,
whoever posts it first.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..folios import stays as folio_stays
from ..folios.ledger import route
from ..folios.money import ZERO, round_money
from ..folios.service import post_charge_in_transaction
from ..properties.service import get_property
from ..rates.service import city_tax_rule_for, inclusions_of
from ..stays.tables import Stay
from ..transactions import run_write


async def post_night(stay: Stay, day: date, actor: str | None) -> None:
    """Room charge (less the plan's inclusions, posted under their own categories) and city
    tax for one in-house night; keys make each posting happen once."""
    price = (await folio_stays.night_prices(stay.id)).get(day)
    if price is None:
        return
    terms = await folio_stays.terms_of(stay.id)
    plan = await folio_stays.plan_of(terms)
    key = f"audit:{stay.id}:{day.isoformat()}"
    room_part = price
    for index, item in enumerate(inclusions_of(plan)):
        room_part -= item["amount"] * stay.adults
        await post_charge_in_transaction(
            folio=await route(stay, item["category"]),
            category=item["category"],
            description=f"{item['name']} {day.isoformat()}",
            quantity=stay.adults,
            unit_price=item["amount"],
            actor=actor,
            night=day,
            source_key=f"{key}:incl{index}",
        )
    label = f"Room {day.isoformat()}" + (f" ({plan.code})" if plan else "")
    await post_charge_in_transaction(
        folio=await route(stay, "room"),
        category="room",
        description=label,
        quantity=1,
        unit_price=room_part,
        actor=actor,
        night=day,
        source_key=f"{key}:room",
    )
    rule = await city_tax_rule_for(stay.property)
    if rule is None or not rule.active:
        return
    if rule.business_exempt and terms is not None and terms.business_travel:
        return
    if rule.max_nights is not None and (day - stay.arrival).days >= rule.max_nights:
        return
    if rule.kind == "per_person_night":
        persons = stay.adults + (0 if rule.child_exemption_age is not None else stay.children)
        quantity, unit = persons, Decimal(rule.amount)
    else:
        currency = (await get_property(stay.property)).currency
        quantity, unit = 1, round_money(room_part * Decimal(rule.amount) / 100, currency)
    if quantity == 0 or unit <= ZERO:
        return
    await post_charge_in_transaction(
        folio=await route(stay, "city_tax"),
        category="city_tax",
        description=f"City tax {day.isoformat()}",
        quantity=quantity,
        unit_price=unit,
        actor=actor,
        night=day,
        source_key=f"{key}:city_tax",
    )


async def post_day_use(*, stay_id: int, actor: str | None) -> bool:
    """Charge a day use before an in-house stay checks out on its arrival business date: the
    first night's price with its inclusions and city tax, exactly what the night audit would
    have posted for that night (same keys: never twice). Committed on its own, so a check-out
    then refused for the open balance leaves the charge on the folio to be paid. Returns
    whether the stay was a day use."""

    async def change() -> bool:
        stay = await Stay.objects().where(Stay.id == stay_id).first()
        if stay is None or stay.status != "checked_in":
            return False
        prop = await get_property(stay.property)
        if prop.business_date != stay.arrival:
            return False
        await post_night(stay, stay.arrival, actor)
        return True

    return await run_write(change, conflict_message="The folio changed concurrently; retry.")
