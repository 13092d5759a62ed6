"""The browser kit itself: a real server on loopback, seen by Debian's Chromium offline."""

from __future__ import annotations


def test_chromium_reaches_a_live_server_and_nothing_else(live_server, offline_page):
    server = live_server()
    offline_page.goto(f"{server.base_url}/health")
    assert '"status"' in offline_page.content()
    offline_page.evaluate("fetch('http://example.invalid/x').catch(() => null)")
    offline_page.wait_for_timeout(200)
    assert offline_page.offline_log.refused == ["http://example.invalid/x"]
