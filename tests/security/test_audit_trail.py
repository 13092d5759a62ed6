"""Every mutation leaves an append-only audit record: who, when, what, which objects, and the
outcome; managers and admins read it, nobody edits it through the API."""

from __future__ import annotations

from datetime import timedelta

from support.hotel import book

RECORDS = """query($op: String, $outcome: String, $object: String) {
  auditRecords(operation: $op, outcome: $outcome, object: $object) {
    nodes { actor operation outcome objects propertyId requestId occurredAt } } }"""


async def _records(gql, **filters):
    return (await gql.execute(RECORDS, filters))["auditRecords"]["nodes"]


async def test_a_booking_is_recorded_with_who_what_and_which_objects(gql, client_for, hotel_a):
    clerk = await client_for("front_desk")
    day = hotel_a.business_date
    stay = (await book(clerk, hotel_a, day, day + timedelta(days=1)))["stay"]
    [record] = await _records(gql, op="bookStay")
    assert record["actor"] == "apikey:front_desk key"
    assert record["outcome"] == "ok"
    assert record["propertyId"] == hotel_a.property_id
    assert {
        f"stay:{stay['id']}",
        f"guest:{hotel_a.guests[0]}",
        f"property:{hotel_a.property_id}",
    } <= set(record["objects"])
    assert record["requestId"] and record["occurredAt"]


async def test_a_refused_booking_names_the_objects_that_exist_and_leaves_unknown_ids_out(
    gql, hotel_a, hotel_b
):
    """The owners of every object a mutation names are looked up together (one statement);
    an id that names nothing is left to the resolver and is not recorded as an object."""
    day = hotel_a.business_date
    extra = {"additionalGuestIds": [hotel_b.guests[0], "987654"]}
    refused = await book(gql, hotel_a, day, day + timedelta(days=1), **extra)
    assert refused["errors"][0]["code"] == "NOT_FOUND"
    [record] = await _records(gql, op="bookStay")
    assert record["outcome"] == "refused:NOT_FOUND"
    assert record["propertyId"] == hotel_a.property_id
    assert set(record["objects"]) == {
        f"property:{hotel_a.property_id}",
        f"roomType:{hotel_a.room_types['DBL']}",
        f"guest:{hotel_a.guests[0]}",
        f"guest:{hotel_b.guests[0]}",
    }


async def test_a_refused_change_is_recorded_with_its_error_code(gql, hotel_a):
    day = hotel_a.business_date
    stay = (await book(gql, hotel_a, day, day + timedelta(days=1)))["stay"]
    await gql.mutate("checkOut", {"stayId": stay["id"]}, "stay { id }")
    [record] = await _records(gql, op="checkOut")
    assert record["outcome"] == "refused:INVALID_TRANSITION"
    assert record["objects"] == [f"stay:{stay['id']}"]


async def test_an_attempt_without_permission_is_recorded_as_denied(gql, client_for, hotel_a):
    concierge = await client_for("concierge")
    await concierge.mutate("createProperty", {"code": "ZZ", "name": "Nope"}, "property { id }")
    [record] = await _records(gql, op="createProperty", outcome="denied")
    assert record["actor"] == "apikey:concierge key"


async def test_records_can_be_filtered_by_object(gql, hotel_a):
    day = hotel_a.business_date
    first = (await book(gql, hotel_a, day, day + timedelta(days=1)))["stay"]
    await book(gql, hotel_a, day, day + timedelta(days=1), guest=1)
    records = await _records(gql, object=f"stay:{first['id']}")
    assert [r["operation"] for r in records] == ["bookStay"]


async def test_managers_read_the_trail_and_the_front_desk_does_not(client_for, hotel_a):
    manager = await client_for("manager")
    clerk = await client_for("front_desk")
    assert len((await manager.execute(RECORDS, {}))["auditRecords"]["nodes"]) > 0
    body = (await clerk.raw(RECORDS, {})).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_manager_of_one_hotel_sees_only_its_records(gql, client_for, hotel_a, hotel_b):
    manager = await client_for("manager", properties=[hotel_a.property_id])
    properties = {
        r["propertyId"] for r in (await manager.execute(RECORDS, {}))["auditRecords"]["nodes"]
    }
    assert properties == {hotel_a.property_id}


async def test_no_mutation_can_change_or_delete_audit_records(app):
    from graphql import GraphQLObjectType, get_named_type

    mutation = app.state.schema._schema.get_type("Mutation")
    touching = []
    for name, field in mutation.fields.items():
        payload = get_named_type(field.type)
        fields = payload.fields.values() if isinstance(payload, GraphQLObjectType) else []
        returned = {get_named_type(f.type).name for f in fields} | {payload.name}
        if "auditrecord" in name.lower() or "AuditRecord" in returned:
            touching.append(name)
    assert touching == []


async def test_a_mutation_whose_audit_record_fails_leaves_nothing_behind(gql, app, hotel_a):
    """The audit record is written in the mutation's own transaction: if it cannot be
    written, the change it describes is not committed either."""
    from frontdesk.core.auth import audit

    original = audit.record

    async def broken(**kwargs):
        if kwargs["operation"] == "createGuest":
            raise RuntimeError("the audit table is unwritable")
        return await original(**kwargs)

    audit.record = broken
    try:
        response = await gql.raw(
            """mutation($p: ID!) { createGuest(input: {propertyId: $p, firstName: "Lost",
            lastName: "Audit"}) { guest { id } errors { code } } }""",
            {"p": hotel_a.property_id},
        )
    finally:
        audit.record = original
    assert response.json()["errors"]
    found = await gql.execute('{ guests(search: "Audit") { nodes { id } } }')
    assert found["guests"]["nodes"] == []
