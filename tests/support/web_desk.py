"""Helpers for the web front desk's browser tests: the API beside the page, signing in,
reading money off the screen, screenshots for docs/web.md, and the check that the desk sent
every GraphQL document by its id (so each is registered: a server accepting trusted
documents only answers it)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import httpx
from support.browser import OfflineLog, offline_context

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
DESK_MANIFEST = ROOT / "plugins" / "web" / "documents.json"
DEMO_PASSWORD = "frontdesk-demo"
LOGIN = "mutation($i: LoginInput!) { login(input: $i) { session { accessToken } } }"


class Api:
    """The public GraphQL API as one user sees it."""

    def __init__(self, base_url: str, username: str, password: str = DEMO_PASSWORD):
        self.base_url = base_url
        data = self.gql(
            LOGIN,
            {"i": {"username": username, "password": password}},
            token=None,
        )
        self.token = data["login"]["session"]["accessToken"]

    def gql(self, query: str, variables: dict | None = None, token: str | None = "") -> dict:
        token = self.token if token == "" else token
        headers = {"authorization": f"Bearer {token}"} if token else {}
        response = httpx.post(
            f"{self.base_url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
            timeout=30,
        )
        body = response.json()
        assert not body.get("errors"), body
        return body["data"]


def document_id(name: str, manifest: Path = DESK_MANIFEST) -> str:
    """The sha256 id of a registered document, by its name in a committed manifest."""
    operations = json.loads(manifest.read_text(encoding="utf-8"))["operations"]
    return next(o["id"] for o in operations if o["name"] == name)


def assert_desk_stayed_trusted(log: OfflineLog) -> None:
    """The desk's pages reached no other host and sent no GraphQL document as text: each
    went by ``documentId``, so it is declared in a documents module and registered."""
    assert log.refused == [], log.refused
    assert not log.graphql_texts, (
        "the desk sent GraphQL documents as text, not by documentId: declare each in its "
        "documents module (static/documents*.js, a panel's web/documents.js) and regenerate "
        "the manifest (docs/web.md):\n\n" + "\n----\n".join(log.graphql_texts)
    )


@contextmanager
def desk_context(chromium, **options) -> Iterator:
    """A second browser context for the desk (another clerk, a tablet), checked as the
    ``page`` fixture's is when it closes."""
    context, log = offline_context(chromium, **options)
    try:
        yield context
    finally:
        context.close()
    assert_desk_stayed_trusted(log)


def sign_in(page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/")
    page.locator("#login-username").fill(username)
    page.locator("#login-password").fill(password)
    page.locator("form button[type=submit]").click()
    page.locator("header.top").wait_for()


def nav(page, name: str) -> None:
    page.get_by_role("navigation").get_by_role("button", name=name, exact=True).click()


def amount_on_screen(text: str) -> Decimal:
    """An en-GB money text ("€1,234.56", "-€5.00") as a Decimal."""
    negative = "-" in text or "\u2212" in text
    digits = re.sub(r"[^0-9.]", "", text)
    value = Decimal(digits)
    return -value if negative else value


def shoot(page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def tab_to(page, condition: str, presses: int = 80) -> None:
    """Press Tab until ``condition`` (JS over ``el``, the focused element) holds."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!({condition}); }})()"
        ):
            return
    raise AssertionError(f"Tab never reached: {condition}")


def book_arrival(api: Api, property_id: str, arrival: str, departure: str, **guest) -> dict:
    """A stay arriving on ``arrival`` for a new guest, booked through the API."""
    made = api.gql(
        "mutation($i: CreateGuestInput!) { createGuest(input: $i) {"
        " guest { id } errors { message } } }",
        {"i": {"propertyId": property_id, **guest}},
    )["createGuest"]
    types = api.gql(
        "query($p: ID!) { availability(propertyId: $p, arrival: $a, departure: $d) {"
        " roomTypes { roomType { id } freeCount } } }".replace(
            "$p: ID!", "$p: ID!, $a: Date!, $d: Date!"
        ),
        {"p": property_id, "a": arrival, "d": departure},
    )["availability"]["roomTypes"]
    room_type = next(t["roomType"]["id"] for t in types if t["freeCount"] > 1)
    booked = api.gql(
        "mutation($i: BookStayInput!) { bookStay(input: $i) {"
        " stay { id confirmationCode } errors { message } } }",
        {
            "i": {
                "propertyId": property_id,
                "roomTypeId": room_type,
                "guestId": made["guest"]["id"],
                "arrival": arrival,
                "departure": departure,
            }
        },
    )["bookStay"]
    assert booked["errors"] == [], booked
    return booked["stay"]
