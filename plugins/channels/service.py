"""What a hotel sets up for its channels: export feed tokens, import sources, direct bookings.

Feed tokens are bearer secrets in a URL: 256 random bits, stored as SHA-256 (core's
``new_secret``), shown once at creation, revocable. A revoked or unknown token finds nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlparse

from frontdesk.api import (
    InvalidInput,
    NotFound,
    get_property,
    get_room,
    get_room_type,
    new_secret,
    release_hold_in_transaction,
    run_write,
    sha256,
    validation,
)

from .tables import (
    ChannelsCalendarSource,
    ChannelsDirectSettings,
    ChannelsFeedToken,
    ChannelsReservation,
)

TOKEN_PREFIX = "fdc_"
MAX_SOURCES_PER_ROOM = 20


def feed_path(token: str) -> str:
    return f"/plugins/channels/ical/{token}.ics"


async def create_feed_token(
    *,
    property_id: int,
    room_id: int | None,
    room_type_id: int | None,
    label: str,
    actor: str | None,
) -> tuple[ChannelsFeedToken, str]:
    """A new export feed for one room or one room type; returns the row and the token."""
    if (room_id is None) == (room_type_id is None):
        raise InvalidInput("Give exactly one of roomId and roomTypeId.", field="roomId")
    label = validation.text(label, "label", max_length=100, required=False)

    async def change() -> tuple[ChannelsFeedToken, str]:
        await get_property(property_id)
        if room_id is not None:
            await get_room(room_id, property_id=property_id)
        else:
            await get_room_type(room_type_id, property_id=property_id)
        token, digest = new_secret(TOKEN_PREFIX)
        row = ChannelsFeedToken(
            property=property_id,
            room=room_id,
            room_type=room_type_id,
            token_hash=digest,
            hint=token[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 4],
            label=label,
            created_by=actor,
        )
        await row.save()
        return row, token

    return await run_write(change, conflict_message="The feed changed concurrently.")


async def get_feed_token(token_id: int) -> ChannelsFeedToken:
    row = await ChannelsFeedToken.objects().where(ChannelsFeedToken.id == token_id).first()
    if row is None:
        raise NotFound(f"Feed {token_id} does not exist.", field="feedId")
    return row


async def revoke_feed_token(token_id: int) -> ChannelsFeedToken:
    async def change() -> ChannelsFeedToken:
        row = await get_feed_token(token_id)
        if row.revoked_at is None:
            row.revoked_at = datetime.now(UTC)
            await row.save([ChannelsFeedToken.revoked_at])
        return row

    return await run_write(change, conflict_message="The feed changed concurrently.")


async def feed_of_token(token: str) -> ChannelsFeedToken | None:
    """The live feed a URL's token names, or None (unknown or revoked)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    return (
        await ChannelsFeedToken.objects()
        .where(
            (ChannelsFeedToken.token_hash == sha256(token)) & ChannelsFeedToken.revoked_at.is_null()
        )
        .first()
    )


def check_url(url: str) -> str:
    url = validation.text(url, "url", max_length=2000)
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise InvalidInput("The calendar URL must be an http(s) address.", field="url")
    return url


async def add_source(*, room_id: int, url: str, label: str) -> ChannelsCalendarSource:
    """Import an external calendar into a room (synced on the worker's next round)."""
    url = check_url(url)
    label = validation.text(label, "label", max_length=100, required=False)

    async def change() -> ChannelsCalendarSource:
        room = await get_room(room_id)
        count = await ChannelsCalendarSource.count().where(ChannelsCalendarSource.room == room.id)
        if count >= MAX_SOURCES_PER_ROOM:
            raise InvalidInput(
                f"A room imports at most {MAX_SOURCES_PER_ROOM} calendars.", field="url"
            )
        row = ChannelsCalendarSource(property=room.property, room=room.id, url=url, label=label)
        await row.save()
        return row

    return await run_write(change, conflict_message="The room's calendars changed concurrently.")


async def get_source(source_id: int) -> ChannelsCalendarSource:
    row = (
        await ChannelsCalendarSource.objects().where(ChannelsCalendarSource.id == source_id).first()
    )
    if row is None:
        raise NotFound(f"Calendar source {source_id} does not exist.", field="sourceId")
    return row


async def remove_source(source_id: int) -> int:
    """Stop importing a calendar: its reservations release their nights, its log goes."""

    async def change() -> int:
        source = await get_source(source_id)
        rows = await ChannelsReservation.objects().where(ChannelsReservation.source == source.id)
        for row in rows:
            if row.hold is not None:
                await release_hold_in_transaction(row.hold)
        await ChannelsReservation.delete().where(ChannelsReservation.source == source.id)
        await ChannelsCalendarSource.delete().where(ChannelsCalendarSource.id == source.id)
        return source.id

    return await run_write(change, conflict_message="The calendar changed concurrently.")


def parse_origins(raw: str) -> list[str]:
    origins = []
    for item in (raw or "").replace("\n", ",").split(","):
        item = item.strip().rstrip("/")
        if not item:
            continue
        parsed = urlparse(item)
        if parsed.scheme not in ("http", "https") or not parsed.hostname or parsed.path:
            raise InvalidInput(
                f"{item} is not an origin such as https://hotel.example.", field="allowedOrigins"
            )
        origins.append(item)
    return origins


async def direct_settings(property_id: int) -> ChannelsDirectSettings:
    row = (
        await ChannelsDirectSettings.objects()
        .where(ChannelsDirectSettings.property == property_id)
        .first()
    )
    return row or ChannelsDirectSettings(property=property_id, enabled=False, allowed_origins="")


async def configure_direct(
    *, property_id: int, enabled: bool, allowed_origins: list[str]
) -> ChannelsDirectSettings:
    origins = parse_origins(",".join(allowed_origins))

    async def change() -> ChannelsDirectSettings:
        await get_property(property_id)
        row = await direct_settings(property_id)
        row.enabled, row.allowed_origins = enabled, ",".join(origins)
        await row.save()
        return row

    return await run_write(change, conflict_message="The settings changed concurrently.")
