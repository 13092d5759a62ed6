"""The bridge's API: chart and remapping, queries that never raise on bad arguments,
mistakes as UserErrors, permissions, Folio.journalEntries, and no trace when disabled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from accounting_books import export, trial_balance
from support.hotel import book, build_hotel
from support.money import charge, set_up_rates, stay_money

from frontdesk.core import bootstrap
from frontdesk.core.settings import Settings
from frontdesk.graphql.schema import build_schema

MAP = "account { code name externalCode }"


async def test_the_default_chart_has_a_vat_account_per_rate_the_hotel_uses(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    data = await gql.execute(
        "query($p: ID!) { accountingAccounts(propertyId: $p) { code } }", {"p": hotel.property_id}
    )
    codes = {a["code"] for a in data["accountingAccounts"]}
    assert {"1000", "1010", "1020", "1200", "1210", "2100", "2300", "4000", "4900"} <= codes
    assert {"2200-7", "2200-19"} <= codes


async def test_a_remapped_account_appears_under_the_hotels_code_in_exports(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    await charge(gql, {"stayId": stay}, "SPA", "11.90")
    mapped = await gql.ok(
        "accountingMapAccount",
        {
            "propertyId": hotel.property_id,
            "code": "4300",
            "externalCode": "8400",
            "name": "Wellness",
        },
        MAP,
    )
    assert mapped["account"] == {"code": "4300", "name": "Wellness", "externalCode": "8400"}
    csv_text = (await export(gql, hotel.property_id, "CSV"))["text"]
    assert ",8400,Wellness,,10.00," in csv_text
    lines = (await trial_balance(gql, hotel.property_id))["lines"]
    assert "4300" in {line["accountCode"] for line in lines}  # the journal keeps chart codes


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "9999", "externalCode": "X1"}, "code"),
        ({"code": "4300", "externalCode": "bad code!"}, "externalCode"),
        ({"code": "4300", "externalCode": ""}, "externalCode"),
    ],
)
async def test_bad_mappings_are_user_errors(gql, fields, field):
    hotel = await build_hotel(gql)
    payload = await gql.mutate(
        "accountingMapAccount", {"propertyId": hotel.property_id, **fields}, MAP
    )
    assert payload["account"] is None and payload["errors"][0]["field"] == field


async def test_two_accounts_cannot_share_an_external_code(gql):
    hotel = await build_hotel(gql)
    await gql.ok(
        "accountingMapAccount",
        {"propertyId": hotel.property_id, "code": "1000", "externalCode": "1600"},
        MAP,
    )
    clash = await gql.mutate(
        "accountingMapAccount",
        {"propertyId": hotel.property_id, "code": "1010", "externalCode": "1600"},
        MAP,
    )
    assert clash["errors"][0]["code"] == "CONFLICT"


async def test_queries_answer_bad_arguments_with_nothing(gql):
    hotel = await build_hotel(gql)
    data = await gql.execute(
        """query($p: ID!) {
      a: accountingTrialBalance(propertyId: "nope") { balanced }
      b: accountingTrialBalance(propertyId: $p, start: "2026-12-01", end: "2026-11-01") { balanced }
      c: accountingExport(propertyId: "999999", format: CSV) { text }
      d: accountingJournalEntries(propertyId: $p, folioId: "x", first: -5) { nodes { id } }
      e: accountingReconciliation(propertyId: "0") { asOf }
      f: accountingOutbox(propertyId: "-1", first: 100000) { nodes { id } }
      g: accountingAccounts(propertyId: "abc") { code }
    }""",
        {"p": hotel.property_id},
    )
    assert data == {
        "a": None,
        "b": None,
        "c": None,
        "d": {"nodes": []},
        "e": None,
        "f": {"nodes": []},
        "g": [],
    }


async def test_folio_lists_its_journal_entries(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    posted = await charge(gql, {"stayId": stay}, "MINIBAR", "4.00")
    folio_id = (await stay_money(gql, stay))["folios"][0]["id"]
    data = await gql.execute(
        "query($id: ID!) { folio(id: $id) { journalEntries { folioEntryId "
        "postings { accountCode amount { amount currency } } } } }",
        {"id": folio_id},
    )
    [entry] = data["folio"]["journalEntries"]
    assert entry["folioEntryId"] == posted["entry"]["id"]


async def test_front_desk_staff_cannot_read_the_books(gql, http, in_app):
    from frontdesk.core import runtime
    from frontdesk.core.auth.apikeys import create_api_key
    from frontdesk.testing.client import GraphQLClient

    hotel = await build_hotel(gql)
    created = await in_app(
        create_api_key,
        runtime.current().plugin_manager,
        name="desk",
        roles=["front_desk"],
        all_properties=True,
    )
    desk = GraphQLClient(http, headers={"Authorization": f"Bearer {created.key}"})
    response = await desk.raw(
        "query($p: ID!) { accountingTrialBalance(propertyId: $p) { balanced } }",
        {"p": hotel.property_id},
    )
    assert response.json()["data"]["accountingTrialBalance"] is None
    refused = await desk.mutate(
        "accountingRetryOutbox", {"propertyId": hotel.property_id}, "retried"
    )
    assert refused["errors"][0]["code"] == "PERMISSION_DENIED"


@pytest.mark.parametrize("enabled_plugins", [[]], ids=["core-alone"])
def test_disabled_the_plugin_leaves_no_trace_in_the_schema(database_url, enabled_plugins):
    rt = bootstrap.start(Settings(database_url=database_url, plugins=enabled_plugins))
    sdl = build_schema(rt.plugin_manager).as_str()
    assert "Accounting" not in sdl and "journalEntries" not in sdl


async def test_an_unreadable_message_id_is_a_user_error_on_message_ids(gql):
    hotel = await build_hotel(gql)
    payload = await gql.mutate(
        "accountingRetryOutbox",
        {"propertyId": hotel.property_id, "messageIds": ["nope"]},
        "retried",
    )
    assert payload["retried"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID_INPUT", "messageIds")]
