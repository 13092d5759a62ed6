"""Guest requests and tasks: created by core's stay events, worked through a recorded
workflow, listed with the overdue ones first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from support.hotel import book, build_hotel

from frontdesk.core.properties.service import create_property
from frontdesk.plugins.concierge import requests as service
from frontdesk.plugins.concierge.schema_requests import overdue_condition, request_page
from frontdesk.plugins.concierge.tables import ConciergeRequest as RequestRow

DAY = date(2026, 11, 23)

REQUEST_FIELDS = """id type status origin description priority overdue deadlineAt
  room { number } guest { id } history { kind fromStatus toStatus note actor }"""
STAY_REQUESTS = (
    f"""query($id: ID!) {{ stay(id: $id) {{ conciergeRequests {{ {REQUEST_FIELDS} }} }} }}"""
)
LIST = """query($p: ID, $overdue: Boolean, $status: [ConciergeRequestStatus!], $first: Int,
  $after: String) {
  conciergeRequests(propertyId: $p, overdue: $overdue, status: $status, first: $first,
    after: $after) { nodes { id description overdue status } pageInfo { hasNextPage endCursor } }
}"""


async def _stay_requests(gql, stay_id: str) -> list[dict]:
    return (await gql.execute(STAY_REQUESTS, {"id": stay_id}))["stay"]["conciergeRequests"]


async def _checked_in(gql, hotel, *, porter: bool = False, guest: int = 0) -> str:
    day = hotel.business_date
    booked = await book(
        gql, hotel, day, day + timedelta(days=2), guest=guest, porterRequested=porter
    )
    stay_id = booked["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay_id}, "stay { id }")
    return stay_id


async def test_check_in_with_porter_service_creates_a_luggage_task(gql):
    hotel = await build_hotel(gql)
    stay_id = await _checked_in(gql, hotel, porter=True)
    [task] = await _stay_requests(gql, stay_id)
    assert task["type"] == "LUGGAGE"
    assert task["origin"] == "check_in"
    assert task["status"] == "ASSIGNED"  # to the concierge department
    assert task["room"]["number"] == "101"
    assert task["description"] == "Bring the luggage to room 101."
    assert [h["kind"] for h in task["history"]] == ["created", "assigned"]
    deadline = datetime.fromisoformat(task["deadlineAt"])
    assert timedelta(minutes=14) < deadline - datetime.now(UTC) <= timedelta(minutes=15)


async def test_check_in_without_porter_service_creates_no_task(gql):
    hotel = await build_hotel(gql)
    stay_id = await _checked_in(gql, hotel, porter=False)
    assert await _stay_requests(gql, stay_id) == []


async def test_a_vip_check_in_creates_the_configured_welcome_tasks(gql):
    hotel = await build_hotel(gql)
    vip = await gql.ok(
        "createGuest",
        {
            "propertyId": hotel.property_id,
            "firstName": "Vera",
            "lastName": "Important",
            "vip": True,
        },
        "guest { id }",
    )
    hotel.guests.append(vip["guest"]["id"])
    stay_id = await _checked_in(gql, hotel, guest=len(hotel.guests) - 1)
    tasks = await _stay_requests(gql, stay_id)
    assert [(t["type"], t["origin"], t["priority"]) for t in tasks] == [
        ("HOUSEKEEPING_EXTRA", "vip_welcome", "HIGH"),
        ("INFORMATION", "vip_welcome", "HIGH"),
    ]
    assert tasks[0]["description"] == "Welcome amenity in the room"


async def test_check_out_cancels_the_open_requests_with_a_note(gql):
    hotel = await build_hotel(gql)
    stay_id = await _checked_in(gql, hotel, porter=True)
    extra = await gql.ok(
        "createConciergeRequest",
        {
            "propertyId": hotel.property_id,
            "stayId": stay_id,
            "type": "TRANSFER",
            "description": "Taxi to the airport",
        },
        "request { id }",
    )
    await gql.ok(
        "setConciergeRequestStatus",
        {"requestId": extra["request"]["id"], "status": "IN_PROGRESS"},
        "request { id }",
    )
    await gql.ok("checkOut", {"stayId": stay_id}, "stay { id }")
    tasks = await _stay_requests(gql, stay_id)
    assert [t["status"] for t in tasks] == ["CANCELLED", "CANCELLED"]
    for task in tasks:
        last = task["history"][-1]
        assert last["kind"] == "status" and last["toStatus"] == "CANCELLED"
        assert last["note"].startswith("Guest checked out")


async def test_a_room_move_takes_the_open_requests_along(gql):
    hotel = await build_hotel(gql)
    stay_id = await _checked_in(gql, hotel, porter=True)
    await gql.ok("moveRoom", {"stayId": stay_id, "roomId": hotel.rooms["102"]}, "stay { id }")
    [task] = await _stay_requests(gql, stay_id)
    assert task["room"]["number"] == "102"
    assert task["history"][-1]["note"] == "Guest moved from room 101 to room 102."
    rooms = await gql.execute(
        "query($p: ID!) { rooms(propertyId: $p) { nodes { number openRequests { id } } } }",
        {"p": hotel.property_id},
    )
    open_by_room = {r["number"]: r["openRequests"] for r in rooms["rooms"]["nodes"]}
    assert open_by_room["101"] == []
    assert open_by_room["102"] == [{"id": task["id"]}]


async def test_the_workflow_records_each_change_and_refuses_a_skipped_step(gql):
    hotel = await build_hotel(gql)
    created = await gql.ok(
        "createConciergeRequest",
        {
            "propertyId": hotel.property_id,
            "type": "MAINTENANCE",
            "roomId": hotel.rooms["103"],
            "description": "Dripping tap",
        },
        "request { id status }",
    )
    request_id = created["request"]["id"]
    assert created["request"]["status"] == "OPEN"
    skipped = await gql.mutate(
        "setConciergeRequestStatus", {"requestId": request_id, "status": "DONE"}, "request { id }"
    )
    assert skipped["request"] is None
    assert skipped["errors"] == [
        {
            "code": "INVALID_TRANSITION",
            "field": "status",
            "message": "A open request cannot become done.",
        }
    ]
    await gql.ok(
        "assignConciergeRequest",
        {"requestId": request_id, "department": "MAINTENANCE", "assignee": "jo"},
        "request { id }",
    )
    await gql.ok(
        "setConciergeRequestStatus",
        {"requestId": request_id, "status": "IN_PROGRESS"},
        "request { id }",
    )
    done = await gql.ok(
        "setConciergeRequestStatus",
        {"requestId": request_id, "status": "DONE", "note": "Washer replaced"},
        f"request {{ {REQUEST_FIELDS} }}",
    )
    history = done["request"]["history"]
    assert [(h["kind"], h["fromStatus"], h["toStatus"]) for h in history] == [
        ("created", None, "OPEN"),
        ("assigned", "OPEN", "ASSIGNED"),
        ("status", "ASSIGNED", "IN_PROGRESS"),
        ("status", "IN_PROGRESS", "DONE"),
    ]
    assert history[-1]["note"] == "Washer replaced"


async def test_bad_input_is_a_user_error_and_writes_nothing(gql):
    hotel = await build_hotel(gql)
    unknown = await gql.mutate(
        "createConciergeRequest",
        {"propertyId": hotel.property_id, "type": "OTHER", "stayId": "999999"},
        "request { id }",
    )
    assert unknown["errors"][0]["code"] == "NOT_FOUND"
    assert unknown["errors"][0]["field"] == "stayId"
    naive = await gql.mutate(
        "createConciergeRequest",
        {"propertyId": hotel.property_id, "type": "OTHER", "dueAt": "2026-11-23T10:00:00"},
        "request { id }",
    )
    assert naive["errors"][0]["field"] == "dueAt"
    garbage = await gql.mutate(
        "createConciergeRequest", {"propertyId": "not-an-id", "type": "OTHER"}, "request { id }"
    )
    assert garbage["errors"][0]["field"] == "propertyId"
    listed = await gql.execute(LIST, {"p": hotel.property_id})
    assert listed["conciergeRequests"]["nodes"] == []
    nonsense = await gql.execute(LIST, {"p": "x", "first": -5, "after": "%%%"})
    assert nonsense["conciergeRequests"]["nodes"] == []


async def test_overdue_requests_are_flagged_and_listed_first(runtime):
    """Past the due time or past the type's response target (luggage: 15 minutes) is overdue;
    the list the desk sees puts open requests by deadline, so those lead."""
    prop = await create_property(code="LATE", name="Late Hotel", business_date=DAY)
    now = datetime.now(UTC)

    async def create(kind, description, **kw):
        return await service.create_request(
            property_id=prop.id, type=kind, description=description, **kw
        )

    await create("information", "due tomorrow", due_at=now + timedelta(days=1))
    await create("luggage", "luggage, 20 minutes old", at=now - timedelta(minutes=20))
    await create(
        "wake_up_call",
        "wake-up missed an hour ago",
        due_at=now - timedelta(hours=1),
        at=now - timedelta(hours=8),
    )
    finished = await create("other", "closed long ago", at=now - timedelta(days=2))
    await service.set_status(request_id=finished.id, status="cancelled")
    await create("luggage", "luggage, just now")

    async def listed(condition=None):
        page = await request_page(
            (RequestRow.property == prop.id) & condition
            if condition is not None
            else RequestRow.property == prop.id,
            first=10,
            after=None,
        )
        return [(r.description, service.is_overdue(r)) for r in page.items]

    assert await listed() == [
        ("wake-up missed an hour ago", True),
        ("luggage, 20 minutes old", True),
        ("luggage, just now", False),
        ("due tomorrow", False),
        ("closed long ago", False),
    ]
    assert [d for d, _ in await listed(overdue_condition(True, datetime.now(UTC)))] == [
        "wake-up missed an hour ago",
        "luggage, 20 minutes old",
    ]
    assert len(await listed(overdue_condition(False, datetime.now(UTC)))) == 3


async def test_the_request_list_shows_overdue_requests_first(gql):
    hotel = await build_hotel(gql)
    now = datetime.now(UTC)
    for description, due in (
        ("tomorrow", now + timedelta(days=1)),
        ("two hours late", now - timedelta(hours=2)),
        ("in an hour", now + timedelta(hours=1)),
        ("ten minutes late", now - timedelta(minutes=10)),
    ):
        await gql.ok(
            "createConciergeRequest",
            {
                "propertyId": hotel.property_id,
                "type": "WAKE_UP_CALL",
                "description": description,
                "dueAt": due.isoformat(),
            },
            "request { id }",
        )
    nodes = (await gql.execute(LIST, {"p": hotel.property_id}))["conciergeRequests"]["nodes"]
    assert [(n["description"], n["overdue"]) for n in nodes] == [
        ("two hours late", True),
        ("ten minutes late", True),
        ("in an hour", False),
        ("tomorrow", False),
    ]
    late = await gql.execute(LIST, {"p": hotel.property_id, "overdue": True})
    assert [n["description"] for n in late["conciergeRequests"]["nodes"]] == [
        "two hours late",
        "ten minutes late",
    ]


async def test_the_list_pages_through_every_request_once(gql):
    hotel = await build_hotel(gql)
    for i in range(5):
        await gql.ok(
            "createConciergeRequest",
            {"propertyId": hotel.property_id, "type": "OTHER", "description": f"r{i}"},
            "request { id }",
        )
    seen, after = [], None
    while True:
        page = (await gql.execute(LIST, {"p": hotel.property_id, "first": 2, "after": after}))[
            "conciergeRequests"
        ]
        seen += [n["description"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == [f"r{i}" for i in range(5)]


async def test_a_cancelled_stay_cancels_its_requests(gql):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    stay_id = (await book(gql, hotel, day + timedelta(days=3), day + timedelta(days=5)))["stay"][
        "id"
    ]
    await gql.ok(
        "createConciergeRequest",
        {"propertyId": hotel.property_id, "stayId": stay_id, "type": "RESTAURANT_BOOKING"},
        "request { id }",
    )
    await gql.ok("cancelStay", {"stayId": stay_id}, "stay { id }")
    [request] = await _stay_requests(gql, stay_id)
    assert request["status"] == "CANCELLED"
    assert request["history"][-1]["note"] == "Stay cancelled."
