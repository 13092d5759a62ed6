"""Core's field -> permission map: every root field of core and of the auth area, and the
guest fields that need ``guests.pii.read``. Enforced in one place (security_guard)."""

from __future__ import annotations

from frontdesk.core.auth.registry import AUTHENTICATED, PUBLIC

PII = "guests.pii.read"

CORE_FIELD_PERMISSIONS: dict[str, str] = {
    # properties, room types, rooms
    "Query.properties": "properties.read",
    "Query.property": "properties.read",
    "Query.roomTypes": "properties.read",
    "Query.rooms": "properties.read",
    "Mutation.createProperty": "properties.write",
    "Mutation.updateProperty": "properties.write",
    "Mutation.createRoomType": "properties.write",
    "Mutation.updateRoomType": "properties.write",
    "Mutation.createRoom": "properties.write",
    "Mutation.updateRoom": "properties.write",
    "Mutation.setRoomStatus": "rooms.status.write",
    # guests
    "Query.guests": "guests.read",
    "Query.guest": "guests.read",
    "Mutation.createGuest": "guests.write",
    "Mutation.updateGuest": "guests.write",
    "Guest.dateOfBirth": PII,
    "Guest.identityDocument": PII,
    "Guest.address": PII,
    "Guest.notes": PII,
    # stays
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
    "Stay.registrationCard": PII,
    # identities
    "Mutation.login": PUBLIC,
    "Mutation.refreshSession": PUBLIC,
    "Mutation.logout": AUTHENTICATED,
    "Mutation.changePassword": AUTHENTICATED,
    "Query.me": AUTHENTICATED,
    "Query.users": "users.admin",
    "Query.apiKeys": "users.admin",
    "Query.roles": "users.admin",
    "Query.permissions": "users.admin",
    "Mutation.createUser": "users.admin",
    "Mutation.updateUser": "users.admin",
    "Mutation.createApiKey": "users.admin",
    "Mutation.revokeApiKey": "users.admin",
    "Mutation.createRole": "users.admin",
    "Mutation.updateRole": "users.admin",
    # audit trail and guest privacy
    "Query.auditRecords": "audit.read",
    "Query.exportGuestData": "guests.export",
    "Query.guestsDueForAnonymization": "guests.anonymize",
    "Mutation.anonymizeGuest": "guests.anonymize",
}
