"""Who may see and do what: staff users, API keys, roles as data, sessions, login throttling,
the audit trail, idempotency keys and guest privacy (GDPR). Services only: no HTTP here."""
