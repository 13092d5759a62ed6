"""Webhook URLs may not point at this machine, link-local addresses (the cloud metadata
service) or private networks unless the operator allows it; the check is repeated before
every delivery, so a URL stored while it was allowed is not delivered to once it is not."""

from __future__ import annotations

import pytest
from support.hotel import build_hotel

from frontdesk.core.settings import Settings
from frontdesk.plugins.accounting_bridge.webhook_targets import check_target

FORBIDDEN = [
    "http://127.0.0.1:5432/",
    "http://localhost:8000/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.1.2.3/hook",
    "http://192.168.0.10/hook",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0/hook",
]


@pytest.fixture
def settings(database_url, enabled_plugins) -> Settings:
    """Production-like: private targets are not allowed."""
    return Settings(
        database_url=database_url,
        plugins=enabled_plugins,
        dev_mode=True,
        connection_pool=False,
        extra={"accounting_bridge.poll_seconds": 3600.0},
    )


async def test_webhook_urls_on_private_addresses_are_refused(gql):
    hotel = await build_hotel(gql, code="WH", doubles=1, suites=0, guests=0)
    refused = {}
    for url in FORBIDDEN:
        payload = await gql.mutate(
            "accountingConfigureConnector",
            {
                "propertyId": hotel.property_id,
                "connector": "webhook",
                "url": url,
                "deliver": "ENTRY",
            },
            "secret",
        )
        refused[url] = [(e["code"], e["field"]) for e in payload["errors"]]
    assert refused == {url: [("FORBIDDEN_TARGET", "url")] for url in FORBIDDEN}


async def test_a_public_webhook_url_is_accepted():
    await check_target("https://93.184.216.34/hook", allow_private=False)


async def test_private_targets_are_accepted_when_the_setting_allows_them():
    for url in FORBIDDEN:
        await check_target(url, allow_private=True)
