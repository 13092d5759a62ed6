"""Settling at check-out in the browser: a balance moved to the demo's company on the city
ledger (the ledger grows by exactly the folio's balance), and a bill split into a second
folio that takes the charges of the chosen categories."""

from __future__ import annotations

from datetime import date, timedelta

from support.web_desk import Api, amount_on_screen, book_arrival, shoot, sign_in

PROPERTY = "1"
STAY = """query($id: ID!) { stay(id: $id) { status
  folios { id number name status balance { amount } cityLedgerAccount { code } } } }"""
LEDGER = "query($id: ID!) { cityLedgerAccount(id: $id) { balance { amount } } }"


def in_house_stay(api: Api, surname: str) -> dict:
    """A guest checked in today, with a minibar charge on the bill."""
    today = api.gql("query($p: ID!) { property(id: $p) { businessDate } }", {"p": PROPERTY})[
        "property"
    ]["businessDate"]
    leaving = (date.fromisoformat(today) + timedelta(days=2)).isoformat()
    stay = book_arrival(api, PROPERTY, today, leaving, firstName="Settle", lastName=surname)
    checked_in = api.gql(
        "mutation($i: CheckInInput!) { checkIn(input: $i) { errors { message } } }",
        {"i": {"stayId": stay["id"]}},
    )["checkIn"]
    assert checked_in["errors"] == []
    posted = api.gql(
        "mutation($i: PostChargeInput!) { postCharge(input: $i) { errors { message } } }",
        {
            "i": {
                "stayId": stay["id"],
                "category": "MINIBAR",
                "description": "Minibar",
                "unitPrice": "23.45",
            }
        },
    )["postCharge"]
    assert posted["errors"] == []
    return stay


def open_stay(page, code: str) -> None:
    page.get_by_role("searchbox").fill(code)
    page.locator("tr[data-stay] button.link").first.click()
    page.locator("[data-folio]").first.wait_for()


def acme(api: Api) -> str:
    accounts = api.gql(
        "query($p: ID!) { cityLedgerAccounts(propertyId: $p) { nodes { id code } } }",
        {"p": PROPERTY},
    )["cityLedgerAccounts"]["nodes"]
    return next(account["id"] for account in accounts if account["code"] == "ACME")


def test_a_balance_moved_to_the_city_ledger_lets_the_guest_check_out(any_demo_server, page):
    api = Api(any_demo_server.base_url, "admin")
    stay = in_house_stay(api, "Ledger")
    account = acme(api)
    sign_in(page, any_demo_server.base_url, "admin")
    open_stay(page, stay["confirmationCode"])

    folio = api.gql(STAY, {"id": stay["id"]})["stay"]["folios"][0]
    minibar = folio["balance"]["amount"]
    # leaving on the arrival date charges the night first (a day use): check-out is refused
    page.get_by_role("button", name="Check out now").click()
    page.wait_for_function(
        "([id, amount]) => !['0.00', amount, undefined].includes("
        "document.querySelector(`[data-testid=folio-balance-${id}]`)?.dataset.amount)",
        arg=[folio["id"], minibar],
    )
    folio = api.gql(STAY, {"id": stay["id"]})["stay"]["folios"][0]
    owed = folio["balance"]["amount"]
    page.wait_for_function(
        "([id, amount]) => document.querySelector(`[data-testid=folio-balance-${id}]`)"
        "?.dataset.amount === amount",
        arg=[folio["id"], owed],
    )
    assert amount_on_screen(owed) > amount_on_screen("23.45")
    before = api.gql(LEDGER, {"id": account})["cityLedgerAccount"]["balance"]["amount"]

    page.locator(f"#transfer-{folio['id']}-account").select_option(account)
    shoot(page, "stay-transfer", full_page=True)
    page.get_by_role("button", name="Transfer the balance").click()
    page.get_by_text("Transferred", exact=True).wait_for()
    after = api.gql(LEDGER, {"id": account})["cityLedgerAccount"]["balance"]["amount"]
    assert amount_on_screen(after) - amount_on_screen(before) == amount_on_screen(owed)
    moved = api.gql(STAY, {"id": stay["id"]})["stay"]["folios"][0]
    assert moved["status"] == "TRANSFERRED" and moved["cityLedgerAccount"]["code"] == "ACME"
    assert amount_on_screen(moved["balance"]["amount"]) == 0

    page.get_by_role("button", name="Check out now").click()
    page.get_by_text("Checked out", exact=True).wait_for()
    assert api.gql(STAY, {"id": stay["id"]})["stay"]["status"] == "CHECKED_OUT"


