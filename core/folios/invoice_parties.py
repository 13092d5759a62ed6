"""Who an invoice is from and to, and what stay it bills: the lines the printed invoice
shows beside its charges (seller's legal name, address, VAT number and contact; the
recipient's address; the stay's dates, room and guest)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..guests.tables import Guest
from ..properties.tables import Property, Room
from ..repository import find_row
from ..stays.tables import Stay
from .tables import CityLedgerAccount, Folio, Invoice


@dataclass(frozen=True)
class InvoiceParties:
    seller: list[str]
    recipient_address: list[str] = field(default_factory=list)
    arrival: date | None = None
    departure: date | None = None
    room: str | None = None
    guest: str | None = None


def _address(line: str | None, postal: str | None, city: str | None, country: str | None):
    town = " ".join(p for p in (postal, city) if p)
    return [p for p in (line, town, country) if p]


def seller_lines(prop: Property) -> list[str]:
    """The property as the seller: legal name, address, VAT number, phone, email."""
    lines = [prop.legal_name or prop.name]
    lines += _address(prop.address_line, prop.postal_code, prop.city, prop.country)
    if prop.vat_number:
        lines.append(f"VAT number: {prop.vat_number}")
    lines += [f"Phone: {prop.phone}"] if prop.phone else []
    lines += [f"Email: {prop.email}"] if prop.email else []
    return lines


def guest_address(guest: Guest | None) -> list[str]:
    if guest is None:
        return []
    return _address(guest.address_line, guest.postal_code, guest.city, guest.country)


async def invoice_parties(invoice: Invoice, prop: Property) -> InvoiceParties:
    """The parties of ``invoice``: billed to a city-ledger account, its address; otherwise
    the address of the folio's guest (the stay's primary guest for the guest folio)."""
    folio = await find_row(Folio, Folio.id == invoice.folio)
    stay = await find_row(Stay, Stay.id == folio.stay) if folio else None
    if stay is None:
        return InvoiceParties(seller=seller_lines(prop))
    primary = await find_row(Guest, Guest.id == stay.primary_guest)
    if folio.city_ledger_account is not None:
        account = await find_row(
            CityLedgerAccount, CityLedgerAccount.id == folio.city_ledger_account
        )
        address = [p for p in (account.address or "").splitlines() if p.strip()] if account else []
    elif folio.guest is not None and folio.guest != stay.primary_guest:
        address = guest_address(await find_row(Guest, Guest.id == folio.guest))
    else:
        address = guest_address(primary)
    room = await find_row(Room, Room.id == stay.room) if stay.room else None
    return InvoiceParties(
        seller=seller_lines(prop),
        recipient_address=address,
        arrival=stay.arrival,
        departure=stay.departure,
        room=room.number if room else None,
        guest=f"{primary.first_name} {primary.last_name}" if primary else None,
    )
