"""GraphQL subscriptions over a real WebSocket against ``frontdesk serve`` (graphql-transport-ws;
docs/live.md): delivery after another client's mutation, authentication, permissions,
property scope and argument errors, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
import websockets
from support.hotel import Hotel, build_hotel
from support.live import http_client, live_subscribers, subscriber

BOARD = "subscription($p: ID!) { boardChanged(propertyId: $p) { name propertyId stayId roomId } }"
ROOMS = "subscription($p: ID!) { roomStatusChanged(propertyId: $p) { name roomId } }"
EVENTS = "subscription($p: ID!, $t: [String!]) { events(propertyId: $p, types: $t) { name } }"


@pytest.fixture
def server(live_server, database_url):
    """One ``frontdesk serve`` process over the test's (migrated) database, core alone."""
    return live_server(database_url=database_url, migrate=False, plugins="")


async def _key(admin, *roles: str, properties: list[str] | None = None) -> str:
    payload = await admin.ok(
        "createApiKey",
        {
            "name": "live test key",
            "roles": list(roles),
            "propertyIds": properties or [],
            "allProperties": properties is None,
        },
        "key",
    )
    return payload["key"]


async def _set_status(client, hotel: Hotel, number: str, status: str) -> None:
    await client.ok(
        "setRoomStatus", {"roomId": hotel.rooms[number], "status": status}, "room { id }"
    )


async def _book(client, hotel: Hotel) -> str:
    payload = await client.ok(
        "bookStay",
        {
            "propertyId": hotel.property_id,
            "roomTypeId": hotel.room_types["DBL"],
            "guestId": hotel.guests[0],
            "arrival": hotel.business_date.isoformat(),
            "departure": (hotel.business_date + timedelta(days=2)).isoformat(),
        },
        "stay { id }",
    )
    return payload["stay"]["id"]


async def _refusal(sub) -> dict:
    """The one error of a refused subscription: a ``next`` without data, then ``complete``."""
    message = await sub.receive()
    assert message["type"] == "next" and message["payload"]["data"] is None, message
    assert (await sub.receive())["type"] == "complete"
    [error] = message["payload"]["errors"]
    return error


async def test_a_board_subscriber_receives_another_clients_booking_within_2_s(server, admin_key):
    async with http_client(server.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="LV", doubles=2, suites=0, guests=1)
        async with subscriber(server.base_url, admin_key) as sub:
            op = await sub.subscribe(BOARD, {"p": hotel.property_id})
            stay_id = await _book(admin, hotel)
            message = await sub.receive()  # within DELIVERY_SECONDS
    assert message["id"] == op and message["type"] == "next"
    event = message["payload"]["data"]["boardChanged"]
    assert event == {
        "name": "stay.booked",
        "propertyId": hotel.property_id,
        "stayId": stay_id,
        "roomId": None,
    }


async def test_room_status_subscription_gets_the_room_and_no_stay_events(server, admin_key):
    async with http_client(server.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="RS", doubles=2, suites=0, guests=1)
        async with subscriber(server.base_url, admin_key) as sub:
            await sub.subscribe(ROOMS, {"p": hotel.property_id})
            # /metrics counts it under its own field, apart from the board's and the events'
            assert await live_subscribers(server.base_url, "roomStatusChanged") == 1
            assert await live_subscribers(server.base_url, "boardChanged") == 0
            await _book(admin, hotel)  # a stay event: not for this subscription
            await _set_status(admin, hotel, "101", "DIRTY")
            message = await sub.receive()
    assert message["payload"]["data"]["roomStatusChanged"] == {
        "name": "room.status_changed",
        "roomId": hotel.rooms["101"],
    }


async def test_connection_without_credentials_is_refused(server):
    with pytest.raises(websockets.ConnectionClosed) as closed:
        async with subscriber(server.base_url, None):
            pass
    assert closed.value.rcvd.code == 4403


async def test_connection_with_a_wrong_credential_is_refused(server):
    with pytest.raises(websockets.ConnectionClosed) as closed:
        async with subscriber(server.base_url, "fdk_not-a-real-key"):
            pass
    assert closed.value.rcvd.code == 4403


async def test_hotel_a_user_never_receives_hotel_b_events(server, admin_key):
    async with http_client(server.base_url, admin_key) as admin:
        hotel_a = await build_hotel(admin, code="A", doubles=2, suites=0, guests=1)
        hotel_b = await build_hotel(admin, code="B", doubles=2, suites=0, guests=1)
        key_a = await _key(admin, "front_desk", properties=[hotel_a.property_id])
        async with subscriber(server.base_url, key_a) as sub:
            await sub.subscribe(EVENTS, {"p": hotel_a.property_id})
            await _set_status(admin, hotel_b, "101", "DIRTY")
            await _set_status(admin, hotel_a, "102", "DIRTY")
            first = await sub.receive()
    # Hotel B's change was committed first; the first thing A's user receives is A's.
    assert first["payload"]["data"]["events"] == {"name": "room.status_changed"}
    assert first["type"] == "next"


async def test_subscribing_to_another_hotels_property_is_refused_as_not_found(server, admin_key):
    async with http_client(server.base_url, admin_key) as admin:
        hotel_a = await build_hotel(admin, code="A", doubles=1, suites=0, guests=0)
        hotel_b = await build_hotel(admin, code="B", doubles=1, suites=0, guests=0)
        key_a = await _key(admin, "front_desk", properties=[hotel_a.property_id])
        async with subscriber(server.base_url, key_a) as sub:
            await sub.subscribe(BOARD, {"p": hotel_b.property_id}, refused=True)
            error = await _refusal(sub)
    assert error["message"] == "propertyId does not exist."
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_a_subscription_needs_its_fields_permission(server, admin_key):
    async with http_client(server.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="HR", doubles=1, suites=0, guests=0)
        key = await _key(admin, "hr")  # no stays.read
        async with subscriber(server.base_url, key) as sub:
            await sub.subscribe(BOARD, {"p": hotel.property_id}, refused=True)
            error = await _refusal(sub)
    assert error["extensions"] == {
        "code": "FORBIDDEN",
        "permission": "stays.read",
    }


