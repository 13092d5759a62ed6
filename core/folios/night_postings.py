"""What one in-house night costs, posted to the stay's folios: room charge (less the rate
plan's inclusions, posted under their own categories) and city tax. The night audit posts it
for every in-house night; check-out posts it for a day use (a guest leaving on the business
date they arrived, whose night no audit will ever post). Keys make each posting happen once,
whoever posts it first.
"""

from __future__ import annotations

from datetime import date

from ..properties.service import get_property
from ..rates.night_charges import night_charges
from ..rates.service import city_tax_rule_for
from ..repository import find_row
from ..stays.tables import Stay
from ..transactions import run_write
from . import stays as folio_stays
from .ledger import route
from .service import post_charge_in_transaction


async def post_night(stay: Stay, day: date, actor: str | None) -> None:
    """Room charge (less the plan's inclusions, posted under their own categories) and city
    tax for one in-house night (``rates.night_charges``, the rule ``Stay.sale`` shows too);
    keys make each posting happen once."""
    price = (await folio_stays.night_prices(stay.id)).get(day)
    if price is None:
        return
    terms = await folio_stays.terms_of(stay.id)
    plan = await folio_stays.plan_of(terms)
    rule = await city_tax_rule_for(stay.property)
    currency = terms.currency if terms else (await get_property(stay.property)).currency
    key = f"audit:{stay.id}:{day.isoformat()}"
    lines = night_charges(stay, day, price, plan=plan, terms=terms, rule=rule, currency=currency)
    for line in lines:
        await post_charge_in_transaction(
            folio=await route(stay, line.category),
            category=line.category,
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
            actor=actor,
            night=day,
            source_key=f"{key}:{line.key}",
        )


async def post_day_use(*, stay_id: int, actor: str | None) -> bool:
    """Charge a day use before an in-house stay checks out on its arrival business date: the
    first night's price with its inclusions and city tax, exactly what the night audit would
    have posted for that night (same keys: never twice). Committed on its own, so a check-out
    then refused for the open balance leaves the charge on the folio to be paid. Returns
    whether the stay was a day use."""

    async def change() -> bool:
        stay = await find_row(Stay, Stay.id == stay_id)
        if stay is None or stay.status != "checked_in":
            return False
        prop = await get_property(stay.property)
        if prop.business_date != stay.arrival:
            return False
        await post_night(stay, stay.arrival, actor)
        return True

    return await run_write(change, conflict_message="The folio changed concurrently; retry.")