def test_a_bill_is_split_into_a_second_folio_for_chosen_charges(any_demo_server, page):
    api = Api(any_demo_server.base_url, "admin")
    stay = in_house_stay(api, "Split")
    sign_in(page, any_demo_server.base_url, "admin")
    open_stay(page, stay["confirmationCode"])

    split = page.get_by_role("form", name="Split the bill")
    split.get_by_role("button", name="Open the folio").click()
    # the API's error names the field: it is shown beside the name
    split.locator("[data-field=name]").wait_for()

    split.get_by_label("Name of the new folio").fill("Company")
    split.get_by_label("Food and beverage").check()
    split.get_by_role("button", name="Open the folio").click()
    page.get_by_role("heading", name="Folio 2: Company").wait_for()
    folios = api.gql(STAY, {"id": stay["id"]})["stay"]["folios"]
    assert [(f["number"], f["name"]) for f in folios][1] == (2, "Company")

    posted = api.gql(
        "mutation($i: PostChargeInput!) { postCharge(input: $i) {"
        " entry { id } errors { message } } }",
        {
            "i": {
                "stayId": stay["id"],
                "category": "FOOD_BEVERAGE",
                "description": "Dinner",
                "unitPrice": "40.00",
            }
        },
    )["postCharge"]
    assert posted["errors"] == []
    company = api.gql(
        "query($id: ID!) { folio(id: $id) { entries { id } } }", {"id": folios[1]["id"]}
    )["folio"]
    assert [entry["id"] for entry in company["entries"]] == [posted["entry"]["id"]]


def test_a_transfer_above_the_credit_limit_is_refused_beside_the_account(any_demo_server, page):
    api = Api(any_demo_server.base_url, "admin")
    stay = in_house_stay(api, "Limit")
    code = f"TINY{stay['id']}"
    made = api.gql(
        "mutation($i: CreateCityLedgerAccountInput!) { createCityLedgerAccount(input: $i) {"
        " account { id } errors { message } } }",
        {"i": {"propertyId": PROPERTY, "code": code, "name": "Tiny Ltd", "creditLimit": "10.00"}},
    )["createCityLedgerAccount"]
    assert made["errors"] == [], made
    sign_in(page, any_demo_server.base_url, "admin")
    open_stay(page, stay["confirmationCode"])
    folio = api.gql(STAY, {"id": stay["id"]})["stay"]["folios"][0]

    page.locator(f"#transfer-{folio['id']}-account").select_option(made["account"]["id"])
    page.get_by_role("button", name="Transfer the balance").click()
    error = page.locator(f"#transfer-{folio['id']}-account-error")
    error.wait_for()
    assert "credit limit" in error.inner_text() and error.get_attribute("data-field") == "accountId"
    assert api.gql(STAY, {"id": stay["id"]})["stay"]["folios"][0]["status"] == "OPEN"


ROUTED = (
    "query($id: ID!) { stay(id: $id) { folios { name status routedCategories entries { id } } } }"
)


def open_folio(api: Api, stay_id: str, name: str, categories: list[str]) -> str:
    made = api.gql(
        "mutation($i: OpenFolioInput!) { openFolio(input: $i) {"
        " folio { id } errors { message } } }",
        {"i": {"stayId": stay_id, "name": name, "categories": categories}},
    )["openFolio"]
    assert made["errors"] == [], made
    return made["folio"]["id"]


def test_the_routing_rules_are_shown_and_changed_and_a_refusal_is_shown_beside_its_category(
    any_demo_server, page
):
    api = Api(any_demo_server.base_url, "admin")
    stay = in_house_stay(api, "Routing")
    company = open_folio(api, stay["id"], "Company", ["ROOM"])
    spare = open_folio(api, stay["id"], "Spare", [])
    sign_in(page, any_demo_server.base_url, "admin")
    open_stay(page, stay["confirmationCode"])

    routing = page.get_by_role("form", name="Routing")
    # the rule the API holds is shown; a category without one goes to the guest folio
    assert routing.get_by_label("Room").input_value() == company
    assert routing.get_by_label("Spa").input_value() != company
    routing.get_by_label("Spa").select_option(company)
    routing.get_by_role("button", name="Save the routing").click()
    routing.get_by_role("status").get_by_text("The routing is saved.").wait_for()
    assert routing.get_by_label("Spa").input_value() == company
    folios = {f["name"]: f for f in api.gql(ROUTED, {"id": stay["id"]})["stay"]["folios"]}
    assert folios["Company"]["routedCategories"] == ["ROOM", "SPA"]
    spa = api.gql(
        "mutation($i: PostChargeInput!) { postCharge(input: $i) {"
        " entry { id } errors { message } } }",
        {
            "i": {
                "stayId": stay["id"],
                "category": "SPA",
                "description": "Massage",
                "unitPrice": "60.00",
            }
        },
    )["postCharge"]
    folios = {f["name"]: f for f in api.gql(ROUTED, {"id": stay["id"]})["stay"]["folios"]}
    assert [entry["id"] for entry in folios["Company"]["entries"]] == [spa["entry"]["id"]]

    # another clerk settles the spare folio while this page still offers it
    settled = api.gql(
        "mutation($i: SettleFolioInput!) { settleFolio(input: $i) { errors { message } } }",
        {"i": {"folioId": spare}},
    )["settleFolio"]
    assert settled["errors"] == []
    routing.get_by_label("Minibar").select_option(spare)
    routing.get_by_role("button", name="Save the routing").click()
    error = routing.locator("[id$=-MINIBAR-error]")
    error.wait_for()
    assert "settled" in error.inner_text() and error.get_attribute("data-field") == "folioId"
    shoot(page, "folio-routing", full_page=True)
    folios = {f["name"]: f for f in api.gql(ROUTED, {"id": stay["id"]})["stay"]["folios"]}
    assert "MINIBAR" not in folios["Spare"]["routedCategories"]
