"""A desk clerk's day in the browser on the demo: book a walk-in, check in, post a charge, take
a payment, check out and print the invoice, with every amount on screen equal to the API's."""

from __future__ import annotations

import uuid

import httpx
from support.web_desk import Api, amount_on_screen, nav, shoot, sign_in

STAY = """query($id: ID!) { stay(id: $id) { status room { number }
  balance { amount currency } folios { id balance { amount currency } invoice { id } } } }"""


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


def test_a_desk_clerks_day_shows_the_apis_numbers(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    sign_in(page, demo_server.base_url, "desk")
    page.get_by_role("heading", name="Today:").wait_for()
    shoot(page, "board")

    surname = f"Walkin{uuid.uuid4().hex[:6]}"
    nav(page, "New booking")
    page.get_by_role("button", name="Find rooms").click()
    page.get_by_role("button", name="Choose Double").click()
    shoot(page, "booking-guest")
    page.locator("#guest-firstName").fill("Wanda")
    page.locator("#guest-lastName").fill(surname)
    page.get_by_role("button", name="Create guest").click()
    page.get_by_role("button", name="Book", exact=True).click()
    page.locator("#stay-title", has_text=f"Wanda {surname}").wait_for()
    stay_id = page.locator("[data-stay-id]").get_attribute("data-stay-id")
    assert api.gql(STAY, {"id": stay_id})["stay"]["status"] == "BOOKED"

    page.locator("#checkIn-room").select_option(index=0)
    room = page.locator("#checkIn-room option").first.inner_text().split(" ")[0]
    page.get_by_role("button", name="Check in now").click()
    page.get_by_text("Checked in", exact=True).wait_for()
    folio_id = page.locator("[data-folio]").first.get_attribute("data-folio")
    stay = api.gql(STAY, {"id": stay_id})["stay"]
    assert stay["status"] == "CHECKED_IN" and stay["room"]["number"] == room

    page.locator(f"#charge-{folio_id}-description").fill("Dinner")
    page.locator(f"#charge-{folio_id}-unitPrice").fill("42.35")
    page.locator(f"#charge-{folio_id}-quantity").fill("2")
    page.get_by_role("button", name="Post charge").click()
    page.get_by_role("cell", name="Dinner", exact=True).wait_for()
    balance = api.gql(STAY, {"id": stay_id})["stay"]["folios"][0]["balance"]
    shown = page.get_by_test_id(f"folio-balance-{folio_id}")
    page.wait_for_function(
        "([id, amount]) => document.querySelector(`[data-testid=folio-balance-${id}]`)"
        "?.dataset.amount === amount",
        arg=[folio_id, balance["amount"]],
    )
    assert amount_on_screen(shown.inner_text()) == amount_on_screen(balance["amount"])
    assert amount_on_screen(balance["amount"]) >= amount_on_screen("84.70")
    shoot(page, "stay-folio", full_page=True)

    assert page.locator(f"#payment-{folio_id}-amount").input_value() == balance["amount"]
    page.get_by_role("button", name="Take payment").click()
    page.wait_for_function(
        "id => document.querySelector(`[data-testid=folio-balance-${id}]`)?.dataset.amount"
        " === '0.00'",
        arg=folio_id,
    )
    assert amount_on_screen(shown.inner_text()) == 0

    page.get_by_role("button", name="Check out now").click()
    page.get_by_text("Checked out", exact=True).wait_for()
    stay = api.gql(STAY, {"id": stay_id})["stay"]
    assert stay["status"] == "CHECKED_OUT"
    invoice_id = stay["folios"][0]["invoice"]["id"]
    page.get_by_role("button", name="Invoice").click()
    page.get_by_role("heading", name="Invoice").wait_for()
    invoice = api.gql(
        "query($id: ID!) { invoice(id: $id) { net tax gross paid } }", {"id": invoice_id}
    )["invoice"]
    for field in ("net", "tax", "gross", "paid"):
        value = invoice[field]
        amount = value["amount"] if isinstance(value, dict) else value
        on_screen = page.get_by_test_id(f"invoice-{field}").inner_text()
        assert amount_on_screen(on_screen) == amount_on_screen(amount), field
    assert amount_on_screen(page.get_by_test_id("invoice-gross").inner_text()) == amount_on_screen(
        balance["amount"]
    )
    shoot(page, "invoice", full_page=True)
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1
