"""What booking, changing, cancelling, no-show and check-out mean for money. The stay
lifecycle calls it through its billing port (core/stays/billing.py, implemented by
stay_billing.py) inside the stay's own transaction, so a stay and its prices, folio and fees
are written together or not at all."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ..guests.service import get_guest
from ..guests.tables import Guest
from ..money import ZERO, round_money
from ..properties.service import get_property
from ..properties.tables import Property, RoomType
from ..rates.pricing import price_stay, stay_rates
from ..rates.service import get_rate_plan
from ..rates.tables import BaseRate, RateCalendarEntry, RatePlan
from ..repository import insert_together
from ..stays.inventory import nights_between
from ..stays.tables import Stay
from .closing import close_for_check_out, settle_in_transaction
from .ledger import entries_of, lock_folio, new_folio, route
from .service import post_charge_in_transaction
from .tables import Folio, StayNightRate, StayTerms

__all__ = [
    "close_empty_folios",
    "close_for_check_out",
    "on_booked",
    "on_cancelled",
    "on_modified",
    "on_no_show",
]


async def _has_rates(room_type_id: int) -> bool:
    return await BaseRate.exists().where(BaseRate.room_type == room_type_id) or (
        await RateCalendarEntry.exists().where(RateCalendarEntry.room_type == room_type_id)
    )


async def on_booked(
    stay: Stay,
    *,
    rate_plan_id: int | None,
    business_travel: bool,
    actor: str | None,
    known: tuple[Property, RoomType, Guest] | None = None,
) -> None:
    """Keep the nightly prices the stay is sold at and open its guest folio. A room type
    without any rate is booked unpriced (no room charges) unless a rate plan is asked for.
    ``known``: the property, room type and guest the booking has just read (not read again)."""
    prop, room_type, guest = known or (await get_property(stay.property), None, None)
    # The rates decide whether the room type is priced, and pricing needs them: read once.
    rates = await stay_rates(stay.room_type, stay.arrival, stay.departure)
    if rate_plan_id is not None or rates.priced:
        quote = await price_stay(
            property_id=stay.property,
            room_type_id=stay.room_type,
            arrival=stay.arrival,
            departure=stay.departure,
            rate_plan_id=rate_plan_id,
            adults=stay.adults,
            known=(prop, room_type) if room_type is not None else None,
            rates=rates,
        )
        prices = [
            StayNightRate(stay=stay.id, night=n.night, amount=n.price, currency=prop.currency)
            for n in quote.nights
        ]
    else:
        prices = []
    terms = StayTerms(
        stay=stay.id,
        property=stay.property,
        rate_plan=rate_plan_id,
        business_travel=business_travel,
        currency=prop.currency,
    )
    if guest is None:
        guest = await get_guest(stay.primary_guest)
    folio = new_folio(
        stay,
        name=f"{guest.first_name} {guest.last_name}",
        number=1,
        guest_id=guest.id,
        currency=prop.currency,
    )
    # Prices, terms and folio in one statement on PostgreSQL (three round trips before).
    await insert_together(prices, [terms], [folio])


async def terms_of(stay_id: int) -> StayTerms | None:
    return await StayTerms.objects().where(StayTerms.stay == stay_id).first()


async def plan_of(terms: StayTerms | None) -> RatePlan | None:
    if terms is None or terms.rate_plan is None:
        return None
    return await get_rate_plan(terms.rate_plan)


async def night_prices(stay_id: int) -> dict[date, Decimal]:
    rows = await StayNightRate.objects().where(StayNightRate.stay == stay_id)
    return {r.night: Decimal(r.amount) for r in rows}


async def on_modified(stay: Stay) -> None:
    """Nights the stay no longer holds lose their price; new nights are priced now on the
    stay's plan. Nights kept keep the price they were sold at."""
    terms = await terms_of(stay.id)
    prices = await night_prices(stay.id)
    wanted = set(nights_between(stay.arrival, stay.departure))
    gone = [n for n in prices if n not in wanted]
    if gone:
        await StayNightRate.delete().where(
            (StayNightRate.stay == stay.id) & StayNightRate.night.is_in(gone)
        )
    missing = sorted(wanted - set(prices))
    priced = bool(prices) or (terms is not None and terms.rate_plan is not None)
    if not missing or not (priced or await _has_rates(stay.room_type)):
        return
    quote = await price_stay(
        property_id=stay.property,
        room_type_id=stay.room_type,
        arrival=missing[0],
        departure=missing[-1] + timedelta(days=1),
        rate_plan_id=terms.rate_plan if terms else None,
        adults=stay.adults,
    )
    await StayNightRate.insert(
        *[
            StayNightRate(stay=stay.id, night=n.night, amount=n.price, currency=quote.currency)
            for n in quote.nights
            if n.night in set(missing)
        ]
    )


def fee_amount(kind: str, percent: Decimal, prices: dict[date, Decimal], currency: str) -> Decimal:
    if not prices or kind == "none":
        return ZERO
    if kind == "first_night":
        return prices[min(prices)]
    return round_money(sum(prices.values(), ZERO) * percent / Decimal(100), currency)


async def _post_fee(
    stay: Stay, amount: Decimal, description: str, key: str, actor: str | None
) -> None:
    if amount <= ZERO:
        return
    folio = await route(stay, "fee")
    await post_charge_in_transaction(
        folio=folio,
        category="fee",
        description=description,
        quantity=1,
        unit_price=amount,
        actor=actor,
        source_key=key,
    )


async def on_cancelled(stay: Stay, actor: str | None) -> None:
    """Post the plan's cancellation fee when the stay is cancelled after its free period."""
    terms = await terms_of(stay.id)
    plan = await plan_of(terms)
    if plan is None or plan.cancellation_free_days is None:
        return
    prop = await get_property(stay.property)
    if (stay.arrival - prop.business_date).days >= plan.cancellation_free_days:
        return
    prices = await night_prices(stay.id)
    amount = fee_amount(
        plan.cancellation_fee_kind, Decimal(plan.cancellation_fee_percent), prices, prop.currency
    )
    await _post_fee(stay, amount, f"Cancellation fee ({plan.code})", f"cancel:{stay.id}", actor)


async def close_empty_folios(stay: Stay, actor: str | None) -> None:
    """A cancelled or no-show stay's folios with nothing on them close themselves (no invoice:
    nothing was charged), so the desk's open folios are the ones that need attention. A folio
    with a fee or a deposit stays open until it is settled or refunded."""
    for folio in await folios_of(stay.id):
        if folio.status != "open":
            continue
        folio = await lock_folio(folio.id)
        if folio.status == "open" and not await entries_of(folio.id):
            await settle_in_transaction(folio, actor)


async def on_no_show(stay: Stay, actor: str | None) -> None:
    """Post the plan's no-show fee (once, however often this is called)."""
    plan = await plan_of(await terms_of(stay.id))
    if plan is None:
        return
    prop = await get_property(stay.property)
    amount = fee_amount(
        plan.no_show_fee_kind,
        Decimal(plan.no_show_fee_percent),
        await night_prices(stay.id),
        prop.currency,
    )
    await _post_fee(stay, amount, f"No-show fee ({plan.code})", f"noshow:{stay.id}", actor)


async def folios_of(stay_id: int) -> list[Folio]:
    return await Folio.objects().where(Folio.stay == stay_id).order_by(Folio.number)