async def test_events_a_caller_may_not_read_are_left_out_of_the_stream(server, admin_key):
    """A housekeeper (no guests.read) on the board: the guest's change is not sent, the room
    status change after it is."""
    async with http_client(server.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="HK", doubles=1, suites=0, guests=1)
        key = await _key(admin, "housekeeping")
        async with subscriber(server.base_url, key) as sub:
            await sub.subscribe(BOARD, {"p": hotel.property_id})
            await admin.ok(
                "updateGuest", {"guestId": hotel.guests[0], "lastName": "Renamed"}, "guest { id }"
            )
            await _set_status(admin, hotel, "101", "DIRTY")
            first = await sub.receive()
    assert first["payload"]["data"]["boardChanged"]["name"] == "room.status_changed"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"p": "not-an-id"}, "propertyId does not exist."),
        (
            {"t": ["no such thing!"]},
            "types: 'no such thing!' is not an event name or area. Known areas: ",
        ),
        ({"t": []}, "types must list 1 to 50 event names."),
    ],
)
async def test_a_bad_subscription_argument_gets_a_clear_error(
    server, admin_key, variables, message
):
    async with http_client(server.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="BA", doubles=1, suites=0, guests=0)
        async with subscriber(server.base_url, admin_key) as sub:
            await sub.subscribe(EVENTS, {"p": hotel.property_id, **variables}, refused=True)
            error = await _refusal(sub)
            # the connection survives the mistake: a valid subscription still works
            await sub.subscribe(ROOMS, {"p": hotel.property_id})
            await _set_status(admin, hotel, "101", "DIRTY")
            after = await sub.receive()
    assert error["message"].startswith(message)
    assert after["payload"]["data"]["roomStatusChanged"]["name"] == "room.status_changed"


async def test_the_board_example_of_docs_live_md_runs_as_written(server, admin_key, repo_root):
    text = (repo_root / "docs" / "live.md").read_text()
    example = text.split("```graphql\n", 1)[1].split("```", 1)[0]
    async with http_client(server.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="DOC", doubles=1, suites=0, guests=1)
        async with subscriber(server.base_url, admin_key) as sub:
            await sub.subscribe(example, {"propertyId": hotel.property_id})
            stay_id = await _book(admin, hotel)
            message = await sub.receive()
    event = message["payload"]["data"]["boardChanged"]
    assert (event["name"], event["stayId"], event["subjectId"]) == ("stay.booked", stay_id, stay_id)
    assert event["propertyId"] == hotel.property_id and event["occurredAt"]


async def test_a_revoked_key_ends_its_subscriptions_at_the_next_event(
    live_server, database_url, admin_key
):
    server = live_server(
        database_url=database_url,
        migrate=False,
        plugins="",
        env={"FRONTDESK_LIVE_RECHECK_SECONDS": "0"},  # re-check before every event
    )
    async with http_client(server.base_url, admin_key) as admin:
        hotel = await build_hotel(admin, code="RV", doubles=1, suites=0, guests=0)
        created = await admin.ok(
            "createApiKey",
            {"name": "leaving", "roles": ["front_desk"], "allProperties": True},
            "key apiKey { id }",
        )
        async with subscriber(server.base_url, created["key"]) as sub:
            await sub.subscribe(ROOMS, {"p": hotel.property_id})
            await _set_status(admin, hotel, "101", "DIRTY")
            delivered = await sub.receive()
            await admin.ok("revokeApiKey", {"apiKeyId": created["apiKey"]["id"]}, "apiKey { id }")
            await _set_status(admin, hotel, "101", "CLEAN")
            error = await _refusal(sub)
    assert delivered["payload"]["data"]["roomStatusChanged"]["name"] == "room.status_changed"
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_subscription_posted_over_http_is_told_to_use_the_websocket(gql, backend):
    response = await gql.raw('subscription { boardChanged(propertyId: "1") { name } }')
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["message"].startswith("Subscriptions are served over WebSocket")


async def test_an_event_committed_on_another_threads_loop_reaches_the_servers_subscribers(
    settings, backend
):
    """A command or a test may commit through the same plugin manager from another thread
    (its own event loop) while the server runs: the broker hands the event to the server's
    loop, which owns the subscriber queues and the LISTEN connection (asyncpg crashes the
    process when a connection is used from two threads)."""
    import asyncio
    import threading

    from frontdesk.core import bootstrap
    from frontdesk.graphql.live.broker import LiveEvent, make_broker

    broker = make_broker(bootstrap.start(settings).engine)
    server_loop = asyncio.new_event_loop()
    thread = threading.Thread(target=server_loop.run_forever, daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(broker.start(), server_loop).result(15)

        async def subscribe():
            async with broker.listen(7) as queue:
                return await asyncio.wait_for(queue.get(), timeout=10)

        received = asyncio.run_coroutine_threadsafe(subscribe(), server_loop)
        await asyncio.sleep(0.2)  # the subscription is open on the server's loop
        event = LiveEvent("stay.booked", 7, 1, "2026-12-03T07:00:00+00:00", stay_id=1)
        await broker.publish(event)  # from this thread's loop
        assert await asyncio.wrap_future(received) == event
    finally:
        asyncio.run_coroutine_threadsafe(broker.stop(), server_loop).result(15)
        server_loop.call_soon_threadsafe(server_loop.stop)
        thread.join(5)
