"""Guest privacy: export everything held about a guest (core and every plugin), anonymize
(core and every plugin, financial records kept, refused in house), list by retention."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from support.hotel import book
from support.money import charge, folio, pay, stay_money

from frontdesk.core import db
from frontdesk.core.auth import privacy
from frontdesk.core.guests.service import create_guest
from frontdesk.core.plugins import hookimpl
from frontdesk.core.properties.service import create_property, create_room, create_room_type
from frontdesk.core.stays import service as stays

EXPORT = "query($id: ID!) { exportGuestData(guestId: $id) }"


class LoyaltyPlugin:
    """A plugin holding its own personal data about guests (in memory, for the test)."""

    def __init__(self):
        self.cards: dict[int, str] = {}
        self.anonymized_in_transaction: list[bool] = []

    @hookimpl
    def frontdesk_guest_data_export(self, guest):
        async def section():
            return {"loyalty": {"card": self.cards.get(guest.id)}}

        return section()

    @hookimpl
    def frontdesk_guest_anonymize(self, guest, actor):
        self.anonymized_in_transaction.append(db.current_unit() is not None)
        self.cards[guest.id] = "ANONYMIZED"


@pytest.fixture
def loyalty(app) -> LoyaltyPlugin:
    plugin = LoyaltyPlugin()
    app.state.runtime.plugin_manager.register(plugin, name="loyalty")
    return plugin


async def test_the_export_holds_profile_stays_and_each_plugins_part(gql, hotel_a, loyalty):
    guest_id = hotel_a.guests[0]
    loyalty.cards[int(guest_id)] = "GOLD-42"
    day = hotel_a.business_date
    stay = (await book(gql, hotel_a, day, day + timedelta(days=2)))["stay"]
    document = (await gql.execute(EXPORT, {"id": guest_id}))["exportGuestData"]
    if isinstance(document, str):
        document = json.loads(document)
    assert document["guest"]["email"] == "guest0@example.org"
    assert [s["confirmation_code"] for s in document["stays"]] == [stay["confirmationCode"]]
    assert document["plugins"] == {"loyalty": {"card": "GOLD-42"}}
    assert any(r["operation"] == "bookStay" for r in document["audit"])


async def test_exporting_needs_its_own_permission(client_for, hotel_a):
    clerk = await client_for("front_desk")
    body = (await clerk.raw(EXPORT, {"id": hotel_a.guests[0]})).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_anonymizing_is_refused_while_the_guest_is_in_house(gql, hotel_a, loyalty):
    day = hotel_a.business_date
    stay = (await book(gql, hotel_a, day, day + timedelta(days=1)))["stay"]
    await gql.ok("checkIn", {"stayId": stay["id"]}, "stay { id }")
    payload = await gql.mutate(
        "anonymizeGuest", {"guestId": hotel_a.guests[0]}, "guest { firstName }"
    )
    assert payload["guest"] is None
    assert payload["errors"][0]["code"] == "GUEST_IN_HOUSE"
    assert loyalty.anonymized_in_transaction == []


async def test_anonymizing_replaces_personal_data_in_core_and_plugins_and_keeps_the_stay(
    gql, hotel_a, loyalty
):
    guest_id = hotel_a.guests[0]
    loyalty.cards[int(guest_id)] = "GOLD-42"
    day = hotel_a.business_date
    stay = await book(gql, hotel_a, day, day + timedelta(days=1), notes="allergic to nuts")
    stay = stay["stay"]
    await gql.ok("checkIn", {"stayId": stay["id"]}, "stay { id }")
    await gql.ok("checkOut", {"stayId": stay["id"]}, "stay { id }")
    payload = await gql.ok(
        "anonymizeGuest", {"guestId": guest_id}, "guest { firstName lastName email dateOfBirth }"
    )
    assert payload["guest"] == {
        "firstName": "Anonymized",
        "lastName": f"Guest {guest_id}",
        "email": None,
        "dateOfBirth": None,
    }
    assert loyalty.cards[int(guest_id)] == "ANONYMIZED"
    assert loyalty.anonymized_in_transaction == [True]
    kept = await gql.execute(
        "query($id: ID!) { stay(id: $id) { confirmationCode arrival departure status notes } }",
        {"id": stay["id"]},
    )
    assert kept["stay"] == {
        "confirmationCode": stay["confirmationCode"],
        "arrival": day.isoformat(),
        "departure": (day + timedelta(days=1)).isoformat(),
        "status": "CHECKED_OUT",
        "notes": "",
    }


async def test_anonymizing_waits_for_an_open_balance_and_keeps_the_financial_records(
    gql, hotel_a, loyalty
):
    guest_id = hotel_a.guests[0]
    day = hotel_a.business_date
    stay = (await book(gql, hotel_a, day + timedelta(days=3), day + timedelta(days=4)))["stay"]
    await charge(gql, {"stayId": stay["id"]}, "FEE", "45.00", description="Late cancellation")
    await gql.ok("cancelStay", {"stayId": stay["id"]}, "stay { id }")
    folio_id = (await stay_money(gql, stay["id"]))["folios"][0]["id"]

    payload = await gql.mutate("anonymizeGuest", {"guestId": guest_id}, "guest { id }")
    assert payload == {
        "guest": None,
        "errors": [
            {
                "code": "OPEN_BALANCE",
                "message": f"The guest has an open balance of 45.00 EUR (folio {folio_id}); "
                "settle it or transfer it to the city ledger before anonymizing.",
                "field": "guestId",
            }
        ],
    }
    profile = "query($id: ID!) { guest(id: $id) { firstName email } }"
    unchanged = (await gql.execute(profile, {"id": guest_id}))["guest"]
    assert unchanged == {"firstName": "Guest0", "email": "guest0@example.org"}
    assert loyalty.anonymized_in_transaction == []

    assert (await pay(gql, folio_id, "45.00"))["errors"] == []
    await gql.ok("settleFolio", {"folioId": folio_id}, "folio { id }")
    before = await folio(gql, folio_id)
    await gql.ok("anonymizeGuest", {"guestId": guest_id}, "guest { id }")
    after = await folio(gql, folio_id)
    # The folio's label loses the name; the invoice (recipient included) and every amount stay.
    assert before["name"] == "Guest0 Family0"
    assert after["name"] == f"Anonymized Guest {guest_id}"
    assert {**after, "name": before["name"]} == before
    assert after["invoice"]["number"] == 1
    assert after["invoice"]["recipient"] == before["invoice"]["recipient"]
    assert [(e["kind"], e["amount"]["amount"], e["businessDate"]) for e in after["entries"]] == [
        ("CHARGE", "45.00", day.isoformat()),
        ("PAYMENT", "-45.00", day.isoformat()),
    ]


async def test_a_folio_billed_to_a_company_does_not_hold_up_the_guest(gql, hotel_a):
    day = hotel_a.business_date
    stay = (await book(gql, hotel_a, day + timedelta(days=3), day + timedelta(days=4)))["stay"]
    account = await gql.ok(
        "createCityLedgerAccount",
        {"propertyId": hotel_a.property_id, "code": "ACME", "name": "Acme", "creditLimit": "500"},
        "account { id }",
    )
    company_folio = await gql.ok(
        "openFolio",
        {"stayId": stay["id"], "name": "Acme", "accountId": account["account"]["id"]},
        "folio { id }",
    )
    await charge(gql, {"folioId": company_folio["folio"]["id"]}, "FEE", "80.00")
    await gql.ok("anonymizeGuest", {"guestId": hotel_a.guests[0]}, "guest { id }")
    assert (await folio(gql, company_folio["folio"]["id"]))["name"] == "Acme"


async def test_a_plugin_veto_leaves_the_guest_untouched(gql, hotel_a, app):
    from frontdesk.core.errors import Conflict

    class LegalHold:
        @hookimpl
        def frontdesk_guest_anonymize(self, guest):
            raise Conflict("The guest is under a legal hold.", field="guestId")

    app.state.runtime.plugin_manager.register(LegalHold(), name="hold")
    payload = await gql.mutate("anonymizeGuest", {"guestId": hotel_a.guests[0]}, "guest { id }")
    assert payload["errors"][0]["message"] == "The guest is under a legal hold."
    guest = await gql.execute(
        "query($id: ID!) { guest(id: $id) { firstName } }", {"id": hotel_a.guests[0]}
    )
    assert guest["guest"]["firstName"] == "Guest0"


async def test_guests_without_a_recent_stay_are_due_for_anonymization(runtime):
    day = date(2026, 11, 23)
    prop = await create_property(code="RET", name="Retention", business_date=day)
    room_type = await create_room_type(
        property_id=prop.id, code="DBL", name="Double", max_occupancy=2
    )
    await create_room(property_id=prop.id, room_type_id=room_type.id, number="1")
    stayed, _ = await create_guest(property_id=prop.id, first_name="Old", last_name="Stay")
    await stays.book_stay(
        property_id=prop.id,
        room_type_id=room_type.id,
        guest_id=stayed.id,
        arrival=day,
        departure=day + timedelta(days=1),
    )

    async def due(today: date) -> list[int]:
        page = await privacy.due_for_anonymization(
            retention_months=24, allowed_property_ids=None, first=50, after=None, today=today
        )
        return [g.id for g in page.items]

    assert await due(date(2027, 1, 1)) == []
    assert await due(date(2029, 1, 1)) == [stayed.id]
    await privacy.anonymize_guest(stayed.id, actor="user:dpo")
    assert await due(date(2029, 1, 1)) == []
