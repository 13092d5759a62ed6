"""docs/api.md's examples run: each GraphQL block is executed against a small hotel (whose
property, room type and stay have id 1) and must answer without GraphQL errors."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from support.hotel import book, build_hotel

DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"
BLOCK = re.compile(r"```graphql\n(.*?)```", re.DOTALL)


def test_the_api_guide_has_examples():
    assert len(BLOCK.findall(DOC.read_text())) >= 5


async def test_every_example_of_the_api_guide_runs(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    assert (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"] == "1"
    for example in BLOCK.findall(DOC.read_text()):
        data = await gql.execute(example)
        assert data and list(_user_errors(data)) == [], example


def _user_errors(value):
    """Every non-empty ``errors`` list in an answer (UserErrors of payloads and lists)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "errors" and item:
                yield item
            else:
                yield from _user_errors(item)
    elif isinstance(value, list):
        for item in value:
            yield from _user_errors(item)
