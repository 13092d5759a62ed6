"""The previous release, checked out from git and run as its own commands, and what a
database holds before and after an upgrade: row counts, applied migrations and money.

The previous release is the last commit of main before this round's migrations (the first
of them, ops21's auth migration, merged at a7918dd): 0491337, "Plugins serve HTTP routes",
3 December 2026. Its schema has money in NUMERIC columns (binary floats on SQLite) and
foreign keys that CASCADE; its plugins were the accounting bridge, concierge and hr_shifts.
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg

from frontdesk.core.db import sqlite_path
from frontdesk.testing.databases import run_sync

PREVIOUS_RELEASE = "04913371bd0eff0a919a4ddf2f40d8184b0cae0f"
PREVIOUS_PLUGINS = "accounting_bridge,concierge,hr_shifts"
SEED_SCRIPT = Path(__file__).resolve().parent.parent / "operations" / "upgrade_seed.py"
CENT = Decimal("0.01")

#: Every money column the previous release wrote (the ones this round's migrations convert).
MONEY_COLUMNS = {
    "rates_base_rate": ("amount",),
    "rates_calendar": ("amount",),
    "rates_plan": ("adjustment",),
    "rates_city_tax_rule": ("amount",),
    "folios_stay_night_rate": ("amount",),
    "folios_city_ledger_account": ("credit_limit",),
    "folios_entry": ("unit_price", "net", "tax", "gross", "amount"),
    "folios_invoice": ("net", "tax", "gross", "paid"),
    "folios_city_ledger_entry": ("amount",),
    "hr_shifts_staff": ("hourly_wage",),
    "concierge_request": ("goodwill_amount",),
    "concierge_resource": ("price",),
    "concierge_booking": ("price",),
    "accounting_bridge_journal_posting": ("amount",),
}


def checkout(repo: Path, dest: Path) -> Path:
    """Extract the previous release's tree under ``dest``; return a folder to put on
    PYTHONPATH, in which ``frontdesk`` is that tree."""
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", PREVIOUS_RELEASE],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    tree = dest / "tree"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    shim = dest / "shim"
    shim.mkdir()
    (shim / "frontdesk").symlink_to(tree, target_is_directory=True)
    return shim


def cli_of(tree: Path) -> list[str]:
    """``-m <module>`` running a release's ``frontdesk`` command, read from the release's own
    pyproject.toml: the command's module moved between releases (core's, then the server's)."""
    import tomllib

    scripts = tomllib.loads((tree / "pyproject.toml").read_text())["project"]["scripts"]
    return ["-m", scripts["frontdesk"].partition(":")[0]]


def run_release(
    pythonpath: Path | None, args: list[str], database_url: str, plugins: str | None
) -> str:
    """Run ``python ARGS`` with the release on ``pythonpath`` (None: the current one) against
    ``database_url``; its stdout, or an AssertionError with its output."""
    env = {**os.environ, "FRONTDESK_DATABASE_URL": database_url}
    env.pop("FRONTDESK_PLUGINS", None)
    if plugins is not None:
        env["FRONTDESK_PLUGINS"] = plugins
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=pythonpath or None,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def migration_ids(tree: Path) -> set[tuple[str, str]]:
    """(app, migration id) of every migration file of a release's tree."""
    found = set()
    files = [
        *tree.glob("core/**/piccolo_migrations/*.py"),
        *tree.glob("plugins/*/piccolo_migrations/*.py"),
    ]
    for path in files:
        match = re.search(r'^ID = "([^"]+)"', path.read_text(), re.MULTILINE)
        if match:
            app = re.sub(r"_\d{4}_\d\d_\d\dt.*", "", path.stem)
            found.add((app, match.group(1)))
    return found


def rows(database_url: str, sql: str) -> list[dict[str, Any]]:
    """The rows of one query, as dicts, on SQLite or PostgreSQL (raw connections: the values
    as each engine stores them)."""
    return queries(database_url, [sql])[0]


def queries(database_url: str, statements: list[str]) -> list[list[dict[str, Any]]]:
    """The rows of each statement, over one connection."""
    path = sqlite_path(database_url)
    if path is not None:
        with sqlite3.connect(path) as conn:
            conn.row_factory = sqlite3.Row
            return [[dict(r) for r in conn.execute(sql).fetchall()] for sql in statements]

    async def fetch() -> list[list[dict[str, Any]]]:
        conn = await asyncpg.connect(database_url)
        try:
            return [[dict(r) for r in await conn.fetch(sql)] for sql in statements]
        finally:
            await conn.close()

    return run_sync(fetch())


