"""Turning a plugin off and on in a running hotel, and the desk traffic in between (#23).

The switch is in one place (``turn_off`` / ``turn_on``): the services behind ``frontdesk
plugins disable|enable NAME``, on a runtime with every plugin registered. The catch-up that
enabling leaves pending is run by the test through ``catch_up``, as the host runs it
(``frontdesk_plugin_enabled`` on the plugin coming on only).
"""

from __future__ import annotations

import dataclasses
import inspect
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from litestar.testing import AsyncTestClient

from frontdesk.core import bootstrap
from frontdesk.core.folios import city_ledger, closing, payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.night_postings import post_day_use
from frontdesk.core.folios.tables import FolioEntry
from frontdesk.core.plugin_state import lifecycle
from frontdesk.core.properties.tables import Property, Room
from frontdesk.core.settings import Settings
from frontdesk.core.stays import service as stays
from frontdesk.core.stays.tables import Stay
from frontdesk.plugins.accounting_bridge.tables import JournalEntryRow
from frontdesk.testing.client import GraphQLClient
from frontdesk.testing.databases import TEST_ADMIN_KEY

from .money_services import DAY, PricedHotel, book_in_house, guest_folio

PLUGINS = ["accounting_bridge", "concierge", "hr_shifts"]


def _every_plugin(settings: Settings):
    return bootstrap.start(dataclasses.replace(settings, plugins=PLUGINS))


async def turn_off(settings: Settings, name: str) -> datetime:
    """``frontdesk plugins disable NAME`` (every property); returns when it was turned off."""
    _every_plugin(settings)
    await lifecycle.disable(name, None, "test")
    return datetime.now(UTC)


async def turn_on(settings: Settings) -> None:
    """The state change of ``frontdesk plugins enable NAME`` for every plugin: each comes back
    on with its catch-up pending; the test runs the catch-up itself (``catch_up``), to watch
    it fail midway, run twice, and report."""
    _every_plugin(settings)
    for name in PLUGINS:
        await lifecycle.enable(name, None, "test")


async def catch_up(
    name: str, property_id: int, disabled_since: datetime | None, history_from: date | None = None
) -> str:
    """Call ``frontdesk_plugin_enabled`` on plugin ``name`` alone, as the host does."""
    pm = bootstrap.ensure_started().plugin_manager
    others = [plugin for other, plugin in pm.list_name_plugin() if other != name]
    caller = pm.subset_hook_caller("frontdesk_plugin_enabled", remove_plugins=others)
    prop = await Property.objects().where(Property.id == property_id).first()
    [result] = caller(
        property=prop, disabled_since=disabled_since, history_from=history_from, actor="test"
    )
    return await result if inspect.isawaitable(result) else result


@asynccontextmanager
async def api(settings: Settings):
    """An admin GraphQL client over the real app with every plugin on."""
    from frontdesk.server.app import create_app

    app = create_app(dataclasses.replace(settings, plugins=PLUGINS))
    async with AsyncTestClient(app=app) as http:
        yield GraphQLClient(http, headers={"Authorization": f"Bearer {TEST_ADMIN_KEY}"})


async def balance(folio_id: int) -> Decimal:
    rows = await FolioEntry.select(FolioEntry.amount).where(FolioEntry.folio == folio_id)
    return sum((Decimal(r["amount"]) for r in rows), Decimal(0))


async def settle_and_check_out(stay_id: int, method: str = "card") -> None:
    """Pay what the stay owes (its day use, charged on a check-out on the arrival date,
    included), then check it out."""
    await post_day_use(stay_id=stay_id, actor=None)
    folio = await guest_folio(stay_id)
    owed = await balance(folio.id)
    if owed > 0:
        await payments.record_payment(folio_id=folio.id, amount=owed, currency="EUR", method=method)
    await stays.check_out(stay_id=stay_id)


@dataclass
class Traffic:
    """What a stretch of desk traffic left behind, by role."""

    checked_out: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    in_house: list[int] = field(default_factory=list)
    booked: list[int] = field(default_factory=list)
    account_id: int | None = None


