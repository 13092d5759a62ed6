"""The iCal connector: pulls each room's external calendars (the first channel connector).

Each source is fetched with its last ETag / Last-Modified (a 304 costs the site nothing and
changes nothing here). A fetch that fails, or a file that cannot be read, is logged and
releases nothing: a booking site being down must not put its reservations back on sale.
Pushing needs nothing: the sites fetch our export feeds (export.py) themselves.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx

from frontdesk.api import DomainError, run_write
from frontdesk.api.tables import Property

from .connectors import ApplyResult, ChannelUpdate, ReservationBatch
from .ical_read import parse_calendar
from .tables import ChannelsCalendarSource, ChannelsSyncRun

log = logging.getLogger("frontdesk.channels")
FETCH_TIMEOUT = 20.0
MAX_CALENDAR_BYTES = 5_000_000
USER_AGENT = "Frontdesk-channels/1 (+calendar sync)"


def channel_of(source_id: int) -> str:
    return f"ical:{source_id}"


async def record_run(source: ChannelsCalendarSource, outcome: str, **fields) -> None:
    """Log one sync of ``source`` and keep its last outcome on the source row."""

    async def change() -> None:
        await ChannelsSyncRun(source=source.id, outcome=outcome, **fields).save()
        source.last_synced_at = datetime.now(UTC)
        source.last_outcome = outcome
        source.last_error = fields.get("error")
        await source.save(
            [
                ChannelsCalendarSource.last_synced_at,
                ChannelsCalendarSource.last_outcome,
                ChannelsCalendarSource.last_error,
                ChannelsCalendarSource.etag,
                ChannelsCalendarSource.last_modified,
            ]
        )

    await run_write(change, conflict_message="The sync log changed concurrently.")


async def fetch(source: ChannelsCalendarSource) -> httpx.Response:
    headers = {"User-Agent": USER_AGENT}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    async with httpx.AsyncClient(timeout=FETCH_TIMEOUT, follow_redirects=True) as client:
        return await client.get(source.url, headers=headers)


async def pull_source(source: ChannelsCalendarSource) -> ReservationBatch | None:
    """The source's calendar as a complete batch, or None (unchanged or failed; logged)."""
    try:
        response = await fetch(source)
    except httpx.HTTPError as error:
        await record_run(source, "failed", error=f"{type(error).__name__}: {error}")
        return None
    if response.status_code == 304:
        await record_run(source, "not_modified", http_status=304)
        return None
    if response.status_code != 200 or len(response.content) > MAX_CALENDAR_BYTES:
        await record_run(
            source, "failed", http_status=response.status_code, error="unexpected answer"
        )
        return None
    prop = await Property.objects().where(Property.id == source.property).first()
    try:
        reservations = parse_calendar(
            response.content,
            room_id=source.room,
            timezone=prop.timezone,
            today=prop.business_date,
        )
    except DomainError as error:
        await record_run(source, "failed", http_status=200, error=error.message)
        return None
    etag, modified = response.headers.get("etag"), response.headers.get("last-modified")

    async def applied(result: ApplyResult) -> None:
        source.etag, source.last_modified = etag, modified
        await record_run(
            source,
            "synced",
            http_status=200,
            events=len(reservations),
            held=result.held,
            released=result.released,
            conflicts=result.conflicts,
        )

    return ReservationBatch(
        channel=channel_of(source.id),
        property_id=source.property,
        reservations=reservations,
        complete=True,
        source_id=source.id,
        on_applied=applied,
    )


class ICalConnector:
    """Channel connector over the rooms' external calendars."""

    name = "ical"

    async def push(self, update: ChannelUpdate) -> None:
        return None

    async def pull(self, property_id: int) -> list[ReservationBatch]:
        sources = await ChannelsCalendarSource.objects().where(
            (ChannelsCalendarSource.property == property_id)
            & (ChannelsCalendarSource.active.eq(True))
        )
        batches = [await pull_source(source) for source in sources]
        return [batch for batch in batches if batch is not None]
