"""Lost and found, through the GraphQL API as the front desk uses it."""

from __future__ import annotations

from lost_found import service

ITEM = "item { id description status stayId }"
STAY_ITEMS = "query($id: ID!) { stay(id: $id) { lostItems { description status } } }"


async def test_an_item_recorded_for_a_stay_shows_on_the_stay(gql, core_objects):
    stay = await core_objects.stay()
    payload = await gql.ok(
        "lostFoundRecordItem",
        {"propertyId": str(stay.property), "stayId": str(stay.id), "description": "Blue scarf"},
        ITEM,
    )
    assert payload["item"]["status"] == "HELD"
    data = await gql.execute(STAY_ITEMS, {"id": str(stay.id)})
    assert data["stay"]["lostItems"] == [{"description": "Blue scarf", "status": "HELD"}]


async def test_a_blank_description_is_a_user_error_on_its_field(gql, core_objects):
    prop = await core_objects.property()
    payload = await gql.mutate(
        "lostFoundRecordItem", {"propertyId": str(prop.id), "description": "  "}, ITEM
    )
    assert payload["item"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("INVALID_INPUT", "description")
    ]


async def test_an_item_is_returned_once(gql, core_objects):
    prop = await core_objects.property()
    recorded = await gql.ok(
        "lostFoundRecordItem", {"propertyId": str(prop.id), "description": "Glasses"}, ITEM
    )
    item_id = recorded["item"]["id"]
    returned = await gql.ok("lostFoundReturnItem", {"itemId": item_id}, "item { status }")
    assert returned["item"]["status"] == "RETURNED"
    again = await gql.mutate("lostFoundReturnItem", {"itemId": item_id}, "item { status }")
    assert [e["code"] for e in again["errors"]] == ["INVALID_TRANSITION"]
    unreadable = await gql.mutate("lostFoundReturnItem", {"itemId": "x"}, "item { status }")
    assert [(e["code"], e["field"]) for e in unreadable["errors"]] == [("INVALID_INPUT", "itemId")]


async def test_items_need_the_lost_found_permission(client_for, core_objects):
    prop = await core_objects.property()
    query = "query($p: ID!) { lostFoundItems(propertyId: $p) { id } }"
    accountant = await client_for("accounting")
    refused = await accountant.result(query, {"p": str(prop.id)})
    assert refused.codes == ["FORBIDDEN"]
    housekeeper = await client_for("housekeeping")
    allowed = await housekeeper.result(query, {"p": str(prop.id)})
    assert allowed.errors == [] and allowed.data == {"lostFoundItems": []}


async def test_check_out_leaves_held_items_unclaimed(core_objects):
    stay = await core_objects.checked_in_stay()
    item = await service.record_item(
        property_id=stay.property, stay_id=stay.id, description="Charger"
    )
    await core_objects.check_out(stay.id)
    assert [i.status for i in await service.items_of_property(stay.property)] == ["unclaimed"]
    assert item.status == "held"


async def test_another_hotels_item_is_out_of_reach(gql, client_for, core_objects):
    ours, theirs = await core_objects.property(), await core_objects.property()
    recorded = await gql.ok(
        "lostFoundRecordItem", {"propertyId": str(theirs.id), "description": "Watch"}, ITEM
    )
    our_desk = await client_for("front_desk", properties=[str(ours.id)])
    answer = await our_desk.mutate(
        "lostFoundReturnItem", {"itemId": recorded["item"]["id"]}, "item { status }"
    )
    assert answer["item"] is None  # as if it did not exist
    assert [(e["code"], e["field"]) for e in answer["errors"]] == [("NOT_FOUND", "itemId")]


async def test_a_stay_shows_its_items_only_to_holders_of_the_permission(client_for, core_objects):
    stay = await core_objects.stay()
    await service.record_item(property_id=stay.property, stay_id=stay.id, description="Book")
    accountant = await client_for("accounting")  # may read stays, not lost property
    seen = await accountant.execute(STAY_ITEMS, {"id": str(stay.id)})
    assert seen["stay"]["lostItems"] == []
    housekeeper = await client_for("housekeeping")
    seen = await housekeeper.execute(STAY_ITEMS, {"id": str(stay.id)})
    assert seen["stay"]["lostItems"] == [{"description": "Book", "status": "HELD"}]