def tables(database_url: str) -> list[str]:
    if sqlite_path(database_url) is not None:
        sql = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    else:
        sql = (
            "SELECT table_name AS name FROM information_schema.tables "
            "WHERE table_schema='public' AND table_type='BASE TABLE'"
        )
    return sorted(r["name"] for r in rows(database_url, sql))


def cents(value: Any) -> Decimal | None:
    """A stored amount to the cent: Decimal on PostgreSQL, decimal text on SQLite now, a
    binary float on SQLite before (whose shortest repr is the Decimal once written)."""
    return None if value is None else Decimal(str(value)).quantize(CENT)


@dataclass
class Snapshot:
    counts: dict[str, int]
    migrations: set[tuple[str, str]]
    amounts: dict[tuple[str, int, str], Decimal | None]
    folio_balances: dict[int, Decimal]
    payments_by_property: dict[int, Decimal]  # received (folio entries hold them negative)
    invoices: dict[tuple[int, int], tuple[Decimal | None, ...]]
    city_ledger_balances: dict[int, Decimal]
    journal_by_account: dict[tuple[int, str], Decimal]
    # idempotency key -> (property, connector, kind, status, attempts, payload): the
    # accounting bridge's messages, in its own table before, in the shared outbox after
    accounting_messages: dict[str, tuple[Any, ...]]


def _sums(found: list[dict[str, Any]], key: Any, sign: int = 1) -> dict:
    totals: dict = defaultdict(Decimal)
    for row in found:
        totals[key(row)] += sign * Decimal(str(row["amount"]))
    return {k: v.quantize(CENT) for k, v in totals.items()}


def snapshot(database_url: str) -> Snapshot:
    """What the upgrade must keep, read straight from the database."""
    names = [t for t in tables(database_url) if t != "migration"]
    counted = " UNION ALL ".join(f"SELECT '{t}' AS name, COUNT(*) AS n FROM \"{t}\"" for t in names)
    money = [
        f"SELECT '{table}' AS tbl, id, {', '.join(columns)} FROM \"{table}\""
        for table, columns in MONEY_COLUMNS.items()
    ]
    if "accounting_bridge_outbox" in names:
        messages = (
            "SELECT idempotency_key AS key, property, connector, kind, status, attempts, payload "
            "FROM accounting_bridge_outbox"
        )
    else:
        messages = (
            "SELECT message_id AS key, property, target AS connector, event_type AS kind, "
            "status, attempts, payload FROM outbox_message WHERE channel = 'accounting'"
        )
    counts, migrations, entries, invoices, ledger, postings, sent, *money_rows = queries(
        database_url,
        [
            counted,
            "SELECT app_name, name FROM migration",
            "SELECT folio, property, kind, amount FROM folios_entry",
            "SELECT property, number, net, tax, gross, paid FROM folios_invoice",
            "SELECT account, amount FROM folios_city_ledger_entry",
            "SELECT property, account_code, amount FROM accounting_bridge_journal_posting",
            messages,
            *money,
        ],
    )
    return Snapshot(
        counts={r["name"]: r["n"] for r in counts},
        migrations={(r["app_name"], r["name"]) for r in migrations},
        amounts={
            (row["tbl"], row["id"], column): cents(row[column])
            for found in money_rows
            for row in found
            for column in MONEY_COLUMNS[row["tbl"]]
        },
        folio_balances=_sums(entries, lambda r: r["folio"]),
        payments_by_property=_sums(
            [e for e in entries if e["kind"] == "payment"], lambda r: r["property"], sign=-1
        ),
        invoices={
            (r["property"], r["number"]): tuple(
                cents(r[c]) for c in ("net", "tax", "gross", "paid")
            )
            for r in invoices
        },
        city_ledger_balances=_sums(ledger, lambda r: r["account"]),
        journal_by_account=_sums(postings, lambda r: (r["property"], r["account_code"])),
        accounting_messages={
            r["key"]: tuple(r[c] for c in ("property", "connector", "kind", "status", "attempts"))
            + (r["payload"],)
            for r in sent
        },
    )
