"""Turning a plugin on and off per property (issue #23), at the level of core's services:
event hooks filtered by the state, the catch-up hook run once and resumable, the state read
by every process within a second, and tables of uninstalled plugins reported plainly."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest
from piccolo.apps.migrations.tables import Migration

from frontdesk.core import db
from frontdesk.core.errors import InvalidInput, NotFound
from frontdesk.core.guests.service import create_guest
from frontdesk.core.plugin_state import lifecycle, report, state
from frontdesk.core.plugin_state.tables import PluginState
from frontdesk.core.plugins import hookimpl
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.stays import service as stays

DAY = date(2026, 11, 23)


class Recorder:
    """Records every event it hears of, in the transaction and after commit, and every
    catch-up it is asked for; its catch-up can fail a number of times first."""

    def __init__(self, failures: int = 0) -> None:
        self.booked: list[int] = []
        self.committed: list[tuple[str, int | None]] = []
        self.catch_ups: list[dict] = []
        self.failures = failures

    @hookimpl
    def frontdesk_stay_booked(self, stay):
        self.booked.append(stay.property)

    @hookimpl
    def frontdesk_event_committed(self, event):
        self.committed.append((event.name, event.property_id))

    @hookimpl
    def frontdesk_plugin_enabled(self, property, disabled_since, history_from, actor):
        async def catch_up() -> str:
            self.catch_ups.append(
                {
                    "property": property.code,
                    "disabled_since": disabled_since,
                    "history_from": history_from,
                    "actor": actor,
                }
            )
            if self.failures:
                self.failures -= 1
                raise RuntimeError("the ledger was busy")
            return f"caught up {property.code}"

        return catch_up()


class Bystander:
    """Another plugin: it must never be asked to catch up for the recorder."""

    def __init__(self) -> None:
        self.catch_ups = 0

    @hookimpl
    def frontdesk_plugin_enabled(self, property):
        self.catch_ups += 1
        return "bystander"


def _register(runtime, plugin, name: str) -> None:
    runtime.plugin_manager.register(plugin, name=name)
    runtime.enabled_plugins = sorted([*runtime.enabled_plugins, name])


async def _hotel(code: str):
    prop = await create_property(code=code, name=f"Hotel {code}", business_date=DAY)
    room_type = await create_room_type(
        property_id=prop.id, code="DBL", name="Double", max_occupancy=2
    )
    await create_room(property_id=prop.id, room_type_id=room_type.id, number="101")
    guest, _ = await create_guest(property_id=prop.id, first_name="Ada", last_name=code)
    return prop, room_type, guest


async def _book(hotel):
    prop, room_type, guest = hotel
    return await stays.book_stay(
        property_id=prop.id,
        room_type_id=room_type.id,
        arrival=DAY,
        departure=DAY + timedelta(days=1),
        guest_id=guest.id,
        actor="tester",
    )


@pytest.fixture
async def group(runtime):
    recorder, bystander = Recorder(), Bystander()
    _register(runtime, recorder, "recorder")
    _register(runtime, bystander, "bystander")
    return recorder, bystander, await _hotel("LIS"), await _hotel("BER")


async def test_without_any_choice_every_plugin_hears_every_property(group):
    recorder, _bystander, lisbon, berlin = group
    await _book(lisbon)
    await _book(berlin)
    assert recorder.booked == [lisbon[0].id, berlin[0].id]
    assert await PluginState.count() == 0


async def test_a_plugin_off_for_one_property_hears_nothing_of_it(group):
    recorder, _bystander, lisbon, berlin = group
    assert await lifecycle.disable("recorder", "BER", "admin") == ["recorder disabled for BER"]
    recorder.committed.clear()  # the hotels' own creation
    await _book(berlin)
    await _book(lisbon)
    assert recorder.booked == [lisbon[0].id]  # in the transaction
    assert {p for _name, p in recorder.committed} == {lisbon[0].id}  # after commit


async def test_a_plugin_off_for_the_installation_hears_no_guest_either(group):
    recorder, _bystander, lisbon, _berlin = group
    await lifecycle.disable("recorder", None, "admin")
    recorder.committed.clear()
    await create_guest(property_id=lisbon[0].id, first_name="Bo", last_name="Quiet")
    await _book(lisbon)
    assert recorder.booked == [] and recorder.committed == []


async def test_coming_back_on_runs_the_catch_up_once_with_when_it_was_turned_off(group):
    recorder, bystander, _lisbon, _berlin = group
    before = datetime.now().astimezone()
    await lifecycle.disable("recorder", "BER", "admin")
    pending = await lifecycle.enable("recorder", "BER", "alice")
    assert [row.catch_up_status for row in pending] == ["pending"]
    [outcome] = await lifecycle.run_pending("recorder", None, "alice")
    assert (outcome.status, outcome.summary) == ("done", "caught up BER")
    [call] = recorder.catch_ups
    assert call["property"] == "BER" and call["actor"] == "alice"
    assert call["history_from"] is None
    assert call["disabled_since"] >= before
    assert bystander.catch_ups == 0  # only the plugin being enabled is asked
    assert await lifecycle.run_pending("recorder", None, "alice") == []  # once
    [ber] = [s for s in await report.property_states(["recorder"]) if s.property_code == "BER"]
    assert (ber.enabled, ber.catch_up_status, ber.catch_up_summary) == (
        True,
        "done",
        "caught up BER",
    )


async def test_a_failed_catch_up_is_recorded_and_resumed(group):
    recorder, _bystander, _lisbon, _berlin = group
    recorder.failures = 1
    await lifecycle.disable("recorder", "LIS", None)
    await lifecycle.enable("recorder", "LIS", "alice")
    [failed] = await lifecycle.run_pending("recorder", "LIS", "alice")
    assert failed.status == "failed" and "the ledger was busy" in failed.error
    [lis] = [s for s in await report.property_states(["recorder"]) if s.property_code == "LIS"]
    assert lis.enabled and lis.catch_up_status == "failed"
    [done] = await lifecycle.run_pending("recorder", "LIS", "alice")
    assert done.status == "done"
    first, second = recorder.catch_ups
    assert first == second  # the same arguments again: the hook is idempotent


async def test_history_from_rebuilds_a_plugin_that_was_never_off(group):
    recorder, _bystander, _lisbon, _berlin = group
    rows = await lifecycle.enable("recorder", "LIS", "alice", history_from=date(2026, 1, 1))
    await lifecycle.run_pending("recorder", "LIS", "alice")
    assert len(rows) == 1
    assert recorder.catch_ups == [
        {
            "property": "LIS",
            "disabled_since": None,
            "history_from": date(2026, 1, 1),
            "actor": "alice",
        }
    ]


async def test_enabling_everywhere_catches_up_each_property_it_was_off_for(group):
    recorder, _bystander, _lisbon, _berlin = group
    await lifecycle.disable("recorder", None, "admin")
    rows = await lifecycle.enable("recorder", None, "admin")
    assert len(rows) == 2
    await lifecycle.run_pending("recorder", None, "admin")
    assert sorted(c["property"] for c in recorder.catch_ups) == ["BER", "LIS"]
    assert all(c["disabled_since"] is not None for c in recorder.catch_ups)


async def test_unknown_plugin_or_property_is_refused(group):
    with pytest.raises(InvalidInput, match="Unknown plugin 'spaceship'"):
        await lifecycle.disable("spaceship", None, None)
    with pytest.raises(NotFound, match="No property with code 'XX'"):
        await lifecycle.enable("recorder", "XX", None)


async def test_a_change_made_by_another_process_is_seen_within_the_delay(group):
    recorder, _bystander, lisbon, berlin = group
    await _book(lisbon)  # this process has read the state
    # another process writes the row: nothing tells this one
    await PluginState.insert(
        PluginState(plugin="recorder", property=None, scope_key="recorder@*", enabled=False)
    )
    await asyncio.sleep(state.TTL_SECONDS + 0.1)
    await _book(berlin)
    assert recorder.booked == [lisbon[0].id]


class _Log:
    def warning(self, message: str) -> None:
        raise AssertionError(message)


async def test_a_background_read_begun_before_a_change_never_puts_the_old_state_back(
    group, runtime, monkeypatch
):
    _recorder, _bystander, _lisbon, berlin = group
    real_load = state.load
    has_read, may_land = asyncio.Event(), asyncio.Event()

    async def slow_first_read():
        snapshot = await real_load()
        if not has_read.is_set():
            has_read.set()
            await may_land.wait()  # the change happens while this read is on its way
        return snapshot

    monkeypatch.setattr(state, "TTL_SECONDS", 0.01)
    monkeypatch.setattr(state, "load", slow_first_read)
    refresher = asyncio.create_task(state.refresh_loop(runtime, _Log()))
    try:
        await has_read.wait()
        await lifecycle.disable("recorder", "BER", "admin")
        may_land.set()
        await asyncio.sleep(0)  # the stale read lands
        await asyncio.sleep(0)
        assert not state.current().enabled("recorder", berlin[0].id)
    finally:
        refresher.cancel()


async def test_reads_made_while_the_change_is_uncommitted_are_replaced_at_commit(
    group, runtime, monkeypatch
):
    _recorder, _bystander, _lisbon, berlin = group
    real_load = state.load
    reads = []

    async def counted_read():
        reads.append(1)
        return await real_load()

    monkeypatch.setattr(state, "TTL_SECONDS", 0.005)
    monkeypatch.setattr(state, "load", counted_read)
    refresher = asyncio.create_task(state.refresh_loop(runtime, _Log()))
    try:
        async with db.write_transaction():  # a mutation's transaction, as in GraphQL
            await lifecycle.disable("recorder", "BER", "admin")
            before = len(reads)
            while len(reads) < before + 3:  # other connections still see it enabled
                await asyncio.sleep(0.005)
        assert not state.current().enabled("recorder", berlin[0].id)
    finally:
        refresher.cancel()


async def test_the_tables_of_an_uninstalled_plugin_are_reported_plainly(runtime):
    await Migration.insert(
        Migration(name="2026-01-01T00:00:00:000000", app_name="lost_found", ran_on=datetime.now())
    )
    engine = runtime.engine
    await engine.run_ddl('CREATE TABLE "lost_found_item" ("id" INTEGER PRIMARY KEY)')
    await engine.run_ddl('INSERT INTO "lost_found_item" ("id") VALUES (1), (2)')
    assert await report.orphaned_apps() == {"lost_found": 2}
    message = report.orphan_message("lost_found", 2)
    assert "no longer installed" in message and "2 rows" in message
