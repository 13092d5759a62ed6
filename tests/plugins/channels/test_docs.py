"""docs/channels.md stays true: its GraphQL examples run without errors and its example
connector, registered as a plugin, gets its reservation booked as a stay."""

from __future__ import annotations

import re
import types
from pathlib import Path

from frontdesk.core import runtime
from frontdesk.core.stays.tables import InventoryHold, Stay
from frontdesk.plugins.channels import sync

DOCS = Path(__file__).resolve().parents[3] / "docs" / "channels.md"


def blocks(language: str) -> list[str]:
    """The channels plugin's own sections: webhooks, e-mail and documents follow, and their
    examples run with every plugin enabled (tests/test_docs_examples.py)."""
    channels_part = DOCS.read_text().split("\n## Webhooks\n")[0]
    return re.findall(rf"```{language}\n(.*?)```", channels_part, re.S)


async def test_the_graphql_examples_run_without_errors(gql, hotel):
    examples = blocks("graphql")
    assert len(examples) >= 4
    for example in examples:
        data = await gql.execute(example)
        for payload in data.values():
            if isinstance(payload, dict) and "errors" in payload:
                assert payload["errors"] == [], example


async def test_the_example_connector_books_its_reservation_as_a_stay(gql, hotel):
    plugin = types.ModuleType("example_cm")
    exec(compile(blocks("python")[0], str(DOCS), "exec"), plugin.__dict__)  # noqa: S102
    runtime.current().plugin_manager.register(plugin, name="example-cm")
    result = await sync.sync_property(int(hotel.property_id))
    assert result.booked == 1
    [stay] = await Stay.objects().where(Stay.source == "channel")
    assert (stay.room_type, stay.adults) == (int(hotel.room_types["DBL"]), 2)
    assert await InventoryHold.count() == 0
    assert plugin.CONNECTOR.pushed
    assert (await sync.sync_property(int(hotel.property_id))).unchanged == 1
