"""Who may log in, administer users, keys and roles, read the audit trail and handle guest
privacy requests. Staff users and API keys belong to no property: user administration is
global (a caller limited to some properties still cannot grant others; see mutations.py)."""

from __future__ import annotations

from frontdesk.core.auth.registry import AUTHENTICATED, PUBLIC

FIELD_PERMISSIONS: dict[str, str] = {
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

UNSCOPED_ARGUMENTS = frozenset({"userId", "apiKeyId"})
