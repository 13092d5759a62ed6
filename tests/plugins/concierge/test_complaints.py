"""Complaints close with a resolution note; a goodwill credit must reach the folio in the same
transaction or the complaint stays open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support.hotel import book, build_hotel

from frontdesk.plugins.concierge import billing

SELECTION = "request { id status resolutionNote goodwillAmount history { kind note } }"


async def _complaint(gql) -> tuple[str, str]:
    hotel = await build_hotel(gql)
    day = hotel.business_date
    stay_id = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay_id}, "stay { id }")
    created = await gql.ok(
        "createConciergeRequest",
        {
            "propertyId": hotel.property_id,
            "stayId": stay_id,
            "type": "COMPLAINT",
            "description": "Noisy air conditioning",
            "priority": "HIGH",
        },
        "request { id }",
    )
    return stay_id, created["request"]["id"]


async def test_a_complaint_is_closed_by_its_resolution(gql):
    _stay, complaint = await _complaint(gql)
    closing = await gql.mutate(
        "setConciergeRequestStatus",
        {"requestId": complaint, "status": "IN_PROGRESS"},
        "request { status }",
    )
    assert closing["errors"] == []
    resolved = await gql.ok(
        "resolveConciergeComplaint",
        {"requestId": complaint, "resolutionNote": "Unit replaced"},
        SELECTION,
    )
    request = resolved["request"]
    assert (request["status"], request["resolutionNote"]) == ("DONE", "Unit replaced")
    assert request["history"][-1] == {"kind": "resolution", "note": "Unit replaced"}


async def test_a_complaint_cannot_be_marked_done_without_a_resolution(gql):
    _stay, complaint = await _complaint(gql)
    await gql.ok(
        "setConciergeRequestStatus",
        {"requestId": complaint, "status": "IN_PROGRESS"},
        "request { id }",
    )
    refused = await gql.mutate(
        "setConciergeRequestStatus", {"requestId": complaint, "status": "DONE"}, "request { id }"
    )
    assert refused["errors"][0]["field"] == "status"


@pytest.mark.parametrize("amount", ["0", "-5", "12.345", "1e9"])
async def test_a_goodwill_amount_must_be_a_positive_sum_of_money(gql, amount):
    _stay, complaint = await _complaint(gql)
    refused = await gql.mutate(
        "resolveConciergeComplaint",
        {"requestId": complaint, "resolutionNote": "Sorry", "goodwillAmount": amount},
        SELECTION,
    )
    assert refused["errors"][0]["field"] == "goodwillAmount"


@pytest.mark.skipif(
    billing.folio_service() is not None and hasattr(billing.folio_service(), "post_credit"),
    reason="the folio feature posts goodwill credits",
)
async def test_a_goodwill_credit_the_folio_cannot_post_leaves_the_complaint_open(gql):
    stay_id, complaint = await _complaint(gql)
    refused = await gql.mutate(
        "resolveConciergeComplaint",
        {"requestId": complaint, "resolutionNote": "Night refunded", "goodwillAmount": "50.00"},
        SELECTION,
    )
    assert refused["errors"][0]["code"] == "FEATURE_UNAVAILABLE"
    data = await gql.execute(
        "query($id: ID!) { conciergeRequest(id: $id) { status resolutionNote goodwillAmount } }",
        {"id": complaint},
    )
    assert data["conciergeRequest"] == {
        "status": "OPEN",
        "resolutionNote": None,
        "goodwillAmount": None,
    }
    assert stay_id


async def test_only_a_complaint_has_a_resolution(gql):
    hotel = await build_hotel(gql)
    other = await gql.ok(
        "createConciergeRequest",
        {"propertyId": hotel.property_id, "type": "INFORMATION"},
        "request { id }",
    )
    refused = await gql.mutate(
        "resolveConciergeComplaint",
        {"requestId": other["request"]["id"], "resolutionNote": "x"},
        SELECTION,
    )
    assert refused["errors"][0]["field"] == "requestId"
