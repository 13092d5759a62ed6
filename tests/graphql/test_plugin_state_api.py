"""A group with the concierge on for one hotel only, through GraphQL (issue #23): the other
hotel's concierge operations are refused with PLUGIN_DISABLED, the concierge's fields show
nothing of it, its rows stay untouched and come back when the concierge is turned on again."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest
from litestar.testing import AsyncTestClient
from piccolo.apps.migrations.tables import Migration
from support.hotel import book, build_hotel

from frontdesk.core import bootstrap, db

DAY = date(2026, 11, 23)
STATES = "states { plugin propertyCode enabled catchUpStatus catchUpSummary }"
CREATE = "request { id description }"
LIST = """query($p: ID) { conciergeRequests(propertyId: $p) { nodes { id description }
  errors { code message field } } }"""
ONE = """query($id: ID!) { conciergeRequest(id: $id) { id } }"""
STAY = """query($id: ID!) { stay(id: $id) { conciergeRequests { id }
  room { openRequests { id } } } }"""
MODULES = """query($p: ID) { pluginStates(propertyId: $p) { plugin propertyCode enabled
  catchUpStatus } }"""


@pytest.fixture
def enabled_plugins():
    return ["concierge"]


async def _request(gql, hotel, text: str, stay_id: str | None = None) -> dict:
    return await gql.mutate(
        "createConciergeRequest",
        {"propertyId": hotel.property_id, "type": "INFORMATION", "description": text}
        | ({"stayId": stay_id} if stay_id else {}),
        CREATE,
    )


async def _checked_in(gql, hotel) -> str:
    booked = await book(gql, hotel, DAY, DAY + timedelta(days=2))
    stay_id = booked["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay_id}, "stay { id }")
    return stay_id


@pytest.fixture
async def group(gql):
    """Lisbon and Berlin, each with a checked-in stay and a concierge request for it, then
    the concierge turned off for Berlin by an admin."""
    lisbon = await build_hotel(gql, code="LIS")
    berlin = await build_hotel(gql, code="BER")
    stays = {}
    requests = {}
    for code, hotel in (("LIS", lisbon), ("BER", berlin)):
        stays[code] = await _checked_in(gql, hotel)
        made = await _request(gql, hotel, f"{code} wants a map", stays[code])
        requests[code] = made["request"]["id"]
    off = await gql.ok(
        "pluginDisable", {"plugin": "concierge", "propertyId": berlin.property_id}, STATES
    )
    assert [(s["propertyCode"], s["enabled"]) for s in off["states"]] == [("BER", False)]
    return lisbon, berlin, stays, requests


async def test_the_other_hotels_mutations_are_refused_with_plugin_disabled(gql, group):
    lisbon, berlin, _stays, requests = group
    refused = await _request(gql, berlin, "a taxi")
    assert refused["request"] is None
    [error] = refused["errors"]
    assert error["code"] == "PLUGIN_DISABLED"
    assert error["field"] == "propertyId"
    assert "concierge" in error["message"] and "BER" in error["message"]
    by_id = await gql.mutate(
        "setConciergeRequestStatus",
        {"requestId": requests["BER"], "status": "DONE"},
        "request { id }",
    )
    assert [(e["code"], e["field"]) for e in by_id["errors"]] == [("PLUGIN_DISABLED", "requestId")]
    assert (await _request(gql, lisbon, "a taxi"))["errors"] == []


async def test_the_other_hotels_queries_are_refused_and_its_rows_left_out(gql, group):
    _lisbon, berlin, _stays, requests = group
    scoped = (await gql.execute(LIST, {"p": berlin.property_id}))["conciergeRequests"]
    assert scoped["nodes"] == []
    refusals = [(e["code"], e["field"]) for e in scoped["errors"]]
    assert refusals == [("PLUGIN_DISABLED", "propertyId")]
    one = await gql.result(ONE, {"id": requests["BER"]})
    assert one.codes == ["PLUGIN_DISABLED"]
    across = await gql.execute(LIST, {"p": None})
    assert [n["description"] for n in across["conciergeRequests"]["nodes"]] == ["LIS wants a map"]
    assert (await gql.execute(ONE, {"id": requests["LIS"]}))["conciergeRequest"] is not None


async def test_the_concierge_fields_on_core_types_are_empty_for_the_other_hotel(gql, group):
    _lisbon, _berlin, stays, _requests = group
    berlin_stay = (await gql.execute(STAY, {"id": stays["BER"]}))["stay"]
    assert berlin_stay == {"conciergeRequests": [], "room": {"openRequests": []}}
    lisbon_stay = (await gql.execute(STAY, {"id": stays["LIS"]}))["stay"]
    assert len(lisbon_stay["conciergeRequests"]) == 1
    assert len(lisbon_stay["room"]["openRequests"]) == 1


async def test_turning_it_back_on_shows_the_untouched_rows_and_catches_up(gql, group):
    _lisbon, berlin, stays, requests = group
    on = await gql.ok(
        "pluginEnable", {"plugin": "concierge", "propertyId": berlin.property_id}, STATES
    )
    assert [(s["propertyCode"], s["enabled"]) for s in on["states"]] == [("BER", True)]
    for _ in range(100):  # the catch-up runs after the mutation, outside its transaction
        states = (await gql.execute(MODULES, {"p": berlin.property_id}))["pluginStates"]
        if states[0]["catchUpStatus"] not in ("pending", "running"):
            break
        await asyncio.sleep(0.05)
    assert states == [
        {"plugin": "concierge", "propertyCode": "BER", "enabled": True, "catchUpStatus": "done"}
    ]
    berlin_stay = (await gql.execute(STAY, {"id": stays["BER"]}))["stay"]
    assert [r["id"] for r in berlin_stay["conciergeRequests"]] == [requests["BER"]]


async def test_plugin_states_list_each_property_the_caller_may_access(gql, client_for, group):
    lisbon, _berlin, _stays, _requests = group
    everything = (await gql.execute(MODULES, {}))["pluginStates"]
    assert [(s["propertyCode"], s["enabled"]) for s in everything] == [
        ("BER", False),
        ("LIS", True),
    ]
    desk = await client_for("front_desk", properties=[lisbon.property_id])
    mine = (await desk.execute(MODULES, {}))["pluginStates"]
    assert [(s["propertyCode"], s["enabled"]) for s in mine] == [("LIS", True)]
    refused = await desk.mutate("pluginEnable", {"plugin": "concierge"}, STATES)
    assert [e["code"] for e in refused["errors"]] == ["PERMISSION_DENIED"]


async def test_an_unknown_plugin_is_a_user_error(gql):
    refused = await gql.mutate("pluginDisable", {"plugin": "spaceship"}, STATES)
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_INPUT", "plugin")]


async def test_the_plugins_routes_answer_404_while_it_is_off_everywhere(http, gql):
    assert (await http.get("/plugins/concierge/web/panel.js")).status_code == 200
    await gql.ok("pluginDisable", {"plugin": "concierge"}, STATES)
    hidden = await http.get("/plugins/concierge/web/panel.js")
    assert hidden.status_code == 404
    assert "turned off" in hidden.text


async def test_an_uninstalled_plugins_tables_are_a_plain_warning_at_start_up(settings, capfd):
    rt = bootstrap.start(settings)
    await db.start_pool(rt.engine)
    ran = Migration(name="2026-01-01", app_name="lost_found", ran_on=datetime.now())
    await Migration.insert(ran)
    await rt.engine.run_ddl('CREATE TABLE "lost_found_item" ("id" INTEGER PRIMARY KEY)')
    await rt.engine.run_ddl('INSERT INTO "lost_found_item" ("id") VALUES (7)')
    await db.close_pool(rt.engine)
    from frontdesk.server.app import create_app

    async with AsyncTestClient(app=create_app(settings)) as client:
        assert (await client.get("/health")).status_code == 200
    err = capfd.readouterr().err
    [line] = [line for line in err.splitlines() if "lost_found" in line]
    assert line.startswith("WARNING") and "no longer installed" in line and "1 row" in line
