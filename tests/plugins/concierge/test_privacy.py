"""The concierge's part of a guest's GDPR rights: the export holds the guest's requests with
their history, what they were told, their service bookings and event attendance; anonymizing
replaces the free text about them and keeps times, sizes and statuses."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from support.hotel import book, build_hotel

EXPORT = "query($id: ID!) { exportGuestData(guestId: $id) }"
SLOT = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


async def _guest_with_history(gql) -> tuple:
    """A guest who stayed (checked out) and left a trace in every concierge area."""
    hotel = await build_hotel(gql)
    guest = hotel.guests[0]
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    request = await gql.ok(
        "createConciergeRequest",
        {
            "propertyId": hotel.property_id,
            "stayId": stay,
            "type": "HOUSEKEEPING_EXTRA",
            "description": "Hypoallergenic pillows, Mrs Family0 has asthma",
            "department": "HOUSEKEEPING",
        },
        "request { id }",
    )
    rec = await gql.ok(
        "createConciergeRecommendation",
        {
            "propertyId": hotel.property_id,
            "name": "Jazz Keller",
            "category": "NIGHTLIFE",
            "descriptions": [{"language": "en", "text": "Live jazz"}],
        },
        "recommendation { id }",
    )
    await gql.ok(
        "recordConciergeRecommendationGiven",
        {
            "recommendationId": rec["recommendation"]["id"],
            "stayId": stay,
            "note": "Celebrating a divorce",
        },
        "given { id }",
    )
    resource = await gql.ok(
        "createConciergeResource",
        {"propertyId": hotel.property_id, "name": "Sauna", "service": "SPA", "capacity": 4},
        "resource { id }",
    )
    await gql.ok(
        "bookConciergeService",
        {
            "resourceId": resource["resource"]["id"],
            "startsAt": SLOT.isoformat(),
            "partySize": 2,
            "stayId": stay,
            "notes": "Pregnant, no hot sauna",
        },
        "booking { id }",
    )
    event = await gql.ok(
        "createConciergeEvent",
        {
            "propertyId": hotel.property_id,
            "name": "Wine tasting",
            "startsAt": "2026-11-24T18:00:00+00:00",
            "endsAt": "2026-11-24T20:00:00+00:00",
            "capacity": 10,
        },
        "event { id }",
    )
    await gql.ok(
        "addConciergeAttendee",
        {"eventId": event["event"]["id"], "stayId": stay, "rsvp": "ACCEPTED"},
        "attendee { id }",
    )
    return hotel, guest, stay, request["request"]["id"]


async def _export(gql, guest: str) -> dict:
    document = (await gql.execute(EXPORT, {"id": guest}))["exportGuestData"]
    if isinstance(document, str):
        document = json.loads(document)
    return document["plugins"]["concierge"]


async def test_the_export_holds_every_concierge_record_of_the_guest(gql):
    _hotel, guest, stay, request = await _guest_with_history(gql)
    section = await _export(gql, guest)
    [req] = section["requests"]
    assert (str(req["id"]), str(req["stay"])) == (request, stay)
    assert req["description"] == "Hypoallergenic pillows, Mrs Family0 has asthma"
    assert [h["kind"] for h in req["history"]] == ["created", "assigned"]
    [given] = section["recommendations_given"]
    assert (given["recommendation"]["name"], given["note"]) == (
        "Jazz Keller",
        "Celebrating a divorce",
    )
    [booking] = section["service_bookings"]
    assert (booking["resource"]["name"], booking["party_size"], booking["notes"]) == (
        "Sauna",
        2,
        "Pregnant, no hot sauna",
    )
    assert datetime.fromisoformat(booking["starts_at"]) == SLOT
    [attendance] = section["event_attendance"]
    assert (attendance["event"]["name"], attendance["rsvp"]) == ("Wine tasting", "accepted")


async def test_a_guest_without_concierge_records_exports_empty_lists(gql):
    hotel = await build_hotel(gql)
    assert await _export(gql, hotel.guests[1]) == {
        "requests": [],
        "recommendations_given": [],
        "service_bookings": [],
        "event_attendance": [],
    }


async def test_anonymizing_replaces_the_free_text_and_keeps_the_records(gql):
    _hotel, guest, stay, _request = await _guest_with_history(gql)
    await gql.ok("checkOut", {"stayId": stay}, "stay { id }")
    await gql.ok("anonymizeGuest", {"guestId": guest}, "guest { id }")
    section = await _export(gql, guest)
    [req] = section["requests"]
    assert req["description"] == "[anonymized]"
    assert req["status"] == "cancelled"  # check-out closed it; that stays true
    assert {h["note"] for h in req["history"]} == {"[anonymized]"}
    assert section["recommendations_given"][0]["note"] == "[anonymized]"
    assert section["recommendations_given"][0]["recommendation"]["name"] == "Jazz Keller"
    [booking] = section["service_bookings"]
    assert (booking["notes"], booking["party_size"]) == ("[anonymized]", 2)
    assert datetime.fromisoformat(booking["starts_at"]) == SLOT
    assert section["event_attendance"][0]["rsvp"] == "accepted"


async def test_anonymizing_leaves_other_guests_records_alone(gql):
    hotel, guest, stay, _request = await _guest_with_history(gql)
    day = hotel.business_date
    other_stay = (await book(gql, hotel, day, day + timedelta(days=1), guest=1))["stay"]["id"]
    await gql.ok(
        "createConciergeRequest",
        {
            "propertyId": hotel.property_id,
            "stayId": other_stay,
            "type": "TRANSFER",
            "description": "Taxi to the airport at 6",
        },
        "request { id }",
    )
    await gql.ok("checkOut", {"stayId": stay}, "stay { id }")
    await gql.ok("anonymizeGuest", {"guestId": guest}, "guest { id }")
    [other] = (await _export(gql, hotel.guests[1]))["requests"]
    assert other["description"] == "Taxi to the airport at 6"
