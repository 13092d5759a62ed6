"""The desk on a server that accepts known documents only (FRONTDESK_TRUSTED_DOCUMENTS_ONLY):
every document the desk and the built-in panels send is registered (static/documents*.js and
each panel's web/documents.js) and sent by its id (static/api.js, from the manifests), so a
clerk's whole day, the night audit and every panel are answered, while an arbitrary text
query is refused. The test's own API checks are an integrator's client to the server: their
documents come from a manifest named by FRONTDESK_TRUSTED_DOCUMENTS."""

from __future__ import annotations

import json
from datetime import date, timedelta

import httpx
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from support.browser import start_live_server
from support.clerks_day import API_DOCUMENTS, a_clerks_day
from support.web_desk import Api, document_id, nav, sign_in

from frontdesk.graphql.execution.trusted import manifest
from frontdesk.plugins.accounting_bridge.web_panel import DOCUMENTS as ACCOUNTING
from frontdesk.plugins.concierge.web_panel import DOCUMENTS as CONCIERGE
from frontdesk.plugins.hr_shifts.web_panel import DOCUMENTS as SHIFTS
from frontdesk.plugins.web.documents import DESK

pytestmark = pytest.mark.slow

PANELS = {"Concierge requests": CONCIERGE, "Roster of the week": SHIFTS, "Accounting": ACCOUNTING}


@pytest.fixture(scope="module")
def trusted_only_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trusted-only")
    tests_client = folder / "test-client.json"
    tests_client.write_text(json.dumps(manifest(API_DOCUMENTS.items())))
    server = start_live_server(
        folder,
        demo=True,
        env={
            "FRONTDESK_TRUSTED_DOCUMENTS_ONLY": "1",
            "FRONTDESK_TRUSTED_DOCUMENTS": str(tests_client),
        },
    )
    yield server
    server.stop()


def names_by_id() -> dict[str, str]:
    """Every registered document of the desk and the panels: its name by its id."""
    clients = [DESK, *PANELS.values()]
    return {
        o["id"]: o["name"]
        for client in clients
        for o in json.loads(client.manifest.read_text())["operations"]
    }


@pytest.fixture
def graphql_traffic(page):
    """What the page POSTs to /graphql (the bodies) and the answers (status, text)."""
    sent, answers = [], []
    page.on("request", lambda r: r.url.endswith("/graphql") and sent.append(r.post_data_json))
    page.on("response", lambda r: r.url.endswith("/graphql") and answers.append(answer_of(r)))
    return sent, answers


def answer_of(response) -> tuple[int, str]:
    """Its status and text; a page that navigated away (signing out reloads it) may have
    dropped the body before it was read, and then only the status is known."""
    try:
        return response.status, response.text()
    except PlaywrightError:
        return response.status, ""


def sent_names(sent: list[dict]) -> set[str]:
    """The registered documents the page named; a document sent as text fails the test."""
    assert not [body for body in sent if "query" in body]
    assert all(body["documentId"].startswith("sha256:") for body in sent)
    known = names_by_id()
    return {known[body["documentId"].removeprefix("sha256:")] for body in sent}


def all_answered(answers: list[tuple[int, str]]) -> bool:
    return all(status == 200 and "DOCUMENT_NOT_TRUSTED" not in text for status, text in answers)


def test_an_arbitrary_text_query_is_refused(trusted_only_server):
    url = f"{trusted_only_server.base_url}/graphql"
    refused = httpx.post(url, json={"query": "{ __typename }"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "DOCUMENT_NOT_TRUSTED"
    variables = {"input": {"username": "desk", "password": "wrong"}}
    by_id = {"documentId": f"sha256:{document_id('Login')}", "variables": variables}
    answered = httpx.post(url, json=by_id)
    assert answered.status_code == 200 and answered.json()["data"]["login"]["errors"]


def test_the_board_calendar_and_housekeeping_work_by_document_ids(
    trusted_only_server, page, graphql_traffic
):
    sent, answers = graphql_traffic
    sign_in(page, trusted_only_server.base_url, "desk")
    page.get_by_role("heading", name="Today:").wait_for()
    page.locator("[data-stay]").first.wait_for()
    nav(page, "Room calendar")
    page.get_by_role("heading", name="Room calendar").wait_for()
    nav(page, "Housekeeping")
    row = page.locator("tr[data-room='104']")
    row.get_by_label("New status").select_option("INSPECTED")
    row.get_by_role("button", name="Set the status of room 104").click()
    page.locator("tr[data-room='104'] .badge.hk-INSPECTED").wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.locator("#login-username").wait_for()

    names = sent_names(sent)
    assert {"Login", "Me", "BoardWithBalance", "Calendar", "Housekeeping"} <= names
    assert {"SetRoomStatus", "Logout"} <= names
    assert all_answered(answers)
    assert page.locator(".errors, [role=alert]").count() == 0


def test_a_clerks_whole_day_and_the_night_audit(trusted_only_server, page, graphql_traffic):
    sent, answers = graphql_traffic
    base_url = trusted_only_server.base_url
    a_clerks_day(page, base_url, Api(base_url, "desk"), screenshot=lambda *a, **k: None)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, base_url, "admin")
    nav(page, "Night audit")
    page.locator("section[data-live=on]").wait_for()  # its subscription is answered too
    before = page.get_by_test_id("audit.date")
    before.wait_for()
    page.get_by_role("button", name="Close").click()
    page.wait_for_function(
        "old => document.querySelector('[data-testid=\"audit.date\"]')?.textContent !== old",
        arg=before.inner_text(),
        timeout=120_000,
    )
    # the audit's start reaches the screen only through the live subscription (registered,
    # so the server subscribes it on the WebSocket too)
    page.locator("[data-step=started].done").wait_for(timeout=5_000)

    names = sent_names(sent)
    day = {"Availability", "Quote", "CreateGuest", "BookStay", "StayWithFolios", "FreeRooms"}
    day |= {"CheckIn", "PostCharge", "RecordPayment", "CheckOut", "Invoice"}
    assert day | {"NightAuditReport", "RunNightAudit"} <= names
    assert all_answered(answers)
    assert page.locator("main .errors").count() == 0


def test_every_panel_opens(trusted_only_server, page, graphql_traffic):
    sent, answers = graphql_traffic
    sign_in(page, trusted_only_server.base_url, "admin")
    for title in PANELS:
        page.get_by_role("navigation").get_by_role("button", name=title).click()
        page.get_by_role("heading", name=title, exact=True).wait_for()
        page.wait_for_load_state("networkidle")
        assert page.locator("main .errors").count() == 0, title
    page.get_by_role("navigation").get_by_role("button", name="Concierge requests").click()
    search = page.get_by_role("search", name="Search the recommendations")
    search.get_by_role("button", name="Search the recommendations").click()
    form = page.get_by_role("form", name="Book a service")
    form.get_by_label("Service").select_option(label="Spa treatment room")
    form.get_by_label("Guest", exact=True).select_option(index=1)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    form.get_by_label("When").fill(f"{tomorrow}T15:00")
    form.get_by_label("People").fill("1")
    form.get_by_role("button", name="Book").click()
    expect(form.get_by_label("When")).to_have_value("")  # booked: the form starts again

    names = sent_names(sent)
    assert {"ConciergeRequests", "ConciergeRecommendations", "ConciergeBookings"} <= names
    assert {"ConciergeInHouse", "BookConciergeService"} <= names
    assert {"ShiftsWeek", "ShiftsDrafts", "AccountingLedgers"} <= names
    assert all_answered(answers)
