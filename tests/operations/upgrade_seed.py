"""Money written by the previous release into its own demo database, for the upgrade test.

Run as a script by tests/operations/test_upgrade_with_data.py with PYTHONPATH pointing at a
checkout of the previous release (commit PREVIOUS_RELEASE there), after its ``frontdesk
migrate`` and ``frontdesk demo``: the demo of that release books stays but posts no money,
so this adds what an operating hotel holds, through that release's own services: rates and
taxes, priced stays checked in, room charges and city tax posted by the night audit, extras
with fractional prices, payments, a refund, a correction, invoices issued at check-out, a
folio moved to the city ledger and a payment on it, a priced concierge resource and a wage.
The accounting bridge journals every posting through its hooks and queues each entry and
invoice for a webhook connector in its own outbox table (never delivered: nothing runs a
worker), which the upgrade moves into the shared outbox.

Only functions that exist in the previous release may be used here; this file is not
imported by the current code. Settings come from FRONTDESK_DATABASE_URL/FRONTDESK_PLUGINS.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

from frontdesk.core import bootstrap, db
from frontdesk.core.errors import DomainError
from frontdesk.core.folios import city_ledger, closing, payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.ledger import folio_balance
from frontdesk.core.folios.tables import Folio
from frontdesk.core.guests.service import create_guest
from frontdesk.core.night_audit.service import run_night_audit
from frontdesk.core.properties.tables import Property, RoomType
from frontdesk.core.rates import service as rates
from frontdesk.core.settings import Settings
from frontdesk.core.stays import service as stays
from frontdesk.plugins.accounting_bridge.connector_settings import configure_connector
from frontdesk.plugins.concierge.bookings import create_resource
from frontdesk.plugins.hr_shifts.staff import create_staff

BASE_RATES = {"SGL": "79.90", "DBL": "119.50", "FAM": "164.35", "STE": "249.99"}
STAYS_PER_PROPERTY = 6


async def _priced(prop: Property) -> None:
    await rates.set_tax_rate(property_id=prop.id, category="room", rate="7", name="VAT 7 %")
    for category in ("minibar", "food_beverage"):
        await rates.set_tax_rate(property_id=prop.id, category=category, rate="19", name="VAT")
    await rates.set_city_tax_rule(property_id=prop.id, kind="percent_of_room", amount="5")
    room_types = await RoomType.objects().where(RoomType.property == prop.id)
    for room_type in room_types:
        await rates.set_base_rate(room_type_id=room_type.id, amount=BASE_RATES[room_type.code])


async def _book_in_house(prop: Property, n: int):
    """A new guest's two-night stay from today, checked in (the first room type free)."""
    guest, _ = await create_guest(
        property_id=prop.id, first_name=f"Payer{n}", last_name=f"{prop.code.title()}"
    )
    for room_type in await RoomType.objects().where(RoomType.property == prop.id):
        try:
            stay = await stays.book_stay(
                property_id=prop.id,
                room_type_id=room_type.id,
                arrival=prop.business_date,
                departure=prop.business_date + timedelta(days=2),
                guest_id=guest.id,
                adults=1,
            )
        except DomainError:
            continue
        return await stays.check_in(stay_id=stay.id)
    raise RuntimeError(f"no room free at {prop.code} for the upgrade seed")


async def _folio_of(stay_id: int) -> Folio:
    return await Folio.objects().where((Folio.stay == stay_id) & (Folio.number == 1)).first()


async def _money_at(prop: Property, account_id: int) -> None:
    in_house = [await _book_in_house(prop, n) for n in range(STAYS_PER_PROPERTY)]
    for n, stay in enumerate(in_house):
        folio = await _folio_of(stay.id)
        await folios.post_charge(
            folio_id=folio.id,
            category="minibar",
            description="Water",
            quantity=3,
            unit_price="0.10",
        )
        drink = await folios.post_charge(
            folio_id=folio.id,
            category="food_beverage",
            description="Dinner",
            quantity=n + 1,
            unit_price="23.45",
        )
        if n == 0:
            await folios.correct_entry(entry_id=drink.id, reason="Charged to the wrong room")
        deposit = await payments.record_payment(
            folio_id=folio.id, amount=f"{50 + n}.33", currency=prop.currency, method="card"
        )
        if n == 1:
            await payments.refund_payment(
                payment_id=deposit.id, amount="10.01", currency=prop.currency
            )
    await run_night_audit(property_id=prop.id, actor="night")
    for n, stay in enumerate(in_house[:4]):
        folio = await _folio_of(stay.id)
        if n == 3:
            await folios.post_charge(
                folio_id=folio.id,
                category="food_beverage",
                description="Meeting room lunch",
                quantity=7,
                unit_price="18.90",
            )
            await closing.transfer_to_city_ledger(folio_id=folio.id, account_id=account_id)
            continue
        owed = await folio_balance(folio)
        await payments.record_payment(
            folio_id=folio.id, amount=str(owed), currency=prop.currency, method="cash"
        )
        await stays.check_out(stay_id=stay.id)
    await city_ledger.record_account_payment(
        account_id=account_id, amount="100.00", currency=prop.currency, method="bank_transfer"
    )


async def seed() -> None:
    rt = bootstrap.start(Settings.from_env())
    await db.start_pool(rt.engine)
    try:
        for prop in await Property.objects().order_by(Property.id):
            await _priced(prop)
            await configure_connector(  # queues every journal entry for the back office
                property_id=prop.id,
                connector="webhook",
                deliver="entry",
                url="https://books.invalid/hooks/frontdesk",  # .invalid never resolves
            )
            account = await city_ledger.create_account(
                property_id=prop.id, code="ACME", name="Acme GmbH", credit_limit="5000.00"
            )
            await _money_at(prop, account.id)
            await create_resource(
                property_id=prop.id, name="Massage", service="spa", capacity=1, price=Decimal("79")
            )
            await create_staff(
                property_id=prop.id,
                name="Ana",
                departments=["front_office"],
                skills=["reception"],
                hourly_wage=Decimal("17.45"),
            )
    finally:
        await db.close_pool(rt.engine)


if __name__ == "__main__":
    asyncio.run(seed())
