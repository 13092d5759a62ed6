"""The API's security: who is asking (middleware), what they may do (policy, guard, scope),
how much they may ask (limits, cost, rate limits) and what reaches the server at all (CORS,
input hygiene, idempotency). docs/security.md describes each layer."""
