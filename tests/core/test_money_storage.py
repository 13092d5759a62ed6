"""Money is stored exactly on both engines, an old database's amounts survive the migration
to the cent, and financial rows are never deleted by a cascade (RESTRICT)."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from support.money_services import book_in_house, guest_folio, priced_hotel

from frontdesk.core import bootstrap, db
from frontdesk.core.errors import Conflict
from frontdesk.core.folios import payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.tables import FolioEntry
from frontdesk.core.guests.tables import Guest
from frontdesk.core.money import round_money
from frontdesk.core.settings import Settings
from frontdesk.core.transactions import run_write
from frontdesk.testing import BUILTIN_PLUGINS, databases

#: The last migration of each app before money became exact and foreign keys RESTRICT.
BEFORE = {
    "folios": "2026-11-23T10:14:57:000000",
    "hr_shifts": "2026-11-23T09:53:35:000000",
    "concierge": "2026-11-23T09:59:03:000000",
    "accounting_bridge": "2026-11-23T12:20:35:441311",
}
MONEY_COLUMNS = {
    "folios_entry": ("unit_price", "net", "tax", "gross", "amount"),
    "rates_base_rate": ("amount",),
    "concierge_resource": ("price",),
    "hr_shifts_staff": ("hourly_wage",),
    "accounting_bridge_journal_posting": ("amount",),
}


async def _old_money(rt) -> int:
    """Money written through the services while the tables are still NUMERIC (SQLite keeps
    such values as binary floats), plus a concierge price and a wage."""
    hotel = await priced_hotel(rate="380.50")
    stay = await book_in_house(hotel, 0)
    folio = await guest_folio(stay.id)
    await folios.post_charge(
        folio_id=folio.id, category="minibar", description="Water", quantity=3, unit_price="0.10"
    )
    await payments.record_payment(
        folio_id=folio.id, amount="1234567.89", currency="EUR", method="card"
    )
    await rt.engine.run_ddl(
        "INSERT INTO concierge_resource (property, name, service, capacity, price) "
        f"VALUES ({hotel.property_id}, 'Massage', 'spa', 1, 79.00)"
    )
    await rt.engine.run_ddl(
        "INSERT INTO hr_shifts_staff (property, name, hourly_wage) "
        f"VALUES ({hotel.property_id}, 'Ana', 17.50)"
    )
    return hotel.guest_ids[0]


async def test_the_migration_carries_old_amounts_over_to_the_cent(empty_url):
    rt = bootstrap.start(Settings(database_url=empty_url, plugins=BUILTIN_PLUGINS))
    await databases.migrate_up_to(rt, BEFORE)
    await _old_money(rt)
    await databases.migrate_up_to(rt, {})

    entries = await FolioEntry.select(
        FolioEntry.kind, FolioEntry.unit_price, FolioEntry.amount
    ).order_by(FolioEntry.id)
    assert [(e["kind"], str(round_money(e["amount"], "EUR"))) for e in entries] == [
        ("charge", "0.30"),
        ("payment", "-1234567.89"),
    ]
    assert all(isinstance(e["amount"], Decimal) for e in entries)
    assert round_money(entries[0]["unit_price"], "EUR") == Decimal("0.10")
    rows = await rt.engine.run_ddl(
        "SELECT (SELECT amount FROM rates_base_rate) AS rate, "
        "(SELECT price FROM concierge_resource) AS price, "
        "(SELECT hourly_wage FROM hr_shifts_staff) AS wage"
    )
    values = {k: str(round_money(Decimal(str(v)), "EUR")) for k, v in rows[0].items()}
    assert values == {"rate": "380.50", "price": "79.00", "wage": "17.50"}
    if rt.engine.engine_type == "sqlite":  # the floats became exact decimal text
        stored = await rt.engine.run_ddl(
            "SELECT typeof(amount) AS type, CAST(amount AS TEXT) AS text FROM folios_entry "
            "ORDER BY id"
        )
        assert [(r["type"], r["text"]) for r in stored] == [
            ("text", "0.3"),
            ("text", "-1234567.89"),
        ]
    postings = await rt.engine.run_ddl("SELECT amount FROM accounting_bridge_journal_posting")
    assert sum(Decimal(str(p["amount"])) for p in postings) == 0 and len(postings) >= 4
    await db.close_pool(rt.engine)


async def test_the_migration_restricts_deleting_what_money_refers_to(empty_url):
    rt = bootstrap.start(Settings(database_url=empty_url, plugins=BUILTIN_PLUGINS))
    await databases.migrate_up_to(rt, BEFORE)
    guest_id = await _old_money(rt)
    await databases.migrate_up_to(rt, {})
    with pytest.raises(Exception) as refused:
        await rt.engine.run_ddl(f"DELETE FROM core_guest WHERE id = {guest_id}")
    assert db.is_foreign_key_violation(refused.value)
    assert await FolioEntry.count() == 2
    await db.close_pool(rt.engine)


@pytest.fixture
def enabled_plugins():
    return BUILTIN_PLUGINS


async def test_money_columns_on_sqlite_hold_exact_text(runtime, backend):
    if backend != "sqlite":
        pytest.skip("PostgreSQL's NUMERIC is exact; SQLite's column types are the question")
    path = db.sqlite_path(runtime.settings.database_url)
    with sqlite3.connect(path) as conn:
        for table, columns in MONEY_COLUMNS.items():
            declared = {row[1]: row[2] for row in conn.execute(f'PRAGMA table_info("{table}")')}
            assert {c: declared[c] for c in columns} == {c: "MONEY_TEXT" for c in columns}


async def test_an_amount_reads_back_exactly_as_written(runtime, backend):
    hotel = await priced_hotel(rate="79.00")
    stay = await book_in_house(hotel, 0)
    folio = await guest_folio(stay.id)
    entry = await folios.post_charge(
        folio_id=folio.id,
        category="minibar",
        description="Fine wine",
        quantity=1,
        unit_price="987654321.07",
    )
    [read] = await FolioEntry.select(FolioEntry.gross).where(FolioEntry.id == entry.id)
    assert read["gross"] == Decimal("987654321.07")
    assert str(round_money(read["gross"], "EUR")) == "987654321.07"


async def test_a_raw_delete_of_a_guest_with_a_folio_fails_at_the_database(runtime):
    hotel = await priced_hotel()
    await book_in_house(hotel, 0)
    with pytest.raises(Exception) as refused:
        await runtime.engine.run_ddl(f"DELETE FROM core_guest WHERE id = {hotel.guest_ids[0]}")
    assert db.is_foreign_key_violation(refused.value)
    assert await Guest.exists().where(Guest.id == hotel.guest_ids[0])


async def test_deleting_a_property_with_money_is_a_clear_conflict(runtime):
    hotel = await priced_hotel()
    stay = await book_in_house(hotel, 0)
    await payments.record_payment(
        folio_id=(await guest_folio(stay.id)).id, amount="50.00", currency="EUR", method="cash"
    )

    async def delete_property() -> None:
        await runtime.engine.run_ddl(f"DELETE FROM core_property WHERE id = {hotel.property_id}")

    with pytest.raises(Conflict) as refused:
        await run_write(delete_property, conflict_message="busy")
    assert "financial records are never deleted" in str(refused.value)
    assert await FolioEntry.count() == 1
