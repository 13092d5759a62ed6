"""Live updates: committed events fanned out to GraphQL subscriptions over WebSocket
(docs/live.md), in one process or across processes through PostgreSQL."""
