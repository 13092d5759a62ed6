"""Running the connectors: pull reservations in, push availability out, on a schedule.

The background worker (``frontdesk_background_tasks``) syncs every property with active
calendar sources every ``channels.sync_interval_seconds``; ``channelsSyncNow`` and ``frontdesk
channels sync`` do the same on demand. Connectors run outside any transaction; each
reservation they pull is applied in a write of its own (connectors.apply_batch).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from decimal import Decimal

from frontdesk.api import (
    DomainError,
    availability,
    current_runtime,
    flatten,
    leases,
    plugin_enabled,
    plugin_setting,
    price_stay,
)
from frontdesk.api.tables import Property, RoomType

from .connectors import ApplyResult, ChannelUpdate, Connector, NightOffer, apply_batch
from .ical_sync import pull_source
from .settings import PUSH_DAYS, SYNC_INTERVAL
from .tables import ChannelsCalendarSource

log = logging.getLogger("frontdesk.channels")


def connectors() -> list[Connector]:
    """Every connector the enabled plugins offer (iCal first: channels' own)."""
    rt = current_runtime()
    return flatten(rt.plugin_manager.hook.frontdesk_channel_connectors(settings=rt.settings))


async def sync_source(source: ChannelsCalendarSource, *, actor: str | None = None) -> ApplyResult:
    """Pull one calendar source now and apply it (``channelsSyncNow``)."""
    batch = await pull_source(source)
    if batch is None:
        return ApplyResult()
    return await apply_batch(batch, actor=actor)


async def sync_property(property_id: int, *, actor: str | None = None) -> ApplyResult:
    """Pull every connector's reservations for the property and apply them, then push."""
    total = ApplyResult()
    for connector in connectors():
        try:
            batches = await connector.pull(property_id)
        except Exception:  # noqa: BLE001 - one channel being down must not stop the others
            log.exception("channel %s failed to pull for property %s", connector.name, property_id)
            continue
        for batch in batches:
            total.add(await apply_batch(batch, actor=actor))
    await push_property(property_id)
    return total


async def updates_of(property_id: int, days: int) -> list[ChannelUpdate]:
    """Availability, rates and restrictions of each room type for the next ``days`` nights."""
    prop = await Property.objects().where(Property.id == property_id).first()
    if prop is None:
        return []
    start = prop.business_date
    end = start + timedelta(days=days)
    found = await availability(
        property_id=property_id, arrival=start, departure=end, include_free_rooms=False
    )
    updates = []
    for entry in found:
        rates = await _rates(property_id, entry.room_type, start, end)
        nights = [
            NightOffer(
                night=n.night,
                available=max(n.bookable - n.sold, 0),
                rate=rates.get(n.night),
                currency=prop.currency,
                closed=n.bookable - n.sold <= 0,
            )
            for n in entry.nights
        ]
        updates.append(ChannelUpdate(property_id, entry.room_type.id, entry.room_type.code, nights))
    return updates


async def _rates(property_id: int, room_type: RoomType, start, end) -> dict:
    try:
        quote = await price_stay(
            property_id=property_id, room_type_id=room_type.id, arrival=start, departure=end
        )
    except DomainError:
        return {}
    return {n.night: Decimal(n.price) for n in quote.nights}


async def push_property(property_id: int) -> None:
    """Give every connector the property's availability, rates and restrictions."""
    found = connectors()
    if not found:
        return
    days = plugin_setting(PUSH_DAYS)
    for update in await updates_of(property_id, int(days)):
        for connector in found:
            try:
                await connector.push(update)
            except Exception:  # noqa: BLE001 - isolation: the next push tries again
                log.exception("channel %s failed to push", connector.name)


async def sync_all() -> None:
    rows = await ChannelsCalendarSource.select(ChannelsCalendarSource.property).where(
        ChannelsCalendarSource.active.eq(True)
    )
    for property_id in sorted({row["property"] for row in rows}):
        if await plugin_enabled("channels", property_id):  # off there: nothing is pulled
            await sync_property(property_id, actor="channels-worker")


LEASE = "channels.sync"


async def worker(settings) -> None:
    """The schedule: sync everything, sleep the interval, forever (cancelled at shutdown).
    Several server processes share one schedule: the round runs in the process holding the
    ``channels.sync`` lease (core/leases.py), renewed every round; when that process dies,
    another takes over once the lease expires."""
    interval = max(int(settings.plugin_setting(SYNC_INTERVAL)), 5)
    holder = leases.process_holder()
    while True:
        try:
            if await leases.take(LEASE, holder, interval * 2 + 30):
                await sync_all()
        except Exception:  # noqa: BLE001 - the worker must outlive one bad round
            log.exception("channel sync round failed")
        await asyncio.sleep(interval)
