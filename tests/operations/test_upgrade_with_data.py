"""Upgrading a working hotel: the previous release's database, full of guests, stays and
money, migrated by this release's `frontdesk migrate` keeps every row and every amount to
the cent, refuses from then on to delete what money refers to, and serves.

The previous release (tests/support/upgrade.py says which commit and why) is checked out
from git once per test session and run as its own commands: `frontdesk migrate`,
`frontdesk demo`, then tests/operations/upgrade_seed.py for the money its demo did not
post. Then this release's `frontdesk migrate` runs on the same database, with every
installed plugin (the new ones create their tables).
"""

from __future__ import annotations

import subprocess
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from support.browser import start_live_server
from support.upgrade import (
    PREVIOUS_PLUGINS,
    PREVIOUS_RELEASE,
    SEED_SCRIPT,
    Snapshot,
    checkout,
    cli_of,
    migration_ids,
    rows,
    run_release,
    snapshot,
)

import frontdesk
from frontdesk.core import bootstrap, db
from frontdesk.core.errors import Conflict
from frontdesk.core.settings import Settings
from frontdesk.core.transactions import run_write
from frontdesk.testing import databases

CURRENT_TREE = Path(frontdesk.__file__).resolve().parent


@dataclass
class Upgrade:
    database_url: str
    before: Snapshot
    after: Snapshot
    previous_migrations: set[tuple[str, str]]
    output: str


@pytest.fixture(scope="session")
def previous_release(tmp_path_factory) -> Path:
    """PYTHONPATH for the previous release, extracted from this checkout's git history."""
    inside = subprocess.run(
        ["git", "-C", str(CURRENT_TREE), "rev-parse", "--git-dir"], capture_output=True
    )
    if inside.returncode != 0:
        pytest.skip("not a git checkout: the previous release comes from its history")
    known = subprocess.run(
        ["git", "-C", str(CURRENT_TREE), "cat-file", "-e", f"{PREVIOUS_RELEASE}^{{commit}}"]
    )
    if known.returncode != 0:  # a shallow clone: the release is not in the history it has
        pytest.skip(f"{PREVIOUS_RELEASE} is not in this clone: fetch the full history")
    return checkout(CURRENT_TREE, tmp_path_factory.mktemp("previous_release"))


def empty_database(backend: str, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'hotel.db'}"
    if not databases.POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set FRONTDESK_TEST_POSTGRES_URL")
    name = f"fdt_{databases.RUN_ID}_upgrade_{uuid.uuid4().hex[:8]}"
    databases.run_sync(databases._admin(f'CREATE DATABASE "{name}"'))
    databases._created_databases.append(name)
    return databases._with_database(databases.POSTGRES_URL, name)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def upgrade(request, previous_release, tmp_path_factory) -> Upgrade:
    """A database written by the previous release, upgraded; snapshots on either side."""
    url = empty_database(request.param, tmp_path_factory.mktemp(f"upgrade_{request.param}"))
    previous_cli = cli_of(previous_release / "frontdesk")
    for args in ([*previous_cli, "migrate"], [*previous_cli, "demo"], [str(SEED_SCRIPT)]):
        run_release(previous_release, args, url, PREVIOUS_PLUGINS)
    before = snapshot(url)
    output = run_release(None, [*cli_of(CURRENT_TREE), "migrate"], url, plugins=None)
    after = snapshot(url)
    yield Upgrade(url, before, after, migration_ids(previous_release / "frontdesk"), output)
    databases.drop_database(url)


def test_the_previous_release_left_a_working_hotel_with_money(upgrade):
    before = upgrade.before
    assert before.migrations == upgrade.previous_migrations
    assert before.counts["core_stay"] > 150 and before.counts["auth_user"] == 3
    assert len(before.invoices) >= 6 and len(before.city_ledger_balances) == 2
    assert all(total > 0 for total in before.payments_by_property.values())
    assert len(before.payments_by_property) == 2
    kinds = {r["kind"] for r in rows(upgrade.database_url, "SELECT kind FROM folios_entry")}
    assert kinds >= {"charge", "payment", "refund", "correction", "transfer"}


def test_every_migration_of_this_release_is_applied(upgrade):
    current = migration_ids(CURRENT_TREE)
    new = current - upgrade.previous_migrations
    assert new, "this release has migrations of its own"
    assert upgrade.after.migrations == current
    assert f"Applied {len(new)} migrations" in upgrade.output


