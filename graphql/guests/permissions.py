"""Who may read and change guest profiles; the fields holding personal data need
``guests.pii.read`` besides (a protected field shows null to a caller without it)."""

from __future__ import annotations

from frontdesk.core.guests.tables import Guest as GuestRow

from ..common.contributions import ScopeTarget

PII = "guests.pii.read"

FIELD_PERMISSIONS: dict[str, str] = {
    "Query.guests": "guests.read",
    "Query.guest": "guests.read",
    "Mutation.createGuest": "guests.write",
    "Mutation.updateGuest": "guests.write",
    "Guest.dateOfBirth": PII,
    "Guest.identityDocument": PII,
    "Guest.address": PII,
    "Guest.notes": PII,
}

SCOPED_ARGUMENTS: dict[str, ScopeTarget] = {
    "guestId": GuestRow,
    "Query.guest.id": GuestRow,
}
