"""The demo's money: base and calendar rates, three rate plans with their policies, VAT and
city tax, a company on the city ledger, and the desk's side scenes of a day (a refund, a
corrected charge, a cancellation, a company paying part of its bill)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from frontdesk.core.folios import city_ledger, payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.ledger import folio_balance
from frontdesk.core.folios.tables import Folio, FolioEntry
from frontdesk.core.properties.tables import Property, RoomType
from frontdesk.core.rates import service as rates
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.tables import Stay

BASE_RATES = {"SGL": "89.00", "DBL": "119.00", "FAM": "159.00", "STE": "229.00"}
# VAT on rooms, on food and drink; city tax: (kind, amount) per property code.
TAXES = {
    "BERLIN": ("7", "19", ("percent_of_room", "7.5")),
    "LISBON": ("6", "13", ("per_person_night", "2.00")),
}


@dataclass
class MoneySetup:
    """What the rest of the demo books on and bills to."""

    currency: str
    plan_ids: list[int]
    account_id: int


async def set_up_money(
    prop: Property, room_types: list[RoomType], today: date, rng: random.Random
) -> MoneySetup:
    """Rates, taxes, rate plans and a city-ledger company for one demo property."""
    await _rates_and_taxes(prop, room_types, today)
    plans = await _rate_plans(prop)
    account = await city_ledger.create_account(
        property_id=prop.id,
        code="ACME",
        name="Acme Trade Fairs GmbH",
        credit_limit="20000.00",
        address="Messedamm 22, 14055 Berlin",
    )
    return MoneySetup(prop.currency, [p.id for p in plans], account.id)


async def _rates_and_taxes(prop: Property, room_types: list[RoomType], today: date) -> None:
    for room_type in room_types:
        await rates.set_base_rate(room_type_id=room_type.id, amount=BASE_RATES[room_type.code])
    # A trade fair next week: doubles and suites cost more for three nights.
    fair = today + timedelta(days=7)
    for room_type in room_types:
        if room_type.code in ("DBL", "STE"):
            price = Decimal(BASE_RATES[room_type.code]) + Decimal("40.00")
            await rates.set_calendar_rate(
                room_type_id=room_type.id, start=fair, end=fair + timedelta(days=3), amount=price
            )
    room_vat, food_vat, (tax_kind, tax_amount) = TAXES[prop.code]
    await rates.set_tax_rate(
        property_id=prop.id, category="room", rate=room_vat, name=f"VAT {room_vat} %"
    )
    for category in ("food_beverage", "minibar", "spa"):
        await rates.set_tax_rate(
            property_id=prop.id, category=category, rate=food_vat, name=f"VAT {food_vat} %"
        )
    await rates.set_city_tax_rule(
        property_id=prop.id,
        kind=tax_kind,
        amount=tax_amount,
        max_nights=7 if tax_kind == "per_person_night" else None,
        business_exempt=True,
    )


async def _rate_plans(prop: Property) -> list:
    return [
        await rates.create_rate_plan(
            property_id=prop.id,
            code="FLEX",
            name="Flexible",
            cancellation_free_days=1,
            cancellation_fee_kind="first_night",
            no_show_fee_kind="first_night",
        ),
        await rates.create_rate_plan(
            property_id=prop.id,
            code="SAVER",
            name="Non-refundable saver",
            adjustment="-12",
            cancellation_free_days=365,
            cancellation_fee_kind="percent",
            cancellation_fee_percent="100",
            no_show_fee_kind="percent",
            no_show_fee_percent="100",
        ),
        await rates.create_rate_plan(
            property_id=prop.id,
            code="BB",
            name="Bed and breakfast",
            adjustment_kind="amount",
            adjustment="18.00",
            inclusions=[{"name": "Breakfast", "category": "food_beverage", "amount": "14.00"}],
            cancellation_free_days=2,
        ),
    ]


async def settle_departure(stay: Stay, money: MoneySetup, rng: random.Random) -> None:
    """Before a departing guest checks out: a business traveller's bill goes to the company
    on the city ledger, everyone else pays what they owe."""
    from frontdesk.core.folios.stays import terms_of

    terms = await terms_of(stay.id)
    for folio in await Folio.objects().where((Folio.stay == stay.id) & (Folio.status == "open")):
        balance = await folio_balance(folio)
        if balance <= 0:
            continue
        if terms is not None and terms.business_travel:
            await city_ledger_transfer(folio.id, money.account_id)
        else:
            await payments.record_payment(
                folio_id=folio.id,
                amount=balance,
                currency=money.currency,
                method=rng.choice(["card", "card", "cash", "bank_transfer"]),
                actor="demo",
            )


async def city_ledger_transfer(folio_id: int, account_id: int) -> None:
    from frontdesk.core.folios.closing import transfer_to_city_ledger

    await transfer_to_city_ledger(folio_id=folio_id, account_id=account_id, actor="demo")


async def side_scenes(property_id: int, money: MoneySetup, today: date, rng) -> None:
    """Today's desk: a deposit partly refunded, a minibar charge corrected, a booking
    cancelled late (its fee posted) and the company paying part of its account."""
    guests = (
        await Stay.objects()
        .where((Stay.property == property_id) & (Stay.status == "checked_in"))
        .order_by(Stay.id)
    )
    if len(guests) >= 2:
        folio = await Folio.objects().where(Folio.stay == guests[0].id).first()
        deposit = await payments.record_payment(
            folio_id=folio.id, amount="300.00", currency=money.currency, method="card"
        )
        await payments.refund_payment(
            payment_id=deposit.id,
            amount="50.00",
            currency=money.currency,
            reference="Deposit was 50 too much",
            actor="demo",
        )
        wrong = await folios.post_charge(
            stay_id=guests[1].id,
            category="minibar",
            description="Minibar: champagne",
            quantity=1,
            unit_price="64.00",
            actor="demo",
        )
        await folios.correct_entry(entry_id=wrong.id, reason="Posted to the wrong room")
    late = (
        await Stay.objects()
        .where(
            (Stay.property == property_id)
            & (Stay.status == "booked")
            & (Stay.arrival == today + timedelta(days=1))
        )
        .first()
    )
    if late is not None:
        await stays.cancel_stay(stay_id=late.id, reason="Plans changed", actor="demo")
    owed = city_ledger.ledger_balance(
        await city_ledger.ledger_entries(money.account_id), money.currency
    )
    part = (owed / 3).quantize(Decimal("0.01"))
    if part > 0:
        await city_ledger.record_account_payment(
            account_id=money.account_id,
            amount=part,
            currency=money.currency,
            method="bank_transfer",
            reference="Acme remittance",
            actor="demo",
        )


async def extras(stay: Stay, rng: random.Random) -> FolioEntry | None:
    """Now and then an in-house guest orders something."""
    roll = rng.random()
    if roll > 0.3:
        return None
    category, description, price = rng.choice(
        [
            ("minibar", "Minibar", "12.50"),
            ("food_beverage", "Dinner at the restaurant", "58.00"),
            ("food_beverage", "Room service", "24.00"),
            ("spa", "Massage 50 min", "79.00"),
        ]
    )
    return await folios.post_charge(
        stay_id=stay.id,
        category=category,
        description=description,
        quantity=1,
        unit_price=price,
        actor="demo",
    )
