"""The schema of sessions, staff users, API keys, roles, the audit trail and guest privacy
requests (core/auth)."""
