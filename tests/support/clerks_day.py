"""A desk clerk's day in the browser, shared by the tests that walk it (on SQLite, on
PostgreSQL, on a server accepting trusted documents only): book a walk-in, check in, post a
charge, take a payment, check out and print the invoice, with every amount on screen equal to
the API's. ``API_DOCUMENTS`` are the documents the test itself sends beside the page (an
integrator's client as far as the server is concerned: a trusted-only server registers them
from a manifest, FRONTDESK_TRUSTED_DOCUMENTS)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal

from support.web_desk import LOGIN, Api, amount_on_screen, nav, shoot, sign_in

STAY = """query($id: ID!) { stay(id: $id) { status room { number }
  balance { amount currency } folios { id balance { amount currency } invoice { id } } } }"""
INVOICE_TOTALS = (
    "query($id: ID!) { invoice(id: $id) {"
    " net { amount } tax { amount } gross { amount } paid { amount } } }"
)
API_DOCUMENTS = {"TestLogin": LOGIN, "TestStay": STAY, "TestInvoiceTotals": INVOICE_TOTALS}


def a_clerks_day(page, base_url: str, api: Api, screenshot: Callable = shoot) -> None:
    """Walk the day as the ``desk`` user; ``api`` (the same user) checks each step.
    ``screenshot``: how the steps are photographed for docs/web.md (a no-op elsewhere)."""
    stay_id, folio_id = book_a_walk_in_and_check_in(page, base_url, api, screenshot)
    charged = charge_and_pay(page, api, stay_id, folio_id, screenshot)
    day_use = check_out(page, api, stay_id, folio_id)
    open_the_invoice(page, api, stay_id, charged + day_use, screenshot)


def book_a_walk_in_and_check_in(page, base_url: str, api: Api, screenshot: Callable):
    """The stay's id and its first folio's, checked in."""
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    sign_in(page, base_url, "desk")
    page.get_by_role("heading", name="Today:").wait_for()
    screenshot(page, "board")

    surname = f"Walkin{uuid.uuid4().hex[:6]}"
    nav(page, "New booking")
    page.get_by_role("button", name="Find rooms").click()
    page.get_by_role("button", name="Choose Double").click()
    screenshot(page, "booking-guest")
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
    return stay_id, folio_id


def charge_and_pay(page, api: Api, stay_id: str, folio_id: str, screenshot: Callable) -> Decimal:
    """Dinner for two posted and paid: the amount charged."""

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
    screenshot(page, "stay-folio", full_page=True)

    assert page.locator(f"#payment-{folio_id}-amount").input_value() == balance["amount"]
    page.get_by_role("button", name="Take payment").click()
    page.wait_for_function(
        "id => document.querySelector(`[data-testid=folio-balance-${id}]`)?.dataset.amount"
        " === '0.00'",
        arg=folio_id,
    )
    assert amount_on_screen(shown.inner_text()) == 0
    return amount_on_screen(balance["amount"])


def check_out(page, api: Api, stay_id: str, folio_id: str) -> Decimal:
    """Checked out (a day use, paid first): the amount the day use charged."""

    # Leaving on the arrival date is a day use (docs/money.md): check-out charges the first
    # night and waits until that is paid too.
    page.get_by_role("button", name="Check out now").click()
    page.wait_for_function(
        "id => !['0.00', undefined].includes("
        "document.querySelector(`[data-testid=folio-balance-${id}]`)?.dataset.amount)",
        arg=folio_id,
    )
    day_use = api.gql(STAY, {"id": stay_id})["stay"]["folios"][0]["balance"]
    assert amount_on_screen(day_use["amount"]) > 0
    page.locator(f"#payment-{folio_id}-amount").fill(day_use["amount"])
    page.get_by_role("button", name="Take payment").click()
    page.wait_for_function(
        "id => document.querySelector(`[data-testid=folio-balance-${id}]`)?.dataset.amount"
        " === '0.00'",
        arg=folio_id,
    )
    page.get_by_role("button", name="Check out now").click()
    page.get_by_text("Checked out", exact=True).wait_for()
    assert api.gql(STAY, {"id": stay_id})["stay"]["status"] == "CHECKED_OUT"
    return amount_on_screen(day_use["amount"])


def open_the_invoice(page, api: Api, stay_id: str, total: Decimal, screenshot: Callable) -> None:
    """The invoice shows the API's totals, ``total`` gross, and prints."""
    stay = api.gql(STAY, {"id": stay_id})["stay"]
    invoice_id = stay["folios"][0]["invoice"]["id"]
    page.get_by_role("button", name="Invoice").click()
    page.get_by_role("heading", name="Invoice").wait_for()
    invoice = api.gql(INVOICE_TOTALS, {"id": invoice_id})["invoice"]
    for field in ("net", "tax", "gross", "paid"):
        value = invoice[field]
        amount = value["amount"] if isinstance(value, dict) else value
        on_screen = page.get_by_test_id(f"invoice-{field}").inner_text()
        assert amount_on_screen(on_screen) == amount_on_screen(amount), field
    assert amount_on_screen(page.get_by_test_id("invoice-gross").inner_text()) == total
    screenshot(page, "invoice", full_page=True)
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1
