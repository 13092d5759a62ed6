"""Who may read and change stays, and which id arguments name a stay (or the guests
added to one)."""

from __future__ import annotations

from frontdesk.core.guests.tables import Guest as GuestRow
from frontdesk.core.stays.tables import Stay as StayRow

from ..common.contributions import ScopeTarget

FIELD_PERMISSIONS: dict[str, str] = {
    "Query.stays": "stays.read",
    "Query.stay": "stays.read",
    "Query.availability": "stays.read",
    "Mutation.bookStay": "stays.write",
    "Mutation.modifyStay": "stays.write",
    "Mutation.cancelStay": "stays.write",
    "Mutation.checkIn": "stays.write",
    "Mutation.checkOut": "stays.write",
    "Mutation.moveRoom": "stays.write",
    "Mutation.markNoShow": "stays.write",
}

SCOPED_ARGUMENTS: dict[str, ScopeTarget] = {
    "stayId": StayRow,
    "additionalGuestIds": GuestRow,
    "Query.stay.id": StayRow,
}
