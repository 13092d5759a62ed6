"""A staff member's published shifts at a subscribable, secret URL (phones and desktop
calendars subscribe to an .ics URL; they cannot send a bearer credential).

``GET /plugins/hr_shifts/calendar/<token>.ics`` serves :func:`feed.staff_calendar`. The token
is 256 random bits (core's ``new_secret``), stored only as its SHA-256, shown once, and
revocable; an unknown or revoked token gets the same 404.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from litestar import Response, get

from frontdesk.api import NotFound, new_secret, run_write, sha256

from . import common, feed
from .tables import CalendarFeed

TOKEN_PREFIX = "fds_"


def feed_path(token: str) -> str:
    return f"/plugins/hr_shifts/calendar/{token}.ics"


async def create_feed(staff_id: int, *, actor: str | None) -> tuple[CalendarFeed, str]:
    async def change() -> tuple[CalendarFeed, str]:
        person = await common.get_staff(staff_id)
        token, digest = new_secret(TOKEN_PREFIX)
        row = CalendarFeed(
            staff=person.id,
            token_hash=digest,
            hint=token[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 4],
            created_by=actor,
        )
        await row.save()
        return row, token

    return await run_write(change, conflict_message="The calendar feed changed concurrently.")


async def revoke_feed(feed_id: int) -> CalendarFeed:
    async def change() -> CalendarFeed:
        row = await CalendarFeed.objects().where(CalendarFeed.id == feed_id).first()
        if row is None:
            raise NotFound(f"Calendar feed {feed_id} does not exist.", field="feedId")
        if row.revoked_at is None:
            row.revoked_at = datetime.now(UTC)
            await row.save([CalendarFeed.revoked_at])
        return row

    return await run_write(change, conflict_message="The calendar feed changed concurrently.")


async def staff_of_token(token: str) -> int | None:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    row = (
        await CalendarFeed.objects()
        .where((CalendarFeed.token_hash == sha256(token)) & CalendarFeed.revoked_at.is_null())
        .first()
    )
    return None if row is None else row.staff


@get("/calendar/{name:str}", include_in_schema=False)
async def calendar(name: str) -> Response:
    staff_id = await staff_of_token(name.removesuffix(".ics"))
    if staff_id is None:
        return Response(content=b"Not found\n", status_code=404, media_type="text/plain")
    body = await feed.staff_calendar(staff_id)
    return Response(
        content=body.encode(),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )


def handlers() -> list[Any]:
    return [calendar]
