"""Helpers for the web front desk's browser tests: the API beside the page, signing in,
reading money off the screen, and screenshots for docs/web.md."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import httpx

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_PASSWORD = "frontdesk-demo"


class Api:
    """The public GraphQL API as one user sees it."""

    def __init__(self, base_url: str, username: str, password: str = DEMO_PASSWORD):
        self.base_url = base_url
        data = self.gql(
            "mutation($i: LoginInput!) { login(input: $i) { session { accessToken } } }",
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
