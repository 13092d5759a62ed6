"""A request's batch (graphql/execution/batches.py) fetches the keys asked for in one turn of
the event loop with one call, never fetches a key twice, and hands a failure to everyone
waiting."""

from __future__ import annotations

import asyncio

import pytest

from frontdesk.graphql.execution.batches import Batch


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.calls: list[list[int]] = []
        self.fail = fail

    async def __call__(self, keys: list[int]) -> list[str]:
        self.calls.append(list(keys))
        await asyncio.sleep(0)
        if self.fail:
            raise RuntimeError("the database is gone")
        return [f"row {key}" for key in keys]


async def test_keys_asked_for_in_one_turn_are_fetched_in_one_call():
    fetch = Recorder()
    batch = Batch(fetch)
    await asyncio.gather(batch.load_many([1, 2]), batch.load_many([2, 3]), batch.load_many([]))
    assert fetch.calls == [[1, 2, 3]]
    assert batch.values == {1: "row 1", 2: "row 2", 3: "row 3"}


async def test_a_key_fetched_or_being_fetched_is_not_fetched_again():
    fetch = Recorder()
    batch = Batch(fetch)
    first = asyncio.ensure_future(batch.load_many([1, 2]))
    await asyncio.sleep(0)  # the first batch has started fetching
    await asyncio.gather(first, batch.load_many([2, 3]))
    await batch.load_many([1, 3])
    assert fetch.calls == [[1, 2], [3]]
    assert set(batch.values) == {1, 2, 3}


async def test_values_are_shared_with_the_dictionary_given():
    shared = {7: "known"}
    fetch = Recorder()
    batch = Batch(fetch, shared)
    await batch.load_many([7, 8])
    assert fetch.calls == [[8]]
    assert shared == {7: "known", 8: "row 8"}


async def test_a_failed_fetch_reaches_every_caller_and_can_be_tried_again():
    fetch = Recorder(fail=True)
    batch = Batch(fetch)
    results = await asyncio.gather(
        batch.load_many([1]), batch.load_many([1, 2]), return_exceptions=True
    )
    assert [type(r) for r in results] == [RuntimeError, RuntimeError]
    assert batch.values == {}
    fetch.fail = False
    await batch.load_many([1])
    assert batch.values == {1: "row 1"}
    with pytest.raises(KeyError):
        batch.values[2]
