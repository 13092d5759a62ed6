"""A block of writes as one transaction (``one_transaction``, what every GraphQL mutation runs
in): a refused change undoes only itself, the first change of the block runs without a
savepoint (two round trips fewer per mutation on PostgreSQL), later ones with their own, and
a unique-key race in the first change is retried in a fresh transaction."""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.core import db
from frontdesk.core.errors import InvalidInput
from frontdesk.core.properties.tables import Property
from frontdesk.core.transactions import one_transaction, run_write

DAY = date(2026, 11, 23)


@pytest.fixture
def savepoints(monkeypatch):
    """How many savepoints the changes asked for."""
    taken: list[int] = []
    original = db.savepoint

    async def counted():
        taken.append(1)
        return await original()

    monkeypatch.setattr(db, "savepoint", counted)
    return taken


def _add(code: str, *, then_refuse: bool = False):
    async def change() -> Property:
        row = Property(code=code, name=f"Hotel {code}", business_date=DAY)
        await row.save()
        if then_refuse:
            raise InvalidInput("refused after writing", field="code")
        return row

    return change


async def _codes() -> list[str]:
    return sorted(r["code"] for r in await Property.select(Property.code))


async def test_the_first_change_of_a_block_needs_no_savepoint(runtime, savepoints):
    async with one_transaction():
        await run_write(_add("AAA"), conflict_message="retry")
        await run_write(_add("BBB"), conflict_message="retry")
    assert await _codes() == ["AAA", "BBB"]
    assert len(savepoints) == 1  # the second change's


async def test_a_refused_first_change_leaves_nothing_and_the_block_writes_on(runtime, savepoints):
    async with one_transaction():
        with pytest.raises(InvalidInput):
            await run_write(_add("AAA", then_refuse=True), conflict_message="retry")
        assert not db.current_unit()  # its transaction was rolled back whole
        await run_write(_add("BBB"), conflict_message="retry")  # opens a new one
        with pytest.raises(InvalidInput):
            await run_write(_add("CCC", then_refuse=True), conflict_message="retry")
    assert await _codes() == ["BBB"]
    assert len(savepoints) == 1  # CCC's, rolled back to


async def test_a_block_that_fails_after_its_first_change_commits_nothing(runtime):
    with pytest.raises(RuntimeError):
        async with one_transaction():
            await run_write(_add("AAA"), conflict_message="retry")
            raise RuntimeError("the mutation failed later")
    assert await _codes() == []


async def test_a_unique_race_in_the_first_change_is_retried_in_a_new_transaction(runtime):
    await run_write(_add("AAA"), conflict_message="retry")
    attempts = []

    async def change() -> Property:
        attempts.append(1)
        # the first attempt loses the race for the code, the second picks another
        return await _add("AAA" if len(attempts) == 1 else "BBB")()

    async with one_transaction():
        await run_write(change, conflict_message="retry")
    assert len(attempts) == 2
    assert await _codes() == ["AAA", "BBB"]