#: Tables whose rows the upgrade moves elsewhere (and drops), with the test that follows them.
MOVED = {"accounting_bridge_outbox": "test_the_accounting_outbox_moves_into_the_shared_one"}


def test_every_table_keeps_its_rows(upgrade):
    kept = {t: upgrade.after.counts[t] for t in upgrade.before.counts if t not in MOVED}
    assert kept == {t: n for t, n in upgrade.before.counts.items() if t not in MOVED}
    new_tables = set(upgrade.after.counts) - set(upgrade.before.counts)
    assert "outbox_message" in new_tables
    assert not set(MOVED) & set(upgrade.after.counts)


def test_the_accounting_outbox_moves_into_the_shared_one(upgrade):
    """Every message the bridge had queued for its connector (the seed configures one), with
    its key, kind, status, attempts and payload, now waits in core's outbox."""
    before = upgrade.before.accounting_messages
    assert len(before) == upgrade.before.counts["accounting_bridge_outbox"] > 20
    assert {kind for _, _, kind, *_ in before.values()} >= {"entry", "invoice"}
    assert upgrade.after.accounting_messages == before


def test_every_amount_is_identical_to_the_cent(upgrade):
    assert len(upgrade.before.amounts) > 300
    assert upgrade.after.amounts == upgrade.before.amounts


def test_balances_payments_invoices_and_journal_add_up_as_before(upgrade):
    before, after = upgrade.before, upgrade.after
    assert after.folio_balances == before.folio_balances
    assert after.payments_by_property == before.payments_by_property
    assert after.invoices == before.invoices
    assert after.city_ledger_balances == before.city_ledger_balances
    assert after.journal_by_account == before.journal_by_account


def _money_referred(url: str) -> tuple[int, int]:
    """A property and a guest that folio entries refer to."""
    [row] = rows(
        url,
        "SELECT f.property, f.guest FROM folios_folio f JOIN folios_entry e ON e.folio = f.id "
        "WHERE f.guest IS NOT NULL ORDER BY f.id LIMIT 1",
    )
    return row["property"], row["guest"]


async def test_deleting_what_money_refers_to_is_refused_after_the_upgrade(upgrade):
    property_id, guest_id = _money_referred(upgrade.database_url)
    rt = bootstrap.start(Settings(database_url=upgrade.database_url, plugins=None))
    try:
        for statement in (
            f"DELETE FROM core_guest WHERE id = {guest_id}",
            f"DELETE FROM core_property WHERE id = {property_id}",
        ):

            async def delete(statement: str = statement) -> None:
                await rt.engine.run_ddl(statement)

            with pytest.raises(Conflict, match="financial records are never deleted"):
                await run_write(delete, conflict_message="busy")
    finally:
        await db.close_pool(rt.engine)
    counts = {t: upgrade.after.counts[t] for t in ("folios_entry", "core_guest", "core_property")}
    assert {t: snapshot(upgrade.database_url).counts[t] for t in counts} == counts


LOGIN = """mutation { login(input: {username: "admin", password: "frontdesk-demo"}) {
  session { accessToken } errors { code } } }"""
INVOICES = """query($id: ID!) { invoices(propertyId: $id, first: 100) { nodes {
  number net { amount } tax { amount } gross { amount } paid { amount } } } }"""


def test_the_upgraded_database_serves_its_money(upgrade, tmp_path):
    server = start_live_server(tmp_path, database_url=upgrade.database_url, migrate=False)
    try:
        ready = httpx.get(f"{server.base_url}/ready", timeout=10)
        assert ready.status_code == 200, ready.text
        login = httpx.post(f"{server.base_url}/graphql", json={"query": LOGIN}, timeout=30)
        token = login.json()["data"]["login"]["session"]["accessToken"]
        served = {}
        for property_id in {p for p, _ in upgrade.before.invoices}:
            answer = httpx.post(
                f"{server.base_url}/graphql",
                json={"query": INVOICES, "variables": {"id": str(property_id)}},
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            ).json()
            assert "errors" not in answer, answer
            for invoice in answer["data"]["invoices"]["nodes"]:
                served[(property_id, invoice["number"])] = tuple(
                    Decimal(invoice[f]["amount"]) for f in ("net", "tax", "gross", "paid")
                )
    finally:
        server.stop()
    assert served == upgrade.before.invoices
