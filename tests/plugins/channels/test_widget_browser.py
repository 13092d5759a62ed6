"""A guest books through the widget embedded in a hotel's page served from another loopback
origin: Chromium loads the script from the server, searches, chooses and books (CORS and the
Idempotency-Key on the way), and nothing is fetched from any other host."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

SETUP = """
import asyncio, sys
from datetime import date
from frontdesk.core import bootstrap, db
from frontdesk.core.settings import Settings
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.rates.service import set_base_rate, set_city_tax_rule, set_tax_rate
from frontdesk.plugins.channels.service import configure_direct

async def main(url, origin):
    rt = bootstrap.start(Settings(database_url=url, plugins=["channels"], connection_pool=False))
    await db.start_pool(rt.engine)
    prop = await create_property(code="WEB", name="Web Hotel", business_date=date(2026, 11, 23))
    kind = await create_room_type(property_id=prop.id, code="DBL", name="Double room",
                                  max_occupancy=2)
    await create_room(property_id=prop.id, room_type_id=kind.id, number="101")
    await set_base_rate(room_type_id=kind.id, amount="120.00")
    await set_tax_rate(property_id=prop.id, category="room", rate="7", name="VAT 7 %")
    await set_city_tax_rule(property_id=prop.id, kind="per_person_night", amount="2.00",
                            max_nights=7, business_exempt=True)
    await configure_direct(property_id=prop.id, enabled=True, allowed_origins=[origin])
    await db.close_pool(rt.engine)

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""

COUNT = """
import asyncio, sys
from frontdesk.core import bootstrap
from frontdesk.core.settings import Settings
from frontdesk.core.stays.tables import Stay

async def main(url):
    bootstrap.start(Settings(database_url=url, plugins=["channels"], connection_pool=False))
    rows = await Stay.select(Stay.confirmation_code, Stay.source)
    print(";".join(f"{r['confirmation_code']}:{r['source']}" for r in rows))

asyncio.run(main(sys.argv[1]))
"""


def run_python(source: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(source), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "FRONTDESK_PLUGINS"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def hotel_site():
    """The hotel's own website: one page on another loopback origin, embedding the widget."""
    page: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page["html"])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, page
    server.shutdown()
    server.server_close()


def test_a_guest_books_through_the_widget_on_the_hotels_site(live_server, offline_page, hotel_site):
    site, page = hotel_site
    origin = f"http://127.0.0.1:{site.server_address[1]}"
    server = live_server(plugins="channels")
    run_python(SETUP, server.database_url, origin)
    page["html"] = (
        "<!doctype html><html><head><title>Web Hotel</title></head><body>"
        "<h1>Book your stay</h1><div id='frontdesk-booking'></div>"
        f"<script src='{server.base_url}/plugins/channels/widget.js' data-property='WEB' "
        "defer></script></body></html>"
    ).encode()
    browser = offline_page
    browser.goto(origin)
    browser.fill("input[name=arrival]", "2026-12-04")
    browser.fill("input[name=departure]", "2026-12-06")
    browser.fill("input[name=adults]", "2")
    browser.click(".fd-search button[type=submit]")
    offer = browser.wait_for_selector(".fd-offer[data-room-type=DBL]")
    # the desk's quote for these nights: 240.00 with VAT inside, 2 x 2 x 2.00 city tax on top
    assert browser.inner_text(".fd-offer .fd-total") == "248.00 EUR"
    taxes = [t.inner_text() for t in offer.query_selector_all(".fd-tax")]
    assert taxes == ["incl. VAT 7 %: 15.70 EUR", "plus City tax: 8.00 EUR"]
    browser.click(".fd-choose")
    browser.fill("input[name=firstName]", "Ada")
    browser.fill("input[name=lastName]", "Lovelace")
    browser.fill("input[name=email]", "ada@example.org")
    browser.click(".fd-guest button[type=submit]")
    browser.wait_for_function(
        "document.querySelector('.fd-status').textContent.indexOf('Booking') !== 0"
    )
    assert browser.get_attribute("#frontdesk-booking", "data-confirmation"), browser.inner_text(
        ".fd-status"
    )
    code = browser.get_attribute("#frontdesk-booking", "data-confirmation")
    assert code in browser.inner_text(".fd-status")
    assert run_python(COUNT, server.database_url) == f"{code}:web"
    assert browser.offline_log.refused == []
