"""The demo is a living hotel: priced, taxed, two weeks audited, folios with money on them,
a company owing on the city ledger, and a walkthrough with ids that exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal

from frontdesk.core.folios.city_ledger import ledger_balance, ledger_entries
from frontdesk.core.folios.ledger import folio_balance
from frontdesk.core.folios.tables import CityLedgerAccount, Folio, FolioEntry, Invoice
from frontdesk.core.night_audit.service import get_run
from frontdesk.core.properties.service import local_today
from frontdesk.core.properties.tables import Property
from frontdesk.core.stays.tables import Stay
from frontdesk.server.demo import load_demo


async def _berlin() -> Property:
    return await Property.objects().where(Property.code == "BERLIN").first()


async def test_past_business_dates_were_closed_by_the_night_audit(runtime):
    await load_demo(runtime)
    berlin = await _berlin()
    assert berlin.business_date == local_today("Europe/Berlin")
    yesterday = await get_run(berlin.id, berlin.business_date - timedelta(days=1))
    assert yesterday is not None and yesterday.status == "completed"
    room_charges = await FolioEntry.count().where(
        (FolioEntry.property == berlin.id)
        & (FolioEntry.category == "room")
        & (FolioEntry.source_key.like("audit:%"))
    )
    city_tax = await FolioEntry.count().where(
        (FolioEntry.property == berlin.id) & (FolioEntry.category == "city_tax")
    )
    assert room_charges > 20 and city_tax > 0


async def test_in_house_guests_have_folios_with_balances(runtime):
    await load_demo(runtime)
    berlin = await _berlin()
    in_house = await Stay.objects().where(
        (Stay.property == berlin.id) & (Stay.status == "checked_in")
    )
    assert in_house
    balances = []
    for stay in in_house:
        folio = await Folio.objects().where(Folio.stay == stay.id).first()
        balances.append(await folio_balance(folio))
    assert any(b > 0 for b in balances)


async def test_the_folios_hold_payments_a_refund_and_a_correction(runtime):
    await load_demo(runtime)
    rows = await FolioEntry.select(FolioEntry.kind).where(
        FolioEntry.property == (await _berlin()).id
    )
    kinds = {r["kind"] for r in rows}
    assert {"charge", "payment", "refund", "correction", "transfer"} <= kinds


async def test_a_company_owes_an_open_invoice_on_the_city_ledger(runtime):
    await load_demo(runtime)
    berlin = await _berlin()
    account = (
        await CityLedgerAccount.objects().where(CityLedgerAccount.property == berlin.id).first()
    )
    owed = ledger_balance(await ledger_entries(account.id), account.currency)
    assert owed > Decimal(0)
    transferred = await Folio.objects().where(Folio.city_ledger_account == account.id)
    assert transferred and all(f.status == "transferred" for f in transferred)
    assert await Invoice.count().where(Invoice.folio.is_in([f.id for f in transferred])) == len(
        transferred
    )


async def test_the_night_audit_command_counts_the_in_house_stays(runtime, database_url):
    await load_demo(runtime)
    berlin = await _berlin()
    day = berlin.business_date
    in_house = await Stay.count().where(
        (Stay.property == berlin.id)
        & (Stay.status == "checked_in")
        & (Stay.arrival <= day)
        & (Stay.departure > day)
    )
    assert in_house > 0
    env = {**os.environ, "FRONTDESK_DATABASE_URL": database_url, "FRONTDESK_PLUGINS": ""}
    done = subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", "night-audit", "BERLIN"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    sold = re.search(r"Closed (\S+): (\d+)/20 rooms sold", done.stdout)
    assert sold is not None, done.stdout
    assert (sold.group(1), int(sold.group(2))) == (day.isoformat(), in_house)


async def test_the_demo_is_the_same_every_time_it_loads(runtime):
    lines = await load_demo(runtime)
    summary = [line for line in lines if "rooms," in line]
    assert summary == [
        "Hotel Spreeblick (BERLIN): 20 rooms, 30 guests, 45 stays, 7 nights audited",
        "Casa do Rio (LISBON): 20 rooms, 30 guests, 54 stays, 7 nights audited",
    ]
