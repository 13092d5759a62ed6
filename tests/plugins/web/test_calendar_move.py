"""Moving a stay on the room calendar: a bar dragged onto another room's row, the same with the
keyboard alone (the bar's Move button and the form it opens), and a move the API refuses shown
beside the room field. What moved is read back from the API."""

from __future__ import annotations

from datetime import date, timedelta

from support.web_desk import Api, book_arrival, nav, shoot, sign_in

PROPERTY = "1"
ROOM_OF = "query($id: ID!) { stay(id: $id) { room { id number } roomType { id } departure } }"
READY = ("CLEAN", "INSPECTED")


def in_house(api: Api, surname: str) -> dict:
    """A guest checked in today for two nights, with the room the API gave them."""
    today = api.gql("query($p: ID!) { property(id: $p) { businessDate } }", {"p": PROPERTY})[
        "property"
    ]["businessDate"]
    leaving = (date.fromisoformat(today) + timedelta(days=2)).isoformat()
    stay = book_arrival(api, PROPERTY, today, leaving, firstName="Mo", lastName=surname)
    checked_in = api.gql(
        "mutation($i: CheckInInput!) { checkIn(input: $i) { errors { message } } }",
        {"i": {"stayId": stay["id"]}},
    )["checkIn"]
    assert checked_in["errors"] == []
    return {**stay, **api.gql(ROOM_OF, {"id": stay["id"]})["stay"], "today": today}


def free_clean_room(api: Api, stay: dict) -> dict:
    """A room of the stay's type, free for its nights and ready for an in-house guest."""
    types = api.gql(
        "query($p: ID!, $a: Date!, $d: Date!, $rt: ID!) { availability(propertyId: $p,"
        " arrival: $a, departure: $d, roomTypeId: $rt) {"
        " roomTypes { freeRooms { id number housekeepingStatus } } } }",
        {"p": PROPERTY, "a": stay["today"], "d": stay["departure"], "rt": stay["roomType"]["id"]},
    )["availability"]["roomTypes"]
    rooms = [room for t in types for room in t["freeRooms"] if room["housekeepingStatus"] in READY]
    return next(room for room in rooms if room["id"] != stay["room"]["id"])


def open_calendar(page, base_url: str) -> None:
    sign_in(page, base_url, "desk")
    nav(page, "Room calendar")
    page.locator("table.calendar").wait_for()


def test_a_stay_dragged_onto_another_rooms_row_moves_there(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    stay = in_house(api, "Dragged")
    target = free_clean_room(api, stay)
    open_calendar(page, demo_server.base_url)

    bar = page.locator(f"td.bar[data-stay='{stay['id']}']")
    assert page.locator(f"tr[data-room='{stay['room']['number']}']").locator(bar).count() == 1
    bar.drag_to(page.locator(f"tr[data-room='{target['number']}'] th"))
    page.get_by_role("status").get_by_text(
        f"Mo Dragged moved to room {target['number']}."
    ).wait_for()
    page.locator(f"tr[data-room='{target['number']}'] td.bar[data-stay='{stay['id']}']").wait_for()
    assert api.gql(ROOM_OF, {"id": stay["id"]})["stay"]["room"]["number"] == target["number"]
    shoot(page, "calendar-move")


def test_a_stay_moves_with_the_keyboard_alone(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    stay = in_house(api, "Keys")
    target = free_clean_room(api, stay)
    open_calendar(page, demo_server.base_url)

    name = f"Move Mo Keys from room {stay['room']['number']} to another room"
    page.get_by_role("button", name=name).focus()
    page.keyboard.press("Enter")
    select = page.get_by_label("To room")
    select.wait_for()
    assert page.evaluate("document.activeElement.id") == select.get_attribute("id")
    for _ in range(300):
        if select.input_value() == target["id"]:
            break
        page.keyboard.press("ArrowDown")
    assert select.input_value() == target["id"]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_role("status").get_by_text(f"Mo Keys moved to room {target['number']}.").wait_for()
    assert api.gql(ROOM_OF, {"id": stay["id"]})["stay"]["room"]["number"] == target["number"]


def test_a_move_onto_a_taken_room_shows_the_apis_refusal_beside_the_room(demo_server, page):
    api = Api(demo_server.base_url, "desk")
    mover = in_house(api, "Refused")
    other = in_house(api, "Staying")
    open_calendar(page, demo_server.base_url)

    taken = other["room"]["number"]
    page.locator(f"td.bar[data-stay='{mover['id']}']").drag_to(
        page.locator(f"tr[data-room='{taken}'] th")
    )
    error = page.locator(f"#move-{mover['id']}-room-error")
    error.wait_for()
    assert f"Room {taken} is taken" in error.inner_text()
    assert error.get_attribute("data-field") == "roomId"
    shoot(page, "calendar-move-refused")
    assert (
        api.gql(ROOM_OF, {"id": mover["id"]})["stay"]["room"]["number"] == mover["room"]["number"]
    )
