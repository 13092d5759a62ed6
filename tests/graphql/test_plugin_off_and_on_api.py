"""The issue's own scenario (#23), end to end through GraphQL: an admin turns the
accounting bridge off with ``pluginDisable``, the desk posts a minibar charge of 4.50 (the
bridge's reports answer PLUGIN_DISABLED meanwhile), ``pluginEnable`` turns it back on and its
catch-up (run after the mutation commits) journals the charge, marked late: the
reconciliation closes. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

import pytest
from support.hotel import BUSINESS_DATE, book, build_hotel
from support.money import charge

STATES = "states { plugin propertyCode enabled catchUpStatus }"
RECON = """query($p: ID!) { accountingReconciliation(propertyId: $p) {
  guestLedger { difference { amount } reconciled } } }"""
JOURNAL = """query($p: ID!) { accountingJournalEntries(propertyId: $p, first: 100) {
  nodes { sourceType late } } }"""
MODULES = """query($p: ID) { pluginStates(propertyId: $p) { plugin catchUpStatus } }"""


@pytest.fixture
def enabled_plugins():
    return ["accounting_bridge"]


async def _catch_up_status(gql, property_id: str) -> str:
    for _ in range(200):  # the catch-up runs as a task of its own after the mutation
        [state] = (await gql.execute(MODULES, {"p": property_id}))["pluginStates"]
        if state["catchUpStatus"] not in ("pending", "running"):
            return state["catchUpStatus"]
        await asyncio.sleep(0.05)
    return state["catchUpStatus"]


async def test_a_charge_made_while_the_bridge_was_off_is_journaled_late_when_it_comes_back(gql):
    hotel = await build_hotel(gql, code="BER")
    stay = (await book(gql, hotel, BUSINESS_DATE, BUSINESS_DATE + timedelta(days=2)))["stay"]
    await gql.ok("checkIn", {"stayId": stay["id"]}, "stay { id }")
    p = {"p": hotel.property_id}
    assert (await gql.execute(RECON, p))["accountingReconciliation"]["guestLedger"]["reconciled"]

    off = await gql.ok(
        "pluginDisable", {"plugin": "accounting_bridge", "propertyId": hotel.property_id}, STATES
    )
    assert [s["enabled"] for s in off["states"]] == [False]
    minibar = await charge(gql, {"stayId": stay["id"]}, "MINIBAR", "4.50")
    assert minibar["errors"] == []
    refused = await gql.raw(RECON, p)
    assert "PLUGIN_DISABLED" in refused.text  # while off, its reports answer for nothing

    await gql.ok(
        "pluginEnable", {"plugin": "accounting_bridge", "propertyId": hotel.property_id}, STATES
    )
    assert await _catch_up_status(gql, hotel.property_id) == "done"
    ledger = (await gql.execute(RECON, p))["accountingReconciliation"]["guestLedger"]
    assert Decimal(ledger["difference"]["amount"]) == 0 and ledger["reconciled"], ledger
    entries = (await gql.execute(JOURNAL, p))["accountingJournalEntries"]["nodes"]
    assert [e["late"] for e in entries] == [True], entries
