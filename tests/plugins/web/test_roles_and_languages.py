"""What a user sees depends on who they are: a concierge sees no folio and no date of birth,
a user of one hotel never sees another, and every screen speaks the user's language with no
English left in German or Vietnamese."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from support.web_desk import Api, book_arrival, nav, shoot, sign_in

PLUGINS = Path(__file__).resolve().parents[3] / "plugins"
# The front desk's catalogues and those of every panel a plugin ships.
CATALOGUES = [PLUGINS / "web" / "static" / "i18n", *sorted(PLUGINS.glob("*/web/i18n"))]
LANGUAGES = ("de", "es", "vi")


def catalogue(lang: str, folders: list[Path] = CATALOGUES) -> dict[str, str]:
    merged: dict[str, str] = {}
    for folder in folders:
        merged.update(json.loads((folder / f"{lang}.json").read_text()))
    return merged


@pytest.fixture(scope="module")
def guest_with_birthday(demo_server) -> dict:
    admin = Api(demo_server.base_url, "admin")
    today = admin.gql('{ property(id: "1") { businessDate } }')["property"]["businessDate"]
    return book_arrival(
        admin,
        "1",
        today,
        _next_day(today),
        firstName="Bea",
        lastName="Birthday",
        dateOfBirth="1980-02-29",
    )


def _next_day(iso: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def open_stay(page, code: str, name: str) -> None:
    page.get_by_role("searchbox").fill(code)
    page.get_by_role("button", name=f"Open the stay of {name}").click()
    page.locator("#stay-title", has_text=name).wait_for()


def test_a_desk_clerk_sees_the_folio_and_the_date_of_birth(demo_server, page, guest_with_birthday):
    sign_in(page, demo_server.base_url, "desk")
    open_stay(page, guest_with_birthday["confirmationCode"], "Bea Birthday")
    assert page.get_by_text("Date of birth").count() == 1
    assert page.locator("[data-folio]").count() >= 1


def test_a_concierge_sees_no_folio_and_no_date_of_birth(demo_server, page, guest_with_birthday):
    sign_in(page, demo_server.base_url, "concierge")
    page.get_by_role("heading", name="Today:").wait_for()
    assert page.get_by_role("columnheader", name="Balance").count() == 0
    open_stay(page, guest_with_birthday["confirmationCode"], "Bea Birthday")
    text = page.locator("main").inner_text()
    assert "Date of birth" not in text and "1980" not in text and "29 Feb" not in text
    assert page.locator("[data-folio]").count() == 0
    assert "Folio" not in text and "Balance" not in text
    assert page.get_by_role("button", name="Check in now").count() == 0
    shoot(page, "concierge-stay")


def test_a_user_of_one_hotel_never_sees_the_other(demo_server, page, admin_api):
    created = admin_api.gql(
        "mutation($i: CreateUserInput!) { createUser(input: $i) { errors { message } } }",
        {
            "i": {
                "username": "berlin-desk",
                "displayName": "Berlin Desk",
                "password": "berlin-password-1",
                "roles": ["front_desk"],
                "propertyIds": ["1"],
            }
        },
    )["createUser"]
    assert created["errors"] == []
    lisbon_guests = admin_api.gql(
        '{ stays(propertyId: "2", first: 250) { nodes { primaryGuest { fullName } } } }'
    )["stays"]["nodes"]
    sign_in(page, demo_server.base_url, "berlin-desk", "berlin-password-1")
    page.get_by_role("heading", name="Today:").wait_for()
    options = page.get_by_label("Hotel").locator("option").all_inner_texts()
    assert options == ["Hotel Spreeblick"]
    for screen in ("Today", "Room calendar", "Housekeeping"):
        nav(page, screen)
        page.locator("main h1").wait_for()
        page.wait_for_load_state("networkidle")
        assert "Casa do Rio" not in page.content()
    nav(page, "Room calendar")
    page.locator("table.calendar").wait_for()
    calendar_names = page.locator("main").inner_text()
    lisbon_only = {g["primaryGuest"]["fullName"] for g in lisbon_guests}
    berlin = admin_api.gql(
        '{ stays(propertyId: "1", first: 250) { nodes { primaryGuest { fullName } } } }'
    )["stays"]["nodes"]
    lisbon_only -= {g["primaryGuest"]["fullName"] for g in berlin}
    assert lisbon_only and not any(name in calendar_names for name in lisbon_only)


@pytest.mark.parametrize("folder", CATALOGUES, ids=lambda f: f.parts[-3])
def test_every_message_exists_in_every_language(folder):
    english = catalogue("en", [folder])
    for lang in LANGUAGES:
        other = catalogue(lang, [folder])
        assert sorted(other) == sorted(english), lang
        for key, text in other.items():
            assert text.strip() and not re.search(r"TODO|FIXME|XXX|\?\?\?", text), (lang, key)
            params = set(re.findall(r"\{(\w+)\}", english[key]))
            assert set(re.findall(r"\{(\w+)\}", text)) == params, (lang, key)


def english_only(lang: str) -> set[str]:
    """English messages without parameters that the language translates differently."""
    english, other = catalogue("en"), catalogue(lang)
    return {text for key, text in english.items() if "{" not in text and other[key] != text} - set(
        other.values()
    )


def texts_on_screen(page) -> set[str]:
    return set(
        page.evaluate(
            """() => {
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        // the hotel's own data (account and shift names) is marked translate="no"
        // (preact sets the boolean property: translate=${false} in the panels)
        const data = (node) => node.parentElement && node.parentElement.closest('[translate="no"]');
        while (walker.nextNode()) {
          if (!data(walker.currentNode)) out.push(walker.currentNode.textContent.trim());
        }
        document.querySelectorAll('[aria-label],[placeholder],[title]').forEach((el) => {
          if (el.closest('[translate="no"]')) return;
          ['aria-label', 'placeholder', 'title'].forEach(
            (a) => el.hasAttribute(a) && out.push(el.getAttribute(a)));
        });
        return out.filter(Boolean);
    }"""
        )
    )


UNNAMED_CONTROLS = """() => [
  ...document.querySelectorAll('button, input, select, textarea, a[href]')]
  .filter((el) => !((el.getAttribute('aria-label') || '').trim()
    || (el.labels && [...el.labels].some((label) => label.textContent.trim()))
    || (el.tagName === 'BUTTON' && el.textContent.trim()) || el.title))
  .map((el) => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("lang", ["de", "vi"])
def test_every_screen_speaks_the_chosen_language(demo_server, page, lang, guest_with_birthday):
    sign_in(page, demo_server.base_url, "admin")
    page.get_by_label("Language").select_option(lang)
    catalogue_of = catalogue(lang)
    page.get_by_role("heading", name=catalogue_of["nav.board"]).first.wait_for()
    leftovers = english_only(lang)
    seen: dict[str, set[str]] = {}
    unnamed: dict[str, list[str]] = {}
    failures: dict[str, list[str]] = {}

    def look(name: str) -> None:
        page.wait_for_load_state("networkidle")
        seen[name] = texts_on_screen(page) & leftovers
        unnamed[name] = page.evaluate(UNNAMED_CONTROLS)
        failures[name] = page.locator("main .errors").all_inner_texts()
        shoot(page, f"{name}-{lang}")

    look("board")
    for screen in ("calendar", "booking", "housekeeping", "audit"):
        nav(page, catalogue_of[f"nav.{screen}"])
        page.locator("main h1").wait_for()
        if screen == "booking":
            page.get_by_role("button", name=catalogue_of["booking.searchButton"]).click()
            page.locator("main table").wait_for()
        look(screen)
    for panel in ("concierge", "hr_shifts", "accounting_bridge"):
        title = catalogue_of[f"{panel}.panel.title"]
        page.get_by_role("navigation").get_by_role("button", name=title).click()
        page.get_by_role("heading", name=title).wait_for()
        look(f"panel-{panel}")
    nav(page, catalogue_of["nav.board"])
    page.get_by_role("searchbox").fill(guest_with_birthday["confirmationCode"])
    page.locator("tr[data-stay] button.link").first.click()
    page.locator("[data-folio]").first.wait_for()
    look("stay")
    assert {name: texts for name, texts in seen.items() if texts} == {}
    assert {name: found for name, found in unnamed.items() if found} == {}
    assert {name: found for name, found in failures.items() if found} == {}


def test_the_language_is_chosen_per_user(demo_server, page):
    sign_in(page, demo_server.base_url, "desk")
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Cerrar sesión").click()
    sign_in(page, demo_server.base_url, "concierge")
    page.get_by_role("button", name="Sign out").wait_for()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, demo_server.base_url, "desk")
    page.get_by_role("button", name="Cerrar sesión").wait_for()
    assert page.evaluate("document.documentElement.lang") == "es"


def test_with_every_plugin_the_roster_and_accounting_panels_open(demo_server, page):
    sign_in(page, demo_server.base_url, "admin")
    navigation = page.get_by_role("navigation")
    for title, shot in (("Roster of the week", "panel-roster"), ("Accounting", "panel-accounting")):
        navigation.get_by_role("button", name=title).click()
        page.get_by_role("heading", name=title).wait_for()
        page.wait_for_load_state("networkidle")
        assert page.locator("main .errors").count() == 0
        shoot(page, shot)


def test_panels_are_listed_by_the_callers_permissions(demo_server):
    def panels(username: str | None) -> list[str]:
        headers = {}
        if username:
            headers["authorization"] = f"Bearer {Api(demo_server.base_url, username).token}"
        answer = httpx.get(f"{demo_server.base_url}/plugins/web/panels.json", headers=headers)
        return [panel["id"] for panel in answer.json()]

    assert panels(None) == []
    assert panels("desk") == ["concierge", "hr_shifts"]
    assert panels("admin") == ["accounting_bridge", "concierge", "hr_shifts"]
