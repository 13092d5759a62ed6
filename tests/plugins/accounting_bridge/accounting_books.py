"""Reading the bridge's books through the public API, for tests that read as specifications."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

M = "{ amount currency }"
TRIAL = f"""query($p: ID!, $s: Date, $e: Date) {{
  accountingTrialBalance(propertyId: $p, start: $s, end: $e) {{
    balanced totalDebit {M} totalCredit {M}
    lines {{ accountCode currency debit {M} credit {M} balance {M} }} }} }}"""
CHECK = f"""journal {M} core {M} difference {M} reconciled
  differences {{ subject subjectId journal {M} core {M} entryIds }}"""
RECON = f"""query($p: ID!, $a: Date) {{ accountingReconciliation(propertyId: $p, asOf: $a) {{
  guestLedger {{ {CHECK} }} cityLedger {{ {CHECK} }} }} }}"""
ENTRIES = """query($p: ID!, $f: ID, $src: String, $acc: String, $s: Date, $e: Date, $i: ID,
  $n: Int) {
  accountingJournalEntries(propertyId: $p, folioId: $f, sourceType: $src, accountCode: $acc,
    start: $s, end: $e, invoiceId: $i, invoiceNumber: $n, first: 250) {
  nodes { id businessDate description sourceType sourceKey folioEntryId folioId stayId
          invoiceId invoiceNumber reversesId
          postings { accountCode amount { amount currency } currency } } } }"""
EXPORT = """query($p: ID!, $f: AccountingExportFormat!, $s: Date, $e: Date) {
  accountingExport(propertyId: $p, format: $f, start: $s, end: $e) {
    filename contentType text } }"""


async def trial_balance(gql, property_id: str, start=None, end=None) -> dict:
    variables = {"p": property_id, "s": start and str(start), "e": end and str(end)}
    return (await gql.execute(TRIAL, variables))["accountingTrialBalance"]


def balances(trial: dict) -> dict[str, Decimal]:
    return {line["accountCode"]: Decimal(line["balance"]["amount"]) for line in trial["lines"]}


async def reconciliation(gql, property_id: str, as_of=None) -> dict:
    variables = {"p": property_id, "a": as_of and str(as_of)}
    return (await gql.execute(RECON, variables))["accountingReconciliation"]


async def entries(gql, property_id: str, **filters) -> list[dict]:
    variables = {"p": property_id, **filters}
    return (await gql.execute(ENTRIES, variables))["accountingJournalEntries"]["nodes"]


def postings(entry: dict) -> dict[str, Decimal]:
    return {p["accountCode"]: Decimal(p["amount"]["amount"]) for p in entry["postings"]}


async def export(gql, property_id: str, fmt: str, start=None, end=None) -> dict:
    variables = {"p": property_id, "f": fmt, "s": start and str(start), "e": end and str(end)}
    return (await gql.execute(EXPORT, variables))["accountingExport"]


def tool(name: str) -> str:
    """The path of an accounting tool (beside the venv's python, else on PATH)."""
    beside_python = Path(sys.executable).parent / name
    path = str(beside_python) if beside_python.exists() else shutil.which(name)
    if path is None:
        pytest.fail(f"{name!r} is not installed")
    return path


def run_tool(*args: str) -> str:
    """Run a tool that must succeed; its stdout."""
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout
