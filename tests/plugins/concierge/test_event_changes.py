"""Changing and cancelling group events: edits keep the capacity above the places taken;
cancelling cancels the attendees and the open preparation tasks and deletes nothing; a
refused change writes nothing."""

from __future__ import annotations

from support.hotel import build_hotel

EVENT = """id name venue capacity status startsAt endsAt placesTaken
  attendees { rsvp holdsPlace guest { id } }
  tasks { description status history { kind note } }"""
READ = f"query($id: ID!) {{ conciergeEvent(id: $id) {{ {EVENT} }} }}"


async def _event(gql, attendees: int = 2, capacity: int = 3) -> tuple:
    hotel = await build_hotel(gql, guests=3)
    created = await gql.ok(
        "createConciergeEvent",
        {
            "propertyId": hotel.property_id,
            "name": "Wine tasting",
            "startsAt": "2026-12-01T18:00:00+00:00",
            "endsAt": "2026-12-01T20:00:00+00:00",
            "capacity": capacity,
            "venue": "Cellar",
        },
        "event { id }",
    )
    event = created["event"]["id"]
    for guest in hotel.guests[:attendees]:
        await gql.ok(
            "addConciergeAttendee",
            {"eventId": event, "guestId": guest, "rsvp": "ACCEPTED"},
            "attendee { id }",
        )
    return hotel, event


async def _read(gql, event: str) -> dict:
    return (await gql.execute(READ, {"id": event}))["conciergeEvent"]


async def test_an_event_is_renamed_and_moved(gql):
    _hotel, event = await _event(gql)
    updated = await gql.ok(
        "updateConciergeEvent",
        {
            "eventId": event,
            "name": "Winter wine tasting",
            "startsAt": "2026-12-02T18:00:00+00:00",
            "endsAt": "2026-12-02T21:00:00+00:00",
        },
        "event { name venue startsAt endsAt }",
    )
    assert updated["event"] == {
        "name": "Winter wine tasting",
        "venue": "Cellar",
        "startsAt": "2026-12-02T18:00:00+00:00",
        "endsAt": "2026-12-02T21:00:00+00:00",
    }


async def test_an_edit_that_ends_the_event_before_it_starts_changes_nothing(gql):
    _hotel, event = await _event(gql)
    refused = await gql.mutate(
        "updateConciergeEvent",
        {"eventId": event, "name": "Renamed", "endsAt": "2026-12-01T17:00:00+00:00"},
        "event { id }",
    )
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("INVALID_INPUT", "endsAt")
    assert error["message"] == "endsAt must be after startsAt."
    kept = await _read(gql, event)
    assert (kept["name"], kept["endsAt"]) == ("Wine tasting", "2026-12-01T20:00:00+00:00")


async def test_the_capacity_never_drops_below_the_places_taken(gql):
    _hotel, event = await _event(gql, attendees=2, capacity=3)
    refused = await gql.mutate(
        "updateConciergeEvent", {"eventId": event, "capacity": 1}, "event { id }"
    )
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("CONFLICT", "capacity")
    assert "2 places of Wine tasting are taken" in error["message"]
    lowered = await gql.ok(
        "updateConciergeEvent", {"eventId": event, "capacity": 2}, "event { capacity placesTaken }"
    )
    assert lowered["event"] == {"capacity": 2, "placesTaken": 2}


async def test_cancelling_cancels_attendees_and_open_tasks_and_keeps_the_history(gql):
    hotel, event = await _event(gql)
    for description in ("Chill the wine", "Print the menu"):
        await gql.ok(
            "createConciergeRequest",
            {
                "propertyId": hotel.property_id,
                "eventId": event,
                "type": "OTHER",
                "description": description,
            },
            "request { id }",
        )
    tasks = (await _read(gql, event))["tasks"]
    done = await gql.execute(
        "query($e: ID!) { conciergeRequests(eventId: $e) { nodes { id description } } }",
        {"e": event},
    )
    menu = next(
        r["id"] for r in done["conciergeRequests"]["nodes"] if r["description"] == "Print the menu"
    )
    for status in ("IN_PROGRESS", "DONE"):
        await gql.ok(
            "setConciergeRequestStatus", {"requestId": menu, "status": status}, "request { id }"
        )
    assert len(tasks) == 2
    cancelled = await gql.ok(
        "cancelConciergeEvent",
        {"eventId": event, "reason": "Storm warning"},
        f"event {{ {EVENT} }}",
    )
    after = cancelled["event"]
    assert after["status"] == "cancelled"
    assert after["placesTaken"] == 0
    assert [(a["rsvp"], a["holdsPlace"]) for a in after["attendees"]] == [
        ("CANCELLED", False),
        ("CANCELLED", False),
    ]
    by_description = {t["description"]: t for t in after["tasks"]}
    assert by_description["Print the menu"]["status"] == "DONE"
    wine = by_description["Chill the wine"]
    assert wine["status"] == "CANCELLED"
    assert wine["history"][-1] == {"kind": "status", "note": "Event cancelled: Storm warning"}
    late = await gql.mutate(
        "addConciergeAttendee", {"eventId": event, "guestId": hotel.guests[2]}, "attendee { id }"
    )
    assert (late["errors"][0]["code"], late["errors"][0]["field"]) == (
        "INVALID_TRANSITION",
        "eventId",
    )
    again = await gql.mutate(
        "cancelConciergeEvent", {"eventId": event, "reason": "Again"}, "event { id }"
    )
    assert again["errors"][0]["code"] == "INVALID_TRANSITION"
    edit = await gql.mutate("updateConciergeEvent", {"eventId": event, "name": "x"}, "event { id }")
    assert edit["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_cancelling_needs_a_reason_and_a_refusal_changes_nothing(gql):
    _hotel, event = await _event(gql)
    refused = await gql.mutate(
        "cancelConciergeEvent", {"eventId": event, "reason": "   "}, "event { id }"
    )
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("INVALID_INPUT", "reason")
    kept = await _read(gql, event)
    assert (kept["status"], kept["placesTaken"]) == ("scheduled", 2)
