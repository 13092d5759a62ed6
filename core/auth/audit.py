"""The audit trail: one append-only record per mutation (who, when, which operation, which
objects, outcome). There is no update or delete here on purpose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import db
from ..pagination import Page, paginate
from ..repository import insert
from .common import dumps
from .tables import AuthAuditRecord

MAX_OBJECTS = 50


async def record(
    *,
    actor: str,
    operation: str,
    objects: list[str],
    outcome: str,
    request_id: str,
    property_id: int | None = None,
    detail: str = "",
) -> AuthAuditRecord:
    row = AuthAuditRecord(
        actor=actor[:120],
        operation=operation[:100],
        subjects=dumps(objects[:MAX_OBJECTS]),
        outcome=outcome[:60],
        detail=detail[:1000],
        request_id=request_id[:40],
        property_id=property_id,
    )

    # One statement, atomic on its own: no transaction around it (on PostgreSQL that saved
    # the BEGIN and COMMIT round trips after every mutation). Inside a mutation's own
    # transaction it joins that transaction.
    await insert([row])
    return row


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    operation: str | None = None
    outcome: str | None = None
    property_id: int | None = None
    object: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def search(
    filters: AuditFilter,
    *,
    allowed_property_ids: frozenset[int] | None,
    first: int,
    after: str | None,
) -> Page:
    """Records matching every given filter, oldest first; a caller limited to some properties
    sees only records of those properties."""
    table = AuthAuditRecord
    parts = []
    if filters.actor:
        parts.append(table.actor == filters.actor)
    if filters.operation:
        parts.append(table.operation == filters.operation)
    if filters.outcome:
        parts.append(table.outcome == filters.outcome)
    if filters.property_id is not None:
        parts.append(table.property_id == filters.property_id)
    if filters.object:
        parts.append(db.like(table.subjects, f'%"{db.like_text(filters.object)}"%'))
    if filters.since:
        parts.append(table.occurred_at >= filters.since)
    if filters.until:
        parts.append(table.occurred_at < filters.until)
    if allowed_property_ids is not None:
        parts.append(table.property_id.is_in(sorted(allowed_property_ids) or [-1]))
    condition = None
    for part in parts:
        condition = part if condition is None else condition & part
    return await paginate(table, condition, first=first, after=after)
