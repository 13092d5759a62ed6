"""A stay with a night, a minibar charge, a payment and an invoice, through the API: what
the guest e-mail and document tests read back to the cent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from support.hotel import Hotel, book, build_hotel
from support.money import charge, night_audit, pay, set_up_rates, stay_money

# One night at 100.00 (VAT 7 %: 93.46 + 6.54) and a minibar at 21.40 (VAT 19 %: 17.98 + 3.42)
TOTAL = "121.40"


@dataclass
class InvoicedStay:
    hotel: Hotel
    stay_id: str
    invoice_id: str
    invoice_number: int


async def invoiced_stay(gql, *, language: str = "de") -> InvoicedStay:
    hotel = await build_hotel(gql)
    await set_up_rates(gql, hotel)
    await gql.ok(
        "updateProperty",
        {
            "propertyId": hotel.property_id,
            "legalName": "Hotel HQ GmbH",
            "address": {
                "line": "Domplatz 1",
                "city": "Köln",
                "postalCode": "50668",
                "country": "DE",
            },
            "vatNumber": "DE123456789",
            "phone": "+49 221 000000",
            "email": "desk@hotel.test",
        },
        "property { id }",
    )
    await gql.ok(
        "updateGuest",
        {
            "guestId": hotel.guests[0],
            "language": language,
            "address": {
                "line": "Hauptstraße 5",
                "city": "Köln",
                "postalCode": "50667",
                "country": "DE",
            },
        },
        "guest { id }",
    )
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    await gql.ok("checkIn", {"stayId": stay}, "stay { id }")
    await night_audit(gql, hotel)
    await charge(gql, {"stayId": stay}, "MINIBAR", "21.40")
    folio_id = (await stay_money(gql, stay))["folios"][0]["id"]
    await pay(gql, folio_id, TOTAL, method="CARD")
    await gql.ok("checkOut", {"stayId": stay}, "stay { id }")
    folio = (await stay_money(gql, stay))["folios"][0]
    return InvoicedStay(hotel, stay, folio["invoice"]["id"], folio["invoice"]["number"])
