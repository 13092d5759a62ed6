"""Two weeks of a demo hotel's days: departures pay (or go to the city ledger) and leave,
arrivals check in, guests order extras, and every past business date is closed by the real
night audit, which posts the room charges and city tax, marks the no-shows and moves the
business date on."""

from __future__ import annotations

import random
from datetime import date, timedelta

from frontdesk.core.errors import DomainError
from frontdesk.core.folios import payments
from frontdesk.core.folios.stays import night_prices
from frontdesk.core.folios.tables import Folio
from frontdesk.core.night_audit.service import run_night_audit
from frontdesk.core.properties.service import set_room_status
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.tables import Stay

from .money import MoneySetup, extras, settle_departure

NO_SHOW_SHARE = 0.06
DEPOSIT_SHARE = 0.3


async def play_days(
    property_id: int, money: MoneySetup, start: date, today: date, rng: random.Random
) -> None:
    """Walk the business dates from ``start`` to ``today``, auditing every one before today."""
    day = start
    while day <= today:
        await _departures(property_id, day, money, rng)
        await _arrivals(property_id, day, today, money, rng)
        for stay in await _in_house(property_id):
            await extras(stay, rng)
        if day < today:
            await run_night_audit(property_id=property_id, actor="demo")
        day += timedelta(days=1)


async def _in_house(property_id: int) -> list[Stay]:
    return (
        await Stay.objects()
        .where((Stay.property == property_id) & (Stay.status == "checked_in"))
        .order_by(Stay.id)
    )


async def _departures(property_id: int, day: date, money: MoneySetup, rng) -> None:
    leaving = await Stay.objects().where(
        (Stay.property == property_id) & (Stay.departure == day) & (Stay.status == "checked_in")
    )
    for stay in sorted(leaving, key=lambda s: s.id):
        await settle_departure(stay, money, rng)
        await stays.check_out(stay_id=stay.id, actor="demo")
        if stay.room is not None:
            await set_room_status(room_id=stay.room, status="clean", actor="demo")


async def _arrivals(property_id: int, day: date, today: date, money: MoneySetup, rng) -> None:
    arriving = await Stay.objects().where(
        (Stay.property == property_id) & (Stay.arrival == day) & (Stay.status == "booked")
    )
    for stay in sorted(arriving, key=lambda s: s.id):
        if day == today and stay.id % 3 == 0:
            continue  # some of today's arrivals are still to come
        if day < today and rng.random() < NO_SHOW_SHARE:
            continue  # never came: the night audit marks the no-show (and its fee)
        try:
            stay = await stays.check_in(stay_id=stay.id, actor="demo")
        except DomainError:
            continue  # refused before writing anything (no clean room): the audit marks it
        if rng.random() < DEPOSIT_SHARE:
            await _deposit(stay, money)


async def _deposit(stay: Stay, money: MoneySetup) -> None:
    """A guest leaves the first night's price as a deposit at check-in."""
    prices = await night_prices(stay.id)
    if not prices:
        return
    folio = await Folio.objects().where((Folio.stay == stay.id) & (Folio.number == 1)).first()
    await payments.record_payment(
        folio_id=folio.id,
        amount=prices[min(prices)],
        currency=money.currency,
        method="card",
        reference="Deposit at check-in",
        actor="demo",
    )
