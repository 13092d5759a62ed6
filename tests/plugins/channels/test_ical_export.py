"""Exported calendars: a room's (or room type's) closed nights at a secret, revocable URL, as
all-day events with an exclusive DTEND and stable UIDs (the shape booking sites import)."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar
from support.hotel import book

from frontdesk.plugins.channels.tables import ChannelsFeedToken


async def create_feed(gql, hotel, **target) -> dict:
    found = await gql.ok(
        "channelsCreateFeed",
        {"propertyId": hotel.property_id, "label": "Airbnb", **target},
        "url feed { id hint revokedAt }",
    )
    return found


def events_of(body: bytes) -> list[tuple[str, date, date, str]]:
    calendar = Calendar.from_ical(body)
    return sorted(
        (
            str(e["uid"]),
            e["dtstart"].dt,
            e["dtend"].dt,
            str(e["summary"]),
        )
        for e in calendar.walk("VEVENT")
    )


async def test_a_rooms_feed_lists_its_booked_nights_as_all_day_events(gql, http, hotel):
    await book(gql, hotel, date(2026, 12, 4), date(2026, 12, 7), roomId=hotel.rooms["101"])
    await book(gql, hotel, date(2026, 12, 7), date(2026, 12, 8), roomId=hotel.rooms["101"])
    await book(gql, hotel, date(2026, 12, 20), date(2026, 12, 21), roomId=hotel.rooms["102"])
    feed = await create_feed(gql, hotel, roomId=hotel.rooms["101"])
    response = await http.get(feed["url"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert events_of(response.content) == [
        (
            f"room-{hotel.rooms['101']}-2026-12-04@frontdesk-channels",
            date(2026, 12, 4),
            date(2026, 12, 8),  # the departure day: DTEND is exclusive
            "Not available",
        )
    ]
    assert b"DTSTART;VALUE=DATE:20261204" in response.content


async def test_a_room_types_feed_closes_only_sold_out_nights(gql, http, hotel):
    await book(gql, hotel, date(2026, 12, 4), date(2026, 12, 6))
    await book(gql, hotel, date(2026, 12, 5), date(2026, 12, 6))  # both doubles on the 5th
    feed = await create_feed(gql, hotel, roomTypeId=hotel.room_types["DBL"])
    body = (await http.get(feed["url"])).content
    assert [(start, end) for _, start, end, _ in events_of(body)] == [
        (date(2026, 12, 5), date(2026, 12, 6))
    ]


async def test_uids_stay_the_same_between_exports(gql, http, hotel):
    await book(gql, hotel, date(2026, 12, 4), date(2026, 12, 7), roomId=hotel.rooms["101"])
    feed = await create_feed(gql, hotel, roomId=hotel.rooms["101"])
    first = events_of((await http.get(feed["url"])).content)
    await book(gql, hotel, date(2026, 12, 7), date(2026, 12, 9), roomId=hotel.rooms["101"])
    second = events_of((await http.get(feed["url"])).content)
    assert first[0][0] == second[0][0]
    assert second[0][2] == date(2026, 12, 9)


async def test_a_revoked_feed_answers_404_like_an_unknown_one(gql, http, hotel):
    feed = await create_feed(gql, hotel, roomId=hotel.rooms["101"])
    await gql.ok("channelsRevokeFeed", {"feedId": feed["feed"]["id"]}, "feed { revokedAt }")
    assert (await http.get(feed["url"])).status_code == 404
    assert (await http.get("/plugins/channels/ical/fdc_guessed.ics")).status_code == 404


async def test_the_token_is_stored_only_as_its_hash(gql, hotel):
    feed = await create_feed(gql, hotel, roomId=hotel.rooms["101"])
    token = feed["url"].rsplit("/", 1)[1].removesuffix(".ics")
    row = await ChannelsFeedToken.objects().first()
    assert token not in (row.token_hash, row.hint, row.label)
    assert len(row.token_hash) == 64


async def test_a_feed_names_exactly_one_room_or_room_type(gql, hotel):
    payload = await gql.mutate(
        "channelsCreateFeed", {"propertyId": hotel.property_id}, "url feed { id }"
    )
    assert payload["errors"][0]["field"] == "roomId"
    assert payload["url"] is None
