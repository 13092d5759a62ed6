"""The roster panel's swaps as a member of staff and a planner see them, with every plugin
enabled: a desk clerk whose staff member is linked to her login (``ShiftsStaffMember.userId``
= ``me.userId``) finds her own shifts without choosing anyone and asks a colleague to take
one; a planner approves a swap, approves one *anyway* past a labour rule the API lets him
accept, and refuses one. Each decision is read back through the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from support.web_desk import DEMO_PASSWORD, Api, desk_context, shoot, sign_in

PROPERTY = "1"
CREATE_USER = """mutation($i: CreateUserInput!) { createUser(input: $i) { user { id }
  errors { message } } }"""
CREATE_STAFF = """mutation($i: ShiftsCreateStaffMemberInput!) { shiftsCreateStaffMember(input: $i)
  { staffMember { id } errors { message } } }"""
SETUP = """query($p: ID!) { property(id: $p) { businessDate } shiftsTemplates(propertyId: $p)
  { id code } shiftsRosters(propertyId: $p, status: PUBLISHED) { nodes { id startsOn endsOn } } }"""
ASSIGN = """mutation($i: ShiftsAssignInput!) { shiftsAssign(input: $i) { errors { message } } }"""
SHIFTS = """query($p: ID!, $s: Date!, $e: Date!, $staff: ID) { shiftsPublishedShifts(propertyId: $p,
  start: $s, end: $e, staffId: $staff) { id day staff { id name } template { code } } }"""
REQUEST = """mutation($i: ShiftsRequestSwapInput!) { shiftsRequestSwap(input: $i) {
  swapRequest { id } errors { message } } }"""
SWAPS = """query($p: ID!) { shiftsSwapRequests(propertyId: $p, first: 100) {
  nodes { id note status assignment { id staff { name } } toStaff { name } } } }"""
TEAM = ("Jonas Keller", "Aylin Demir", "Luca Ferri", "Mara Weiss")


@dataclass
class Clerk:
    staff_id: str
    shifts: list[dict]  # her three early shifts, by day
    week: dict  # the variables of SHIFTS for the next two weeks


def _made(answer: dict) -> dict:
    (payload,) = answer.values()
    assert payload["errors"] == [], payload
    return payload


@pytest.fixture(scope="module")
def nina(demo_server, admin_api) -> Clerk:
    """A desk clerk with a login of her own, her staff member linked to it, and early shifts
    on the published roster one, two and three days after the business date."""
    user = _made(
        admin_api.gql(
            CREATE_USER,
            {
                "i": {
                    "username": "nina",
                    "displayName": "Nina Roth",
                    "password": DEMO_PASSWORD,
                    "roles": ["front_desk"],
                    "allProperties": True,
                }
            },
        )
    )["user"]
    staff = _made(admin_api.gql(CREATE_STAFF, {"i": _member("Nina Roth", userId=user["id"])}))
    staff_id = staff["staffMember"]["id"]
    setup = admin_api.gql(SETUP, {"p": PROPERTY})
    today = date.fromisoformat(setup["property"]["businessDate"])
    early = next(t["id"] for t in setup["shiftsTemplates"] if t["code"] == "EARLY")
    roster = next(
        r["id"]
        for r in setup["shiftsRosters"]["nodes"]
        if r["startsOn"] <= today.isoformat() and (today + timedelta(3)).isoformat() < r["endsOn"]
    )
    for offset in (1, 2, 3):
        day = (today + timedelta(offset)).isoformat()
        assignment = {"rosterId": roster, "staffId": staff_id, "templateId": early, "day": day}
        _made(admin_api.gql(ASSIGN, {"i": assignment}))
    week = {"p": PROPERTY, "s": today.isoformat(), "e": (today + timedelta(14)).isoformat()}
    shifts = admin_api.gql(SHIFTS, {**week, "staff": staff_id})["shiftsPublishedShifts"]
    assert len(shifts) == 3
    return Clerk(staff_id, sorted(shifts, key=lambda s: s["day"]), week)


def _member(name: str, **more) -> dict:
    return {
        "propertyId": PROPERTY,
        "name": name,
        "departments": ["front_office"],
        "skills": ["reception"],
        **more,
    }


def _free_colleague(admin_api: Api, clerk: Clerk, day: str) -> str:
    """A colleague whom an early shift on ``day`` breaks no labour rule for, whatever the
    date: no shift that day, no late one the evening before (too little rest)."""
    eve = (date.fromisoformat(day) - timedelta(1)).isoformat()
    shifts = admin_api.gql(SHIFTS, {**clerk.week, "staff": None})["shiftsPublishedShifts"]
    busy = {
        s["staff"]["name"]
        for s in shifts
        if s["day"] == day or (s["day"] == eve and s["template"]["code"] == "LATE")
    }
    return next(name for name in TEAM if name not in busy)


def _staff_id(admin_api: Api, name: str) -> str:
    query = "query($p: ID!) { shiftsStaff(propertyId: $p, first: 200) { nodes { id name } } }"
    nodes = admin_api.gql(query, {"p": PROPERTY})["shiftsStaff"]["nodes"]
    return next(n["id"] for n in nodes if n["name"] == name)


def _now(admin_api: Api, clerk: Clerk, shift: dict) -> tuple[str, dict]:
    """Who works ``shift`` now, and the swap request of it, as the API says."""
    shifts = admin_api.gql(SHIFTS, {**clerk.week, "staff": None})["shiftsPublishedShifts"]
    worker = next(s["staff"]["name"] for s in shifts if s["id"] == shift["id"])
    swaps = admin_api.gql(SWAPS, {"p": PROPERTY})["shiftsSwapRequests"]["nodes"]
    (swap,) = [s for s in swaps if s["assignment"]["id"] == shift["id"]]
    return worker, swap


def _ask(demo_server, shift: dict, colleague_id: str, note: str) -> None:
    clerk = Api(demo_server.base_url, "nina")
    _made(
        clerk.gql(
            REQUEST, {"i": {"assignmentId": shift["id"], "toStaffId": colleague_id, "note": note}}
        )
    )


def open_panel(page, title: str) -> None:
    page.get_by_role("navigation").get_by_role("button", name=title).click()
    page.get_by_role("heading", name=title, exact=True).wait_for()


def test_a_clerk_sees_her_own_shifts_without_choosing_and_a_planner_approves_her_swap(
    demo_server, admin_api, nina, page, chromium
):
    sign_in(page, demo_server.base_url, "nina")
    open_panel(page, "Roster of the week")
    for shift in nina.shifts:  # nobody was chosen: the panel knows who is signed in
        page.locator(f"tr[data-shift='{shift['id']}']").wait_for()
    assert page.get_by_label("Whose shifts").input_value() == nina.staff_id

    shift = nina.shifts[0]
    colleague = _free_colleague(admin_api, nina, shift["day"])
    row = page.locator(f"tr[data-shift='{shift['id']}']")
    row.get_by_role("button", name="Ask a colleague to take the").click()
    row.get_by_label("Colleague", exact=True).select_option(label=colleague)
    row.get_by_label("Note").fill("Dentist")
    shoot(page, "panel-roster-swap", full_page=True)
    row.get_by_role("button", name="Send the request").click()
    row.get_by_role("button", name="Ask a colleague to take the").wait_for()
    # asked again while pending: the API's refusal is shown for the shift
    row.get_by_role("button", name="Ask a colleague to take the").click()
    row.get_by_role("button", name="Send the request").click()
    row.locator("[data-field=assignmentId]").get_by_text("already pending").wait_for()
    worker, swap = _now(admin_api, nina, shift)
    assert (worker, swap["status"], swap["note"]) == ("Nina Roth", "REQUESTED", "Dentist")

    with desk_context(chromium) as planner:
        manager = planner.new_page()
        sign_in(manager, demo_server.base_url, "admin")
        open_panel(manager, "Roster of the week")
        pending = manager.locator("li[data-swap]", has_text="Dentist")
        # the colleague works no shift that day: no labour rule stands in the way
        pending.get_by_role("button", name="Approve the swap").click()
        pending.wait_for(state="detached")
    worker, swap = _now(admin_api, nina, shift)
    assert (worker, swap["status"]) == (colleague, "APPROVED")


def test_a_planner_approves_anyway_a_swap_a_labour_rule_stands_in_the_way_of(
    demo_server, admin_api, nina, page
):
    # Paul may work four hours a week: an eight-hour shift breaks his weekly limit, a rule a
    # planner may accept (overlaps, time off and employment dates he could not).
    paul = _made(
        admin_api.gql(
            CREATE_STAFF,
            {"i": _member("Paul Brandt", weeklyTargetMinutes=240, weeklyMaxMinutes=240)},
        )
    )["staffMember"]["id"]
    shift = nina.shifts[1]
    _ask(demo_server, shift, paul, "Wedding")
    sign_in(page, demo_server.base_url, "admin")
    open_panel(page, "Roster of the week")
    pending = page.locator("li[data-swap]", has_text="Wedding")
    pending.get_by_role("button", name="Approve the swap").click()
    pending.get_by_role("alert").get_by_text("240").wait_for()
    worker, swap = _now(admin_api, nina, shift)
    assert (worker, swap["status"]) == ("Nina Roth", "REQUESTED")  # refused: nothing moved

    pending.get_by_role("button", name="Approve anyway").click()
    pending.wait_for(state="detached")
    worker, swap = _now(admin_api, nina, shift)
    assert (worker, swap["status"], swap["toStaff"]["name"]) == (
        "Paul Brandt",
        "APPROVED",
        "Paul Brandt",
    )


def test_a_planner_refuses_a_swap_and_the_shift_stays_hers(demo_server, admin_api, nina, page):
    shift = nina.shifts[2]
    colleague = _free_colleague(admin_api, nina, shift["day"])
    _ask(demo_server, shift, _staff_id(admin_api, colleague), "Concert")
    sign_in(page, demo_server.base_url, "admin")
    open_panel(page, "Roster of the week")
    pending = page.locator("li[data-swap]", has_text="Concert")
    pending.get_by_role("button", name="Refuse the swap").click()
    pending.wait_for(state="detached")
    worker, swap = _now(admin_api, nina, shift)
    assert (worker, swap["status"]) == ("Nina Roth", "DENIED")
