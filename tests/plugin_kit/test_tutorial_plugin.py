"""The tutorial's plugin (docs/tutorial/lost_found, quoted by docs/plugins.md) works the way
the tutorial says: copied outside the repo and installed, it migrates, serves its fields, answers
its CLI command, and passes its own tests on the kit (frontdesk.testing)."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from support.browser import start_live_server
from support.plugin_install import TUTORIAL, env_with, install_copy, run_pytest

from frontdesk.testing import BUILTIN_PLUGINS

pytestmark = pytest.mark.slow

RECORD = """mutation($input: LostFoundRecordItemInput!) {
  lostFoundRecordItem(input: $input) { item { id status } errors { code } } }"""
STAY_ITEMS = "query($id: ID!) { stay(id: $id) { lostItems { description status } } }"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    return install_copy(TUTORIAL, tmp_path_factory.mktemp("tutorial"))


def cli(site, *args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", *args],
        env=env_with(site, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_installed_plugin_is_listed_beside_the_built_ins(installed):
    _copy, site = installed
    listing = cli(site, "plugins").stdout
    assert "lost_found" in listing
    assert all(name in listing for name in BUILTIN_PLUGINS)


def test_the_plugin_migrates_serves_its_fields_and_answers_its_command(installed, tmp_path):
    _copy, site = installed
    env = {"PYTHONPATH": env_with(site)["PYTHONPATH"], "FRONTDESK_DEV": "1"}
    server = start_live_server(tmp_path, plugins="lost_found", env=env)
    try:
        db = {"FRONTDESK_DATABASE_URL": server.database_url, "FRONTDESK_PLUGINS": "lost_found"}
        key = cli(site, "apikey", "create", "--role", "admin", **db).stdout.split()[0]
        graphql = GraphQL(server.base_url, key)
        stay_id, property_id = graphql.book_a_stay()
        recorded = graphql(
            RECORD, input={"propertyId": property_id, "stayId": stay_id, "description": "Umbrella"}
        )
        assert recorded["lostFoundRecordItem"]["errors"] == []
        assert graphql(STAY_ITEMS, id=stay_id)["stay"]["lostItems"] == [
            {"description": "Umbrella", "status": "HELD"}
        ]
        command = cli(site, "lost_found", "unclaimed", "--property", "nowhere", **db)
        assert (command.returncode, command.stderr.strip()) == (
            2,
            "frontdesk: No property with code NOWHERE.",
        )
    finally:
        server.stop()


def test_the_plugin_passes_its_own_tests_on_the_kit(installed):
    copy, site = installed
    result = run_pytest(copy, site)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout


class GraphQL:
    """Just enough of a client for a server in another process."""

    def __init__(self, base_url: str, key: str):
        self.url = f"{base_url}/graphql"
        self.headers = {"Authorization": f"Bearer {key}"}

    def __call__(self, query: str, **variables) -> dict:
        body = httpx.post(
            self.url, json={"query": query, "variables": variables}, headers=self.headers
        ).json()
        assert not body.get("errors"), body
        return body["data"]

    def book_a_stay(self) -> tuple[str, str]:
        """A property with a room and a checked-in guest's stay: (stay id, property id)."""
        prop = self.ok(
            "createProperty",
            "property { id }",
            code="LF",
            name="Lost & Found Inn",
            timezone="UTC",
            currency="EUR",
            businessDate="2026-11-23",
        )
        pid = prop["property"]["id"]
        room_type = self.ok(
            "createRoomType",
            "roomType { id }",
            propertyId=pid,
            code="DBL",
            name="Double",
            maxOccupancy=2,
        )
        rtid = room_type["roomType"]["id"]
        self.ok("createRoom", "room { id }", propertyId=pid, roomTypeId=rtid, number="101")
        guest = self.ok(
            "createGuest", "guest { id }", propertyId=pid, firstName="Ada", lastName="Lovelace"
        )
        stay = self.ok(
            "bookStay",
            "stay { id }",
            propertyId=pid,
            roomTypeId=rtid,
            guestId=guest["guest"]["id"],
            arrival="2026-11-23",
            departure="2026-11-25",
        )
        return stay["stay"]["id"], pid

    def ok(self, mutation: str, selection: str, /, **input) -> dict:
        input_type = f"{mutation[0].upper()}{mutation[1:]}Input"
        query = (
            f"mutation($input: {input_type}!) {{ {mutation}(input: $input) "
            f"{{ {selection} errors {{ code message }} }} }}"
        )
        payload = self(query, input=input)[mutation]
        assert payload["errors"] == [], payload
        return payload
