"""A desk clerk's day in the browser on the demo: book a walk-in, check in, post a charge, take
a payment, check out and print the invoice, with every amount on screen equal to the API's
(on SQLite and on PostgreSQL; the other screens on SQLite)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import httpx
from support.clerks_day import STAY, a_clerks_day
from support.web_desk import (
    Api,
    amount_on_screen,
    book_arrival,
    desk_context,
    document_id,
    nav,
    shoot,
    sign_in,
    tab_to,
)


def test_the_front_desk_is_served_with_a_policy_that_forbids_inline_scripts(demo_server):
    home = httpx.get(f"{demo_server.base_url}/", follow_redirects=False)
    assert home.headers["location"] == "/plugins/web/"
    page = httpx.get(f"{demo_server.base_url}/plugins/web/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in page.text and 'type="module" src=' in page.text


def test_a_file_outside_the_static_folder_is_not_served(demo_server):
    response = httpx.get(f"{demo_server.base_url}/plugins/web/%2e%2e/routes.py")
    assert response.status_code == 404


def test_a_desk_clerks_day_shows_the_apis_numbers(any_demo_server, page):
    api = Api(any_demo_server.base_url, "desk")
    a_clerks_day(page, any_demo_server.base_url, api)


def addDays(iso: str, days: int) -> str:  # noqa: N802 - the client's name for it
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def business_date(api: Api, property_id: str = "1") -> str:
    return api.gql("query($p: ID!) { property(id: $p) { businessDate } }", {"p": property_id})[
        "property"
    ]["businessDate"]


def test_check_in_can_be_done_with_the_keyboard_only(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    today = business_date(api)
    stay = book_arrival(api, "1", today, addDays(today, 2), firstName="Kira", lastName="Keyboard")
    sign_in(page, demo_server.base_url, "desk")
    page.get_by_role("heading", name="Today:").wait_for()
    tab_to(page, "el.type === 'search'")
    page.keyboard.type(stay["confirmationCode"])
    tab_to(page, "el.textContent === 'Kira Keyboard'")
    page.keyboard.press("Enter")
    tab_to(page, "el.id === 'checkIn-room'")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.activeElement.selectedOptions[0].textContent")
    tab_to(page, "el.textContent.trim() === 'Check in now'", presses=3)
    page.keyboard.press("Enter")
    page.get_by_text("Checked in", exact=True).wait_for()
    after = api.gql(STAY, {"id": stay["id"]})["stay"]
    assert after["status"] == "CHECKED_IN"
    assert after["room"]["number"] == chosen.split(" ")[0]


def test_an_api_error_is_shown_beside_the_field_it_names(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    today = business_date(api)
    stay = book_arrival(api, "1", today, addDays(today, 1), firstName="Fay", lastName="Field")
    sign_in(page, demo_server.base_url, "desk")
    page.get_by_role("heading", name="Today:").wait_for()
    page.get_by_role("searchbox").fill(stay["confirmationCode"])
    page.get_by_role("button", name="Open the stay of Fay Field").click()
    folio = page.locator("[data-folio]").first.get_attribute("data-folio")
    page.locator(f"#charge-{folio}-description").fill("Minibar")
    page.locator(f"#charge-{folio}-unitPrice").fill("abc")
    page.get_by_role("button", name="Post charge").click()
    field = page.locator(".field", has=page.locator(f"#charge-{folio}-unitPrice"))
    error = field.get_by_role("alert")
    error.wait_for()
    assert "unitPrice" in error.inner_text()
    page.locator(f"#payment-{folio}-amount").fill("-5")
    page.get_by_role("button", name="Take payment").click()
    payment = page.locator(".field", has=page.locator(f"#payment-{folio}-amount"))
    payment.get_by_role("alert").wait_for()
    shoot(page, "folio-field-error")


def test_signing_out_forgets_the_session_and_stores_no_token(demo_server, page):
    sign_in(page, demo_server.base_url, "desk")
    page.get_by_role("heading", name="Today:").wait_for()
    stored = page.evaluate("JSON.stringify({...window.localStorage, ...window.sessionStorage})")
    assert "fda_" not in stored and "ccessToken" not in stored
    assert page.context.cookies() == []
    page.get_by_role("button", name="Sign out").click()
    page.locator("#login-username").wait_for()
    shoot(page, "login")
    # the desk's own `me` document, by its id as the desk sends it
    answer = page.evaluate(
        "(id) => fetch('/graphql', {method: 'POST', headers: {'content-type': 'application/json'},"
        " body: JSON.stringify({documentId: `sha256:${id}`})}).then(r => r.status)",
        document_id("Me"),
    )
    assert answer == 401


def test_housekeeping_takes_a_room_out_of_order(demo_server, page):
    api = Api(demo_server.base_url, "admin")
    sign_in(page, demo_server.base_url, "admin")
    nav(page, "Housekeeping")
    row = page.locator("tr[data-room='104']")
    row.get_by_label("New status").select_option("OUT_OF_ORDER")
    row.get_by_label("Reason").fill("Leaking tap")
    row.get_by_label("Until").fill(addDays(business_date(api), 3))
    row.get_by_role("button", name="Set the status of room 104").click()
    page.locator("tr[data-room='104']", has_text="Leaking tap").wait_for()
    rooms = api.gql(
        '{ rooms(propertyId: "1", housekeepingStatus: OUT_OF_ORDER) { nodes { number } } }'
    )["rooms"]["nodes"]
    assert {"number": "104"} in rooms
    shoot(page, "housekeeping", full_page=True)


def test_the_room_calendar_opens_a_stay(demo_server, page):
    sign_in(page, demo_server.base_url, "desk")
    nav(page, "Room calendar")
    bar = page.locator("td.bar button").first
    name = bar.inner_text()
    shoot(page, "calendar")
    bar.click()
    page.locator("#stay-title", has_text=name).wait_for()


def test_the_board_filters_and_finds_by_confirmation_code(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    today = business_date(api)
    arrivals = api.gql(
        'query($d: Date!) { stays(propertyId: "1", arrival: $d) { nodes { id status } } }',
        {"d": today},
    )["stays"]["nodes"]
    expected = {s["id"] for s in arrivals if s["status"] != "CANCELLED"}
    sign_in(page, demo_server.base_url, "desk")
    page.get_by_role("heading", name="Today:").wait_for()
    page.get_by_role("button", name="Arrivals").click()
    rows = page.locator("tr[data-stay]")
    assert {rows.nth(i).get_attribute("data-stay") for i in range(rows.count())} == expected
    page.get_by_role("button", name="All", exact=True).click()
    code = rows.first.get_attribute("data-code")
    page.get_by_role("searchbox").fill(code.lower())
    page.wait_for_function("document.querySelectorAll('tr[data-stay]').length === 1")
    assert rows.first.get_attribute("data-code") == code


def test_the_property_switcher_shows_the_other_hotels_board(demo_server, page):
    admin = Api(demo_server.base_url, "admin")
    today = business_date(admin, "2")
    lisbon = admin.gql(
        'query($d: Date!) { stays(propertyId: "2", departure: $d) { nodes { id } } }',
        {"d": today},
    )["stays"]["nodes"]
    sign_in(page, demo_server.base_url, "admin")
    page.get_by_role("heading", name="Today:").wait_for()
    page.get_by_label("Hotel").select_option(label="Casa do Rio")
    page.get_by_role("button", name="Departures").click()
    page.wait_for_function(
        "n => document.querySelectorAll('tr[data-stay]').length === n", arg=len(lisbon)
    )
    rows = page.locator("tr[data-stay]")
    assert {rows.nth(i).get_attribute("data-stay") for i in range(rows.count())} == {
        s["id"] for s in lisbon
    }


def test_a_new_guest_like_an_existing_one_gets_the_duplicate_hint(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    known = api.gql('{ guests(propertyId: "1", first: 1) { nodes { id firstName lastName } } }')[
        "guests"
    ]["nodes"][0]
    sign_in(page, demo_server.base_url, "desk")
    nav(page, "New booking")
    page.get_by_role("button", name="Find rooms").click()
    page.get_by_role("button", name="Choose Double").click()
    page.locator("#guest-firstName").fill(known["firstName"])
    page.locator("#guest-lastName").fill(known["lastName"])
    page.get_by_role("button", name="Create guest").click()
    page.get_by_role("heading", name="Is this guest already known?").wait_for()
    shoot(page, "booking-duplicate")
    name = f"{known['firstName']} {known['lastName']}"
    page.get_by_role("button", name=f"Use {name}").first.click()
    page.get_by_role("heading", name="Confirm the booking").wait_for()


def test_a_payment_is_refunded_and_a_charge_corrected(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    today = business_date(api)
    stay = book_arrival(api, "1", today, addDays(today, 1), firstName="Rui", lastName="Refund")
    sign_in(page, demo_server.base_url, "desk")
    page.get_by_role("searchbox").fill(stay["confirmationCode"])
    page.get_by_role("button", name="Open the stay of Rui Refund").click()
    folio = page.locator("[data-folio]").first.get_attribute("data-folio")
    page.locator(f"#charge-{folio}-description").fill("Spa")
    page.locator(f"#charge-{folio}-unitPrice").fill("30.00")
    page.get_by_role("button", name="Post charge").click()
    page.get_by_role("button", name="Correct Spa").click()
    page.get_by_label("Reason", exact=True).fill("Booked twice")
    page.get_by_role("button", name="Reverse the charge").click()
    page.get_by_role("cell", name="Correction", exact=True).wait_for()
    page.locator(f"#payment-{folio}-amount").fill("20.00")
    page.get_by_role("button", name="Take payment").click()
    page.locator("tr[data-entry]", has_text="Payment").get_by_role("button").click()
    page.get_by_label("Refund amount").fill("20.00")
    page.get_by_role("button", name="Refund now").click()
    page.get_by_role("cell", name=re.compile(r"^Refund( ·|$)")).wait_for()
    balance = api.gql(STAY, {"id": stay["id"]})["stay"]["folios"][0]["balance"]["amount"]
    shown = page.get_by_test_id(f"folio-balance-{folio}")
    page.wait_for_function(
        "([id, amount]) => document.querySelector(`[data-testid=folio-balance-${id}]`)"
        "?.dataset.amount === amount",
        arg=[folio, balance],
    )
    assert amount_on_screen(shown.inner_text()) == amount_on_screen(balance) == 0


def test_the_board_fits_a_tablet(demo_server, chromium):
    with desk_context(chromium, viewport={"width": 1024, "height": 768}, has_touch=True) as tablet:
        page = tablet.new_page()
        sign_in(page, demo_server.base_url, "desk")
        page.get_by_role("heading", name="Today:").wait_for()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        shoot(page, "board-tablet")


def test_a_booking_is_moved_to_other_dates_and_cancelled(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    today = business_date(api)
    stay = book_arrival(api, "1", today, addDays(today, 1), firstName="Cyd", lastName="Cancel")
    sign_in(page, demo_server.base_url, "desk")
    page.get_by_role("searchbox").fill(stay["confirmationCode"])
    page.get_by_role("button", name="Open the stay of Cyd Cancel").click()
    page.get_by_label("Departure", exact=True).fill(addDays(today, 3))
    page.get_by_role("button", name="Change dates").click()
    read = "query($id: ID!) { stay(id: $id) { status departure } }"
    page.wait_for_function(  # three nights now
        "n => [...document.querySelectorAll('dd')].some((dd) => dd.textContent === n)",
        arg="3",
    )
    assert api.gql(read, {"id": stay["id"]})["stay"]["departure"] == addDays(today, 3)
    page.get_by_label("Reason for cancelling").fill("Flight cancelled")
    page.get_by_role("button", name="Cancel the booking").click()
    page.get_by_text("Cancelled", exact=True).wait_for()
    assert api.gql(read, {"id": stay["id"]})["stay"]["status"] == "CANCELLED"


def test_the_night_audit_reports_what_the_api_reports(demo_server, page):
    api = Api(demo_server.base_url, "admin")
    # the desk opens on the first property the API lists
    shown_first = api.gql("{ properties(first: 1) { nodes { id } } }")["properties"]["nodes"][0]
    property_id = shown_first["id"]
    closing = business_date(api, property_id)
    sign_in(page, demo_server.base_url, "admin")
    nav(page, "Night audit")
    # the screen opens on the last closed date's report (the demo's audits): wait for the
    # report of the date this audit closes to replace it
    before = page.get_by_test_id("audit.date")
    before.wait_for()
    shown_before = before.inner_text()
    page.get_by_role("button", name="Close").click()
    page.wait_for_function(
        "old => document.querySelector('[data-testid=\"audit.date\"]')?.textContent !== old",
        arg=shown_before,
        timeout=120_000,
    )
    report = api.gql(
        "query($p: ID!, $d: Date!) { nightAuditReport(propertyId: $p, businessDate: $d) {"
        " occupancyPercent adr { amount } revpar { amount } } }",
        {"p": property_id, "d": closing},
    )["nightAuditReport"]
    adr = report["adr"]["amount"] if isinstance(report["adr"], dict) else report["adr"]
    revpar = report["revpar"]["amount"] if isinstance(report["revpar"], dict) else report["revpar"]
    assert amount_on_screen(page.get_by_test_id("audit.adr").inner_text()) == amount_on_screen(adr)
    on_screen = amount_on_screen(page.get_by_test_id("audit.revpar").inner_text())
    assert on_screen == amount_on_screen(revpar)
    shown = page.get_by_test_id("audit.occupancy").inner_text()
    assert amount_on_screen(shown) == round(amount_on_screen(report["occupancyPercent"]), 1)
    shoot(page, "night-audit")
    assert business_date(api, property_id) == addDays(closing, 1)
