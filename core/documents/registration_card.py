"""The registration card as PDF: what a guest signs at check-in (and many countries require
hotels to keep): the hotel, the guest's identity and address, the stay's dates and room."""

from __future__ import annotations

from ..errors import NotFound
from ..guests.tables import Guest
from ..properties.tables import Property, Room
from ..stays.tables import Stay, StayGuest
from . import layout


async def registration_card_pdf(stay_id: int) -> bytes:
    """The stay's registration card; NotFound for an unknown id."""
    stay = await Stay.objects().where(Stay.id == stay_id).first()
    if stay is None:
        raise NotFound(f"Stay {stay_id} does not exist.", field="stayId")
    prop = await Property.objects().where(Property.id == stay.property).first()
    guest = await Guest.objects().where(Guest.id == stay.primary_guest).first()
    room = await Room.objects().where(Room.id == stay.room).first() if stay.room else None
    others = await StayGuest.count().where(StayGuest.stay == stay.id)
    pdf = layout.new_pdf(f"Registration card {stay.confirmation_code}")
    layout.letterhead(pdf, prop, "Registration card", [])
    document = " ".join(
        p for p in (guest.id_document_type or "", guest.id_document_number or "") if p
    )
    layout.facts(
        pdf,
        [
            ("Guest", f"{guest.first_name} {guest.last_name}"),
            ("Address", ", ".join(layout.guest_lines(guest)[1:]) or "-"),
            ("Nationality", guest.nationality or "-"),
            ("Date of birth", guest.date_of_birth.isoformat() if guest.date_of_birth else "-"),
            ("Identity document", document or "-"),
            ("E-mail", guest.email or "-"),
            ("Confirmation", stay.confirmation_code),
            ("Arrival", stay.arrival.isoformat()),
            ("Departure", stay.departure.isoformat()),
            ("Nights", str((stay.departure - stay.arrival).days)),
            ("Room", room.number if room else "-"),
            ("Guests", f"{stay.adults} adults, {stay.children} children, {others} registered"),
        ],
    )
    pdf.ln(20)
    pdf.cell(90, 6, layout.text(pdf, "Signature of the guest"), border="T")
    return layout.output(pdf)
