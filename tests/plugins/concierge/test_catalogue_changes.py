"""Changing the catalogue and the resources: edits change only what is given, a recommendation
a guest was told about is deactivated instead of deleted, a resource's capacity never drops
below what is booked, and a refused change writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from support.hotel import book, build_hotel

from frontdesk.plugins.concierge import bookings as service
from frontdesk.plugins.concierge.tables import ConciergeBookingSeat

RECOMMENDATION = """id name active priceLevel tags descriptions { language text }
  category address"""
FIND = f"""query($p: ID!) {{ conciergeRecommendations(propertyId: $p, includeInactive: true) {{
  nodes {{ {RECOMMENDATION} }} }} }}"""
RESOURCES = """query($p: ID!) { conciergeResources(propertyId: $p) {
  nodes { id name capacity price { amount currency } active service } } }"""


def tomorrow_at_ten() -> datetime:
    """A slot that is still ahead, on every hourly grid (10:00 UTC is 11:00 in Berlin)."""
    return (datetime.now(UTC) + timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )


async def _recommendation(gql) -> tuple:
    hotel = await build_hotel(gql)
    created = await gql.ok(
        "createConciergeRecommendation",
        {
            "propertyId": hotel.property_id,
            "name": "Trattoria Roma",
            "category": "RESTAURANT",
            "descriptions": [{"language": "en", "text": "Pasta"}],
            "tags": ["italian"],
            "priceLevel": 2,
            "address": "Via 1",
        },
        "recommendation { id }",
    )
    return hotel, created["recommendation"]["id"]


async def _catalogue(gql, hotel) -> list[dict]:
    data = await gql.execute(FIND, {"p": hotel.property_id})
    return data["conciergeRecommendations"]["nodes"]


async def test_an_edit_changes_only_the_fields_it_gives(gql):
    hotel, rec = await _recommendation(gql)
    updated = await gql.ok(
        "updateConciergeRecommendation",
        {"recommendationId": rec, "name": "Trattoria Roma Nuova", "tags": ["pizza", "late"]},
        f"recommendation {{ {RECOMMENDATION} }}",
    )
    assert updated["recommendation"] == {
        "id": rec,
        "name": "Trattoria Roma Nuova",
        "active": True,
        "priceLevel": 2,
        "tags": ["late", "pizza"],
        "descriptions": [{"language": "en", "text": "Pasta"}],
        "category": "RESTAURANT",
        "address": "Via 1",
    }
    cleared = await gql.ok(
        "updateConciergeRecommendation",
        {"recommendationId": rec, "priceLevel": None, "category": "NIGHTLIFE"},
        "recommendation { priceLevel category tags }",
    )
    assert cleared["recommendation"] == {
        "priceLevel": None,
        "category": "NIGHTLIFE",
        "tags": ["late", "pizza"],
    }


async def test_a_refused_edit_is_a_user_error_and_changes_nothing(gql):
    hotel, rec = await _recommendation(gql)
    refused = await gql.mutate(
        "updateConciergeRecommendation",
        {"recommendationId": rec, "name": "Renamed", "tags": ["Not A Tag!"]},
        "recommendation { id }",
    )
    assert refused["recommendation"] is None
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("INVALID_INPUT", "tags")
    assert "lower-case" in error["message"]
    [row] = await _catalogue(gql, hotel)
    assert (row["name"], row["tags"]) == ("Trattoria Roma", ["italian"])


async def test_editing_an_unknown_recommendation_is_not_found(gql):
    await _recommendation(gql)
    refused = await gql.mutate(
        "updateConciergeRecommendation",
        {"recommendationId": "987654", "name": "x"},
        "recommendation { id }",
    )
    assert (refused["errors"][0]["code"], refused["errors"][0]["field"]) == (
        "NOT_FOUND",
        "recommendationId",
    )


async def test_a_recommendation_nobody_was_given_is_deleted(gql):
    hotel, rec = await _recommendation(gql)
    removed = await gql.ok(
        "removeConciergeRecommendation",
        {"recommendationId": rec},
        "recommendation { id } deleted",
    )
    assert removed == {"recommendation": None, "deleted": True, "errors": []}
    assert await _catalogue(gql, hotel) == []


async def test_a_recommendation_a_guest_was_given_is_only_deactivated(gql):
    hotel, rec = await _recommendation(gql)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=1)))["stay"]
    await gql.ok(
        "recordConciergeRecommendationGiven",
        {"recommendationId": rec, "stayId": stay["id"], "note": "For tonight"},
        "given { id }",
    )
    removed = await gql.ok(
        "removeConciergeRecommendation",
        {"recommendationId": rec},
        "recommendation { id active } deleted",
    )
    assert removed["recommendation"] == {"id": rec, "active": False}
    assert removed["deleted"] is False
    told = await gql.execute(
        "query($g: ID!) { guest(id: $g) { recommendationsGiven { recommendation { name } } } }",
        {"g": hotel.guests[0]},
    )
    assert told["guest"]["recommendationsGiven"] == [{"recommendation": {"name": "Trattoria Roma"}}]


async def _resource(gql, capacity: int = 4) -> tuple:
    hotel = await build_hotel(gql)
    created = await gql.ok(
        "createConciergeResource",
        {
            "propertyId": hotel.property_id,
            "name": "Sauna",
            "service": "SPA",
            "capacity": capacity,
            "price": "30.00",
        },
        "resource { id }",
    )
    return hotel, created["resource"]["id"]


async def _book(gql, resource: str, party: int) -> dict:
    return await gql.mutate(
        "bookConciergeService",
        {"resourceId": resource, "startsAt": tomorrow_at_ten().isoformat(), "partySize": party},
        "booking { id }",
    )


async def test_a_resource_is_renamed_repriced_and_deactivated(gql):
    hotel, resource = await _resource(gql)
    updated = await gql.ok(
        "updateConciergeResource",
        {"resourceId": resource, "name": "Finnish sauna", "price": "45.00", "active": False},
        "resource { id name capacity price { amount currency } active service }",
    )
    assert updated["resource"] == {
        "id": resource,
        "name": "Finnish sauna",
        "capacity": 4,
        "price": {"amount": "45.00", "currency": "EUR"},
        "active": False,
        "service": "SPA",
    }
    refused = await _book(gql, resource, 1)
    assert (refused["errors"][0]["code"], refused["errors"][0]["field"]) == (
        "CONFLICT",
        "resourceId",
    )
    free = await gql.ok(
        "updateConciergeResource",
        {"resourceId": resource, "price": None},
        "resource { price { amount } }",
    )
    assert free["resource"] == {"price": None}


async def test_capacity_never_drops_below_the_persons_booked(gql):
    hotel, resource = await _resource(gql, capacity=4)
    assert (await _book(gql, resource, 3))["errors"] == []
    refused = await gql.mutate(
        "updateConciergeResource",
        {"resourceId": resource, "capacity": 2, "name": "Small sauna"},
        "resource { id }",
    )
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("CONFLICT", "capacity")
    assert "has 3 persons booked" in error["message"]
    [row] = (await gql.execute(RESOURCES, {"p": hotel.property_id}))["conciergeResources"]["nodes"]
    assert (row["capacity"], row["name"]) == (4, "Sauna")
    lowered = await gql.ok(
        "updateConciergeResource", {"resourceId": resource, "capacity": 3}, "resource { capacity }"
    )
    assert lowered["resource"] == {"capacity": 3}
    assert (await _book(gql, resource, 1))["errors"][0]["code"] == "CONFLICT"


async def test_bad_resource_input_is_a_user_error(gql):
    _hotel, resource = await _resource(gql)
    for changes, field in (
        ({"capacity": 0}, "capacity"),
        ({"price": "-1"}, "price"),
        ({"price": "1.005"}, "price"),
        ({"name": "  "}, "name"),
    ):
        refused = await gql.mutate(
            "updateConciergeResource", {"resourceId": resource, **changes}, "resource { id }"
        )
        assert refused["errors"][0]["field"] == field, changes
        assert refused["errors"][0]["code"] == "INVALID_INPUT"


async def test_lowering_capacity_moves_high_seats_below_it(runtime):
    from frontdesk.core.properties.service import create_property

    prop = await create_property(code="SEAT", name="Seat Hotel", timezone="Europe/Berlin")
    sauna = await service.create_resource(
        property_id=prop.id, name="Sauna", service="spa", capacity=4
    )
    slot = tomorrow_at_ten()
    first = await service.book_service(resource_id=sauna.id, starts_at=slot, party_size=2)
    last = await service.book_service(resource_id=sauna.id, starts_at=slot, party_size=2)
    await service.set_booking_status(booking_id=first.id, status="cancelled")
    await service.update_resource(resource_id=sauna.id, capacity=2)
    seats = await ConciergeBookingSeat.select(ConciergeBookingSeat.seat_no).where(
        ConciergeBookingSeat.booking == last.id
    )
    assert sorted(s["seat_no"] for s in seats) == [0, 1]
    [now_free] = await service.availability(
        resource_id=sauna.id, starts_at=slot, ends_at=slot + timedelta(hours=1)
    )
    assert (now_free.capacity, now_free.taken, now_free.free) == (2, 2, 0)
