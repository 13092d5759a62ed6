"""Importing booking sites' calendars: each event holds its room's nights through core's
per-night keys; removed and cancelled events release them; conflicts are reported."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from calendars import Booking, airbnb, booking_com
from support.hotel import book

CALENDAR_FIELDS = (
    "id lastOutcome lastError reservations { externalId arrival departure status } "
    "conflicts { externalId status conflictStayIds message } "
    "runs(first: 5) { outcome httpStatus events held released conflicts }"
)


async def add_calendar(gql, room_id: str, url: str) -> str:
    found = await gql.ok("channelsAddCalendar", {"roomId": room_id, "url": url}, "calendar { id }")
    return found["calendar"]["id"]


async def sync(gql, source_id: str) -> dict:
    found = await gql.ok(
        "channelsSyncNow", {"sourceId": source_id}, "result { held released conflicts unchanged }"
    )
    return found["result"]


async def calendar_of(gql, hotel) -> dict:
    data = await gql.execute(
        f"query($p: ID!) {{ channelsCalendars(propertyId: $p) {{ {CALENDAR_FIELDS} }} }}",
        {"p": hotel.property_id},
    )
    return data["channelsCalendars"][0]


async def free_rooms(gql, hotel, arrival: date, departure: date) -> set[str]:
    data = await gql.execute(
        "query($p: ID!, $a: Date!, $d: Date!) { availability(propertyId: $p, arrival: $a,"
        " departure: $d) { roomTypes { freeRooms { number } } } }",
        {"p": hotel.property_id, "a": arrival.isoformat(), "d": departure.isoformat()},
    )
    types = data["availability"]["roomTypes"]
    return {room["number"] for entry in types for room in entry["freeRooms"]}


AIRBNB_STAY = Booking("1418fb94e984-aaa@airbnb.com", date(2026, 12, 4), date(2026, 12, 7))


async def test_an_airbnb_reservation_holds_its_nights_and_the_room_is_not_sold(
    gql, hotel, calendars
):
    calendars.files["/airbnb.ics"] = airbnb([AIRBNB_STAY])
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/airbnb.ics"))
    assert (await sync(gql, source))["held"] == 1
    imported = await calendar_of(gql, hotel)
    assert imported["reservations"] == [
        {
            "externalId": AIRBNB_STAY.uid,
            "arrival": "2026-12-04",
            "departure": "2026-12-07",
            "status": "held",
        }
    ]
    assert "101" not in await free_rooms(gql, hotel, date(2026, 12, 6), date(2026, 12, 7))
    assert "101" in await free_rooms(gql, hotel, date(2026, 12, 7), date(2026, 12, 8))


async def test_a_second_fetch_asks_with_the_etag_and_a_304_changes_nothing(gql, hotel, calendars):
    calendars.files["/airbnb.ics"] = airbnb([AIRBNB_STAY])
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/airbnb.ics"))
    await sync(gql, source)
    assert await sync(gql, source) == {"held": 0, "released": 0, "conflicts": 0, "unchanged": 0}
    assert calendars.requests[-1].get("if-none-match", "").startswith('"')
    runs = (await calendar_of(gql, hotel))["runs"]
    assert [run["outcome"] for run in runs] == ["not_modified", "synced"]


async def test_an_event_removed_from_the_calendar_releases_its_nights(gql, hotel, calendars):
    calendars.files["/airbnb.ics"] = airbnb([AIRBNB_STAY])
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/airbnb.ics"))
    await sync(gql, source)
    calendars.files["/airbnb.ics"] = airbnb([])
    assert (await sync(gql, source))["released"] == 1
    assert "101" in await free_rooms(gql, hotel, date(2026, 12, 4), date(2026, 12, 7))


async def test_a_cancelled_event_releases_its_nights(gql, hotel, calendars):
    calendars.files["/b.ics"] = booking_com([AIRBNB_STAY])
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/b.ics"))
    await sync(gql, source)
    cancelled = Booking(AIRBNB_STAY.uid, AIRBNB_STAY.start, AIRBNB_STAY.end, status="CANCELLED")
    calendars.files["/b.ics"] = booking_com([cancelled])
    assert (await sync(gql, source))["released"] == 1
    assert "101" in await free_rooms(gql, hotel, date(2026, 12, 4), date(2026, 12, 7))


async def test_a_moved_reservation_moves_its_hold(gql, hotel, calendars):
    calendars.files["/a.ics"] = airbnb([AIRBNB_STAY])
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/a.ics"))
    await sync(gql, source)
    moved = Booking(AIRBNB_STAY.uid, date(2026, 12, 10), date(2026, 12, 12))
    calendars.files["/a.ics"] = airbnb([moved])
    await sync(gql, source)
    assert "101" in await free_rooms(gql, hotel, date(2026, 12, 4), date(2026, 12, 7))
    assert "101" not in await free_rooms(gql, hotel, date(2026, 12, 10), date(2026, 12, 12))


async def test_a_reused_uid_and_timed_events_in_the_hotels_zone_each_hold_their_nights(
    gql, hotel, calendars
):
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    blocks = [
        Booking("closed@booking.com", date(2026, 12, 1), date(2026, 12, 3), "CLOSED"),
        Booking("closed@booking.com", date(2026, 12, 20), date(2026, 12, 21), "CLOSED"),
        # 15:00 in Berlin on the 10th to 11:00 on the 12th: the nights of the 10th and 11th.
        Booking(
            "timed@x",
            datetime(2026, 12, 10, 15, tzinfo=berlin),
            datetime(2026, 12, 12, 11, tzinfo=berlin),
        ),
        # 20:00 in New York on the 14th is already the 15th in Berlin.
        Booking(
            "late@x",
            datetime(2026, 12, 14, 20, tzinfo=new_york),
            datetime(2026, 12, 16, 4, tzinfo=new_york),
        ),
    ]
    calendars.files["/b.ics"] = booking_com(blocks)
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/b.ics"))
    assert (await sync(gql, source))["held"] == 4
    nights = sorted(
        (r["arrival"], r["departure"]) for r in (await calendar_of(gql, hotel))["reservations"]
    )
    assert nights == [
        ("2026-12-01", "2026-12-03"),
        ("2026-12-10", "2026-12-12"),
        ("2026-12-15", "2026-12-16"),
        ("2026-12-20", "2026-12-21"),
    ]


async def test_a_conflict_with_a_stay_is_reported_and_never_dropped(
    gql, hotel, calendars, event_log
):
    stay = await book(gql, hotel, date(2026, 12, 5), date(2026, 12, 6), roomId=hotel.rooms["101"])
    stay_id = stay["stay"]["id"]
    calendars.files["/a.ics"] = airbnb([AIRBNB_STAY])
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/a.ics"))
    assert (await sync(gql, source))["conflicts"] == 1
    conflicts = (await calendar_of(gql, hotel))["conflicts"]
    assert conflicts[0]["conflictStayIds"] == [stay_id]
    assert "taken by stay" in conflicts[0]["message"]
    assert event_log.conflicts == [{"externalId": AIRBNB_STAY.uid, "stays": [int(stay_id)]}]
    reported = [e for e in event_log.committed if e.name == "channels.conflict_detected"]
    assert reported[0].data["stayIds"] == [int(stay_id)]


async def test_a_conflict_holds_the_room_once_the_stay_is_cancelled(gql, hotel, calendars):
    stay = await book(gql, hotel, date(2026, 12, 5), date(2026, 12, 6), roomId=hotel.rooms["101"])
    calendars.files["/a.ics"] = airbnb([AIRBNB_STAY])
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/a.ics"))
    await sync(gql, source)
    await gql.ok("cancelStay", {"stayId": stay["stay"]["id"]}, "stay { id }")
    calendars.files["/a.ics"] = airbnb([AIRBNB_STAY]) + b"\r\n"  # a new ETag: fetched again
    assert (await sync(gql, source))["held"] == 1


async def test_a_failed_fetch_releases_nothing(gql, hotel, calendars):
    calendars.files["/a.ics"] = airbnb([AIRBNB_STAY])
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/a.ics"))
    await sync(gql, source)
    calendars.status["/a.ics"] = 503
    await sync(gql, source)
    imported = await calendar_of(gql, hotel)
    assert imported["lastOutcome"] == "failed"
    assert [r["status"] for r in imported["reservations"]] == ["held"]


async def test_removing_a_calendar_gives_its_nights_back(gql, hotel, calendars):
    calendars.files["/a.ics"] = airbnb([AIRBNB_STAY])
    source = await add_calendar(gql, hotel.rooms["101"], calendars.url("/a.ics"))
    await sync(gql, source)
    await gql.ok("channelsRemoveCalendar", {"sourceId": source}, "removedId")
    assert "101" in await free_rooms(gql, hotel, date(2026, 12, 4), date(2026, 12, 7))


async def test_a_calendar_url_must_be_http(gql, hotel):
    payload = await gql.mutate(
        "channelsAddCalendar",
        {"roomId": hotel.rooms["101"], "url": "file:///etc/passwd"},
        "calendar { id }",
    )
    assert payload["errors"][0]["field"] == "url"


async def test_unreadable_ids_are_user_errors_on_their_fields(gql, hotel):
    asked = [
        ("channelsAddCalendar", {"roomId": "x", "url": "https://a.example/a.ics"}, "roomId"),
        ("channelsRemoveCalendar", {"sourceId": "x"}, "sourceId"),
        ("channelsRevokeFeed", {"feedId": "x"}, "feedId"),
    ]
    for name, fields, field in asked:
        payload = await gql.mutate(name, fields, "__typename")
        assert [e["field"] for e in payload["errors"]] == [field], name
