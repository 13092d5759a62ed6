"""The plugins' panels as workflows, with every plugin enabled: the accounting panel's export
downloaded as the API renders it; a draft roster published, a swap asked by a desk clerk and
approved by a planner; the concierge's recommendations search, a service booking and an
event's guest list, with the API's refusals beside their fields."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from support.web_desk import Api, shoot, sign_in

PROPERTY = "1"
EXPORT = """query($p: ID!, $s: Date, $e: Date) { accountingExport(propertyId: $p, format: CSV,
  start: $s, end: $e) { filename text } }"""


def business_date(api: Api) -> str:
    return api.gql("query($p: ID!) { property(id: $p) { businessDate } }", {"p": PROPERTY})[
        "property"
    ]["businessDate"]


def open_panel(page, title: str) -> None:
    page.get_by_role("navigation").get_by_role("button", name=title).click()
    page.get_by_role("heading", name=title, exact=True).wait_for()


def test_an_accounting_export_downloads_the_file_the_api_renders(demo_server, page, tmp_path):
    api = Api(demo_server.base_url, "admin")
    today = business_date(api)
    sign_in(page, demo_server.base_url, "admin")
    open_panel(page, "Accounting")

    exports = page.get_by_role("form", name="Exports")
    exports.get_by_label("Format").select_option("CSV")
    exports.get_by_label("From").fill(f"{today[:8]}01")
    exports.get_by_label("To").fill(today)
    exports.get_by_role("button", name="Prepare the file").click()
    with page.expect_download() as download:
        exports.get_by_role("link", name="Download").click()
    saved = tmp_path / "export.csv"
    download.value.save_as(saved)
    expected = api.gql(EXPORT, {"p": PROPERTY, "s": f"{today[:8]}01", "e": today})[
        "accountingExport"
    ]
    assert download.value.suggested_filename == expected["filename"]
    assert saved.read_bytes().decode() == expected["text"] and expected["text"].count("\n") > 1
    shoot(page, "panel-accounting-export", full_page=True)

    exports.get_by_label("From").fill(today)
    exports.get_by_label("To").fill(f"{today[:8]}01" if today[8:] != "01" else "2000-01-01")
    exports.get_by_role("button", name="Prepare the file").click()
    exports.get_by_role("alert").get_by_text("the start must not be after the end").wait_for()
