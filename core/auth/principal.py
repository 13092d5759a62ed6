"""Who is asking: a staff user (through a session) or an API key, with what it may do and at
which properties. The API layer enforces; services may consult it for actors."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    kind: str  # "user" or "apikey"
    id: int
    name: str
    permissions: frozenset[str]
    property_ids: frozenset[int] | None  # None: every property
    session_id: int | None = None

    @property
    def actor(self) -> str:
        """How audit records and domain events name this caller: ``user:ana``."""
        return f"{self.kind}:{self.name}"

    @property
    def key(self) -> str:
        """A stable identity for rate limits and idempotency keys (names may repeat)."""
        return f"{self.kind}#{self.id}"

    def has(self, permission: str) -> bool:
        return permission in self.permissions

    def can_access(self, property_id: int | None) -> bool:
        if property_id is None or self.property_ids is None:
            return True
        return property_id in self.property_ids

    def allowed_property_ids(self) -> frozenset[int] | None:
        return self.property_ids
