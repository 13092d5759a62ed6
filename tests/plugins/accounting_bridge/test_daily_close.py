"""Daily close: the night audit seals its business date; later corrections land on the
current business date and reverse the sealed entry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from accounting_books import entries
from support.hotel import book, build_hotel
from support.money import charge, set_up_rates

from frontdesk.core import db
from frontdesk.core.errors import Conflict
from frontdesk.plugins.accounting_bridge.journal import write_entry

SEALED = "query($p: ID!) { accountingSealedDays(propertyId: $p) { businessDate entryCount } }"


async def test_a_correction_after_the_audit_lands_on_the_next_business_date(gql):
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=3)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    wrong = await charge(gql, {"stayId": stay}, "MINIBAR", "9.00")
    await gql.ok("runNightAudit", {"propertyId": hotel.property_id}, "report { status }")
    sealed = (await gql.execute(SEALED, {"p": hotel.property_id}))["accountingSealedDays"]
    count = len(await entries(gql, hotel.property_id, e=str(day)))
    assert sealed == [{"businessDate": day.isoformat(), "entryCount": count}]

    await gql.ok(
        "correctEntry", {"entryId": wrong["entry"]["id"], "reason": "mistake"}, "entry { id }"
    )
    [correction] = await entries(gql, hotel.property_id, src="folio_correction")
    assert correction["businessDate"] == (day + timedelta(days=1)).isoformat()
    assert len(await entries(gql, hotel.property_id, e=str(day))) == count  # day 1 unchanged


async def test_nothing_can_be_written_on_a_sealed_day(gql, in_app):
    from decimal import Decimal

    from frontdesk.core.properties.tables import Property
    from frontdesk.plugins.accounting_bridge.tables import SealedDay

    hotel = await build_hotel(gql)
    await gql.ok("runNightAudit", {"propertyId": hotel.property_id}, "report { status }")
    property_id = int(hotel.property_id)

    async def late_entry() -> int:
        # the property's date is put back by hand: the journal still refuses the sealed day
        await Property.update({Property.business_date: hotel.business_date}).where(
            Property.id == property_id
        )
        with pytest.raises(Conflict):
            async with db.write_transaction():
                await write_entry(
                    property_id=property_id,
                    currency="EUR",
                    description="late",
                    source_type="manual",
                    source_key="late:1",
                    lines=[("1000", Decimal(1)), ("4800", Decimal(-1))],
                    actor=None,
                )
        return await SealedDay.count()

    assert await in_app(late_entry) == 1