async def desk_traffic(hotel: PricedHotel, first_guest: int, account_code: str) -> Traffic:
    """Bookings, a deposit, charges, payments, a refund, a correction, check-outs, a
    cancellation, a transfer to the city ledger and a payment on it."""
    done = Traffic()
    a = await book_in_house(hotel, first_guest)
    fa = await guest_folio(a.id)
    await folios.post_charge(
        folio_id=fa.id, category="minibar", description="Minibar", quantity=1, unit_price="4.50"
    )
    food = await folios.post_charge(
        folio_id=fa.id, category="food_beverage", description="Dinner", quantity=2, unit_price="20"
    )
    await folios.correct_entry(entry_id=food.id, reason="wrong table")
    paid = await payments.record_payment(folio_id=fa.id, amount="60", currency="EUR", method="cash")
    await payments.refund_payment(payment_id=paid.id, amount="10", currency="EUR")
    await settle_and_check_out(a.id)
    done.checked_out.append(a.id)

    b = await stays.book_stay(
        property_id=hotel.property_id,
        room_type_id=hotel.room_type_id,
        arrival=a.arrival,
        departure=a.departure,
        guest_id=hotel.guest_ids[first_guest + 1],
    )
    fb = await guest_folio(b.id)
    await payments.record_payment(folio_id=fb.id, amount="50", currency="EUR", method="card")
    await stays.cancel_stay(stay_id=b.id, reason="plans changed")
    done.cancelled.append(b.id)

    c = await book_in_house(hotel, first_guest + 2)
    fc = await guest_folio(c.id)
    await folios.post_charge(
        folio_id=fc.id, category="spa", description="Massage", quantity=1, unit_price="80"
    )
    account = await city_ledger.create_account(
        property_id=hotel.property_id, code=account_code, name="Acme", credit_limit="5000"
    )
    await post_day_use(stay_id=c.id, actor=None)
    await closing.transfer_to_city_ledger(folio_id=fc.id, account_id=account.id)
    await stays.check_out(stay_id=c.id)
    await city_ledger.record_account_payment(
        account_id=account.id, amount="50", currency="EUR", method="bank_transfer"
    )
    done.checked_out.append(c.id)
    done.account_id = account.id
    return done


async def free_room(hotel: PricedHotel, taken: int | None) -> int:
    """A clean room of the hotel nobody stays in."""
    busy = await Stay.select(Stay.room).where(
        (Stay.property == hotel.property_id) & Stay.status.is_in(["booked", "checked_in"])
    )
    used = {r["room"] for r in busy} | {taken}
    rooms = (
        await Room.select(Room.id)
        .where(
            (Room.property == hotel.property_id)
            & Room.housekeeping_status.is_in(["clean", "inspected"])
        )
        .order_by(Room.id)
    )
    return next(r["id"] for r in rooms if r["id"] not in used)


RECON = """query($p: ID!) { accountingReconciliation(propertyId: $p) {
  guestLedger { difference { amount } reconciled differences { subjectId } }
  cityLedger { difference { amount } reconciled } } }"""
ENTRIES = """query($p: ID!) { accountingJournalEntries(propertyId: $p, first: 250) {
  nodes { sourceKey sourceType late } } }"""


async def reconciliation(settings, property_id: int) -> dict:
    async with api(settings) as gql:
        return (await gql.execute(RECON, {"p": str(property_id)}))["accountingReconciliation"]


async def journal(settings, property_id: int) -> dict[str, bool]:
    """sourceKey -> late, read through the API."""
    async with api(settings) as gql:
        data = await gql.execute(ENTRIES, {"p": str(property_id)})
    nodes = data["accountingJournalEntries"]["nodes"]
    assert len({n["sourceKey"] for n in nodes}) == len(nodes)
    return {n["sourceKey"]: n["late"] for n in nodes}


def assert_closed(recon: dict) -> None:
    assert Decimal(recon["guestLedger"]["difference"]["amount"]) == 0, recon
    assert Decimal(recon["cityLedger"]["difference"]["amount"]) == 0, recon
    assert recon["guestLedger"]["reconciled"] and recon["cityLedger"]["reconciled"]


async def book(hotel: PricedHotel, guest: int):
    """A stay booked to arrive on the business date, not checked in."""
    return await stays.book_stay(
        property_id=hotel.property_id,
        room_type_id=hotel.room_type_id,
        arrival=DAY,
        departure=DAY + timedelta(days=2),
        guest_id=hotel.guest_ids[guest],
    )


async def journal_keys(property_id: int) -> list[str]:
    rows = await JournalEntryRow.select(JournalEntryRow.source_key).where(
        JournalEntryRow.property == property_id
    )
    return [r["source_key"] for r in rows]
